import { useMemo, useState } from 'react'
import { buildingUse, checkFootprint, type FieldProblem } from '@census/shared'
import { useEditor, useEditState } from '../app/use-editor.ts'
import { nextBuildingValues, type BuildingFormValues } from '../editor/building-form.ts'
import { editorText as t } from '../i18n/editor-strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'

/** The tagging tool's side panel: the form of the building being placed, then the buildings here. */
export function BuildingPanel() {
  const placing = useEditState((s) => s.placing)
  return (
    <section className="building-panel" data-testid="building-panel">
      {placing && <BuildingForm key={placing.coordinates.join(',')} />}
      <BuildingList />
    </section>
  )
}

function BuildingForm() {
  const text = useText()
  const editor = useEditor()
  const last = useEditState((s) => s.lastBuilding)
  const [values, setValues] = useState<BuildingFormValues>(() => nextBuildingValues(last))
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
      <h2>{text(t.buildingForm)}</h2>
      {last && <p className="hint">{text(t.keptValues)}</p>}
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
          {text(t.saveBuilding)}
        </button>
        <button type="button" onClick={() => editor.cancelPlacing()}>
          {text(t.cancel)}
        </button>
      </div>
    </form>
  )
}

/**
 * The optional outline of the building being placed, traced on the map round its point; checked as
 * soon as it is closed (shared `checkFootprint`, the server's own rule), and again on save.
 */
function FootprintField({ problems }: { problems: FieldProblem[] }) {
  const text = useText()
  const editor = useEditor()
  const { placing, footprint, tracing } = useEditState((s) => s)
  const shown = footprint && placing ? checkFootprint(footprint, placing.coordinates) : problems
  return (
    <div className={`footprint-field ${shown.length > 0 ? 'invalid' : ''}`} data-testid="footprint-field">
      <span>{text(t.footprint)}</span>
      <p className="hint">{text(tracing ? t.tracingHint : footprint ? t.footprintTraced : t.footprintOptional)}</p>
      <div className="form-buttons">
        <button type="button" disabled={tracing} onClick={() => editor.traceFootprint()}>
          {text(footprint ? t.retraceFootprint : t.traceFootprint)}
        </button>
        {(footprint || tracing) && (
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
