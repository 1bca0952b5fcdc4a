import { useEditor, useEditState } from '../app/use-editor.ts'
import type { KindedFeature } from '../features.ts'
import { fieldName, ui } from '../i18n/strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'
import { describeFeature, smallAreasOfDistrict, type RowValue, type UnsavedEdit } from './feature-rows.ts'

/** A district's small areas as they are being edited, each a button that selects it; virtual ones are marked. */
function DistrictSmallAreas({ district }: { district: string }) {
  const text = useText()
  const store = useViewerStore()
  const editor = useEditor()
  // Re-rendered when the township's small areas arrive or the session changes (a small area drawn but not saved is listed too).
  useEditState((s) => s.entries)
  useViewer((s) => s.smallAreas)
  const items = smallAreasOfDistrict(editor.smallAreas().features, district)
  return (
    <section className="district-small-areas" data-testid="district-small-areas">
      <h3>
        {text(ui.smallAreasHere)}（{items.length}）
      </h3>
      {items.length === 0 && <p className="hint">{text(ui.noSmallAreas)}</p>}
      <ul className="undrawn-list">
        {items.map((item) => (
          <li key={item.code}>
            <button type="button" onClick={() => store.select({ kind: 'smallArea', code: item.code })}>
              <span>
                {text(item.title)}
                {item.virtual && <span className="virtual-tag">{text(ui.virtualTag)}</span>}
              </span>
              <span className="code">{item.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A feature's details; with `unsaved`, `item` is the version being edited and what differs from the saved one is marked. */
export function FeatureDetails({ item, unsaved = null }: { item: KindedFeature; unsaved?: UnsavedEdit | null }) {
  const text = useText()
  const store = useViewerStore()
  const state = useViewer((s) => s)
  const about = describeFeature(item, state, localeOf(state.language), unsaved)
  const show = (value: RowValue) => (typeof value === 'string' ? value : text(value))
  const unsavedTag = <span className="unsaved-tag">{text(ui.unsaved)}</span>
  return (
    <section className={`feature-details ${about.unsaved ? 'unsaved' : ''}`} data-testid="feature-details">
      <header>
        <span className="feature-kind">
          {text(about.kind)}
          {about.unsaved && (
            <span title={text(ui.unsavedHint)} data-testid="feature-unsaved">
              {unsavedTag}
            </span>
          )}
        </span>
        <button type="button" className="close" aria-label={text(ui.close)} title={text(ui.close)} onClick={() => store.select(null)}>
          ×
        </button>
      </header>
      <h2 className="feature-title">{show(about.title)}</h2>
      <p className="feature-code" data-testid="feature-code">
        {about.code}
      </p>
      {!about.onMap && <p className="feature-note">{text(ui.notOnMap)}</p>}
      <dl className="feature-rows">
        {about.rows.map((row) => (
          <div key={row.field} className={row.unsaved ? 'unsaved' : undefined} data-field={row.field}>
            <dt>{text(fieldName[row.field])}</dt>
            <dd>
              {show(row.value)}
              {row.unsaved && unsavedTag}
            </dd>
          </div>
        ))}
      </dl>
      {item.kind === 'district' && item.feature.geometry && <DistrictSmallAreas district={about.code} />}
    </section>
  )
}
