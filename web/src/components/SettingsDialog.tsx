import { useState } from 'react'
import { createPortal } from 'react-dom'
import type { FieldProblem } from '@census/shared'
import { settingsText as t, presetName } from '../i18n/settings-strings.ts'
import { useText } from '../i18n/use-text.ts'
import { basemapPresets, checkBasemapForm, isTianditu, presetValues, type BasemapFormValues } from '../settings/basemap-settings.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/** The header's 设置 button and the dialog it opens. */
export function SettingsButton() {
  const text = useText()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="header-button" onClick={() => setOpen(true)}>
        {text(t.open)}
      </button>
      {/* Into the page's body: inside the header it would take the header's white text. */}
      {open && createPortal(<SettingsDialog close={() => setOpen(false)} />, document.body)}
    </>
  )
}

/**
 * The base map: offline (the default), 天地图 with a key, an OSM-style server or any XYZ template.
 * The choice is checked before it is applied and kept in this browser.
 */
function SettingsDialog({ close }: { close: () => void }) {
  const text = useText()
  const store = useViewerStore()
  const chosen = useViewer((s) => s.basemapChoice)
  const configured = useViewer((s) => s.basemap)
  const [values, setValues] = useState<BasemapFormValues>(() => chosen ?? presetValues('offline'))
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const problemOf = (field: keyof BasemapFormValues) => problems.find((p) => p.path === field)
  const pick = (preset: BasemapFormValues['preset']) => {
    setValues(presetValues(preset, isTianditu(preset) ? values.key : ''))
    setProblems([])
  }
  const field = (name: Exclude<keyof BasemapFormValues, 'preset' | 'labels'>, label: string, hint?: string) => (
    <label className={problemOf(name) ? 'invalid' : ''}>
      <span>{label}</span>
      <input
        name={name}
        value={values[name]}
        inputMode={name === 'maxZoom' ? 'numeric' : undefined}
        spellCheck={false}
        onChange={(e) => {
          setValues((v) => ({ ...v, [name]: e.target.value }))
          // What was said about the old value no longer holds.
          setProblems((ps) => ps.filter((p) => p.path !== name))
        }}
      />
      {problemOf(name) ? <em className="problem">{text(problemOf(name)!.message)}</em> : hint && <em className="hint">{hint}</em>}
    </label>
  )
  const tianditu = isTianditu(values.preset)
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <form
        className="dialog settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-dialog"
        onSubmit={(event) => {
          event.preventDefault()
          const checked = checkBasemapForm(values)
          if (!checked.ok) {
            setProblems(checked.problems)
            return
          }
          store.chooseBasemap(values)
          close()
        }}
      >
        <h2 id="settings-title">{text(t.title)}</h2>
        <fieldset className="basemap-presets">
          <legend>{text(t.basemap)}</legend>
          {basemapPresets.map((preset) => (
            <label key={preset}>
              <input type="radio" name="preset" value={preset} checked={values.preset === preset} onChange={() => pick(preset)} />
              {text(presetName[preset])}
            </label>
          ))}
        </fieldset>
        {values.preset === 'offline' ? (
          <p className="hint">{text(t.offlineNote)}</p>
        ) : (
          <div className="basemap-fields">
            {tianditu ? field('key', text(t.key), text(t.keyHint)) : field('url', text(t.url), text(t.urlHint))}
            {tianditu && (
              <label className="checkbox">
                <input type="checkbox" name="labels" checked={values.labels} onChange={(e) => setValues((v) => ({ ...v, labels: e.target.checked }))} />
                {text(t.labels)}
              </label>
            )}
            {!tianditu && field('subdomains', text(t.subdomains), text(t.subdomainsHint))}
            {field('attribution', text(t.attribution))}
            {field('maxZoom', text(t.maxZoom))}
          </div>
        )}
        {configured && <p className="hint">{text(t.serverDefault)}</p>}
        <div className="form-buttons">
          <button type="submit" className="save">
            {text(t.apply)}
          </button>
          <button type="button" onClick={close}>
            {text(t.cancel)}
          </button>
          {chosen && (
            <button
              type="button"
              className="reset"
              onClick={() => {
                store.chooseBasemap(null)
                close()
              }}
            >
              {text(t.reset)}
            </button>
          )}
        </div>
      </form>
    </div>
  )
}
