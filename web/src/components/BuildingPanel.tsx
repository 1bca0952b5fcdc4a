import { useMemo, useState } from 'react'
import { buildingUse, checkFootprint, type FieldProblem } from '@census/shared'
import { useEditor, useEditState } from '../app/use-editor.ts'
import { buildingFormValuesOf, footprintInForm, nextBuildingValues, type BuildingFormValues } from '../editor/building-form.ts'
import type { BuildingFeature } from '../features.ts'
import { editorText as t } from '../i18n/editor-strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'

/** The tagging tool's side panel: the form of the building being placed or held, then the buildings here. */
export function BuildingPanel() {
  const placing = useEditState((s) => s.placing)
  const amending = useEditState((s) => s.amending)
  return (
    <section className="building-panel" data-testid="building-panel">
      {placing && <BuildingForm key={placing.coordinates.join(',')} />}
      {amending && <BuildingForm key={amending.key} opened={amending.opened} />}
      <BuildingList />
    </section>
  )
}

/** The form of a new building, filled from the last one, or of a saved one (`opened`), filled with its own values. */
function BuildingForm({ opened }: { opened?: BuildingFeature }) {
  const text = useText()
  const editor = useEditor()
  const last = useEditState((s) => s.lastBuilding)
  const [values, setValues] = useState<BuildingFormValues>(() => (opened ? buildingFormValuesOf(opened.properties) : nextBuildingValues(last)))
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const problemOf = (field: string) => problems.find((p) => p.path === field)
  const set = (field: keyof BuildingFormValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }))
  const field = (name: 'floors' | 'households' | 'address' | 'note', label: string, type: 'number' | 'text') => (
    <label className={problemOf(name) ? 'invalid' : ''}>
      <span>{label}</span>
      <input name={name} type={type} inputMode={type === 'number' ? 'numeric' : undefined} value={values[name]} onChange={set(name)} />
      {problemOf(name) && <em className="problem">{text(problemOf(name)!.message)}</em>}
    </label>
  )
  const others = problems.filter((p) => !['floors', 'households', 'address', 'note', 'use', 'footprint'].includes(p.path))
  return (
    <form
      className="building-form"
      data-testid="building-form"
      onSubmit={(event) => {
        event.preventDefault()
        void editor.submitBuilding(values).then(setProblems)
      }}
    >
      <h2>
        {text(opened ? t.amendBuilding : t.buildingForm)}
        {opened && <span className="code">{opened.properties.code}</span>}
      </h2>
      {!opened && last && <p className="hint">{text(t.keptValues)}</p>}
      <label>
        <span>{text(t.use)}</span>
        <select name="use" value={values.use} onChange={set('use')}>
          {buildingUse.values.map((use) => (
            <option key={use} value={use}>
              {text(buildingUse.labels[use])}
            </option>
          ))}
        </select>
      </label>
      {field('floors', text(t.floors), 'number')}
      {field('households', text(t.households), 'number')}
      {field('address', text(t.address), 'text')}
      {field('note', text(t.note), 'text')}
      <FootprintField problems={problems.filter((p) => p.path === 'footprint')} />
      {others.map((p) => (
        <p key={p.path} className="problem" role="alert">
          {text(p.message)}
        </p>
      ))}
      <div className="form-buttons">
        <button type="submit" className="save">
          {text(opened ? t.saveAmendment : t.saveBuilding)}
        </button>
        <button type="button" onClick={() => editor.cancelBuildingForm()}>
          {text(t.cancel)}
        </button>
      </div>
    </form>
  )
}

/**
 * The optional outline of the building in the form, traced on the map round its point (a saved
 * building's own, kept until it is traced again or cleared); checked against the point as soon as
 * it is closed (shared `checkFootprint`, the server's own rule), and again on save.
 */
function FootprintField({ problems }: { problems: FieldProblem[] }) {
  const text = useText()
  const editor = useEditor()
  const { placing, footprint, tracing } = useEditState((s) => s)
  const building = editor.buildingInForm()
  const location = placing ?? building?.geometry ?? null
  const outline = footprintInForm(footprint, building)
  const shown = outline && location ? checkFootprint(outline, location.coordinates) : problems
  const hint = tracing ? t.tracingHint : footprint === 'kept' && outline ? t.footprintKept : outline ? t.footprintTraced : t.footprintOptional
  return (
    <div className={`footprint-field ${shown.length > 0 ? 'invalid' : ''}`} data-testid="footprint-field">
      <span>{text(t.footprint)}</span>
      <p className="hint">{text(hint)}</p>
      <div className="form-buttons">
        <button type="button" disabled={tracing} onClick={() => editor.traceFootprint()}>
          {text(outline ? t.retraceFootprint : t.traceFootprint)}
        </button>
        {(outline || tracing) && (
          <button type="button" onClick={() => editor.clearFootprint()}>
            {text(t.clearFootprint)}
          </button>
        )}
      </div>
      {shown.map((p) => (
        <em key={p.message.en} className="problem" role="alert">
          {text(p.message)}
        </em>
      ))}
    </div>
  )
}

/** How many list rows to draw: a district has a few hundred buildings, a search narrows them. */
const LIST_LIMIT = 200

function BuildingList() {
  const text = useText()
  const editor = useEditor()
  const entries = useEditState((s) => s.entries)
  const district = useEditState((s) => s.district)
  const loaded = useViewer((s) => s.buildings)
  const selection = useViewer((s) => s.selection)
  const [query, setQuery] = useState('')
  const buildings = useMemo(
    () => editor.buildings().features.filter((b) => b.properties.districtCode === district),
    // editor.buildings() reads both stores; these are the values its answer depends on.
    [editor, entries, loaded, district],
  )
  const q = query.trim()
  const shown = buildings.filter((b) => !q || b.properties.code.includes(q) || b.properties.address.includes(q))
  return (
    <div className="building-list" data-testid="building-list">
      <h3>
        {text(t.buildingList)}（{buildings.length}）
      </h3>
      <input type="search" value={query} placeholder={text(t.search)} aria-label={text(t.search)} onChange={(e) => setQuery(e.target.value)} />
      {shown.length === 0 && <p className="hint">{text(t.noBuildings)}</p>}
      <ul>
        {shown.slice(0, LIST_LIMIT).map((b) => (
          <li key={b.properties.code} className={selection?.kind === 'building' && selection.code === b.properties.code ? 'selected' : ''}>
            <button type="button" className="building-row" onClick={() => editor.holdBuilding(b.properties.code)}>
              <span className="code">{b.properties.code}</span>
              <span>{b.properties.address || text(buildingUse.labels[b.properties.use])}</span>
              <span className="count">{b.properties.households}</span>
            </button>
            <button
              type="button"
              className="row-delete"
              title={text(t.deleteBuilding)}
              aria-label={`${text(t.deleteBuilding)} ${b.properties.code}`}
              onClick={() => void editor.deleteBuilding(b.properties.code)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
