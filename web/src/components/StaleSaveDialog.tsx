import { buildingUse, type BuildingUse } from '@census/shared'
import { useEditor, useEditState } from '../app/use-editor.ts'
import { describeVersion, type VersionField } from '../editor/compare-versions.ts'
import type { Edited } from '../editor/edit-session.ts'
import { editorText as t, fill } from '../i18n/editor-strings.ts'
import { ui } from '../i18n/strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'

const rowLabel: Record<VersionField, keyof typeof t> = {
  version: 'version',
  updatedBy: 'updatedBy',
  vertices: 'vertices',
  area: 'area',
  use: 'use',
  floors: 'floors',
  households: 'households',
  address: 'address',
  note: 'note',
  location: 'location',
  footprint: 'footprint',
}

/**
 * Someone else saved first: both versions side by side, and the person chooses. Neither is lost:
 * keeping mine saves it over theirs, taking theirs keeps mine one undo away.
 */
export function StaleSaveDialog() {
  const text = useText()
  const editor = useEditor()
  const language = useViewer((s) => s.language)
  const entries = useEditState((s) => s.entries)
  const author = useEditState((s) => s.author)
  const entry = [...entries.values()].find((e) => e.conflict)
  if (!entry?.conflict) return null
  const theirs = entry.conflict
  const mine = entry.working
  const label = (field: VersionField) => text(t[rowLabel[field]])
  const rowsOf = (edited: Edited | null) => new Map((edited ? describeVersion(edited) : []).map((r) => [r.field, r.value]))
  const [mineRows, theirRows] = [rowsOf(mine), rowsOf(theirs)]
  const fields = [...theirRows.keys()]
  const show = (field: VersionField, value: string | undefined) =>
    value === undefined ? '' : field === 'use' ? text(buildingUse.labels[value as BuildingUse]) : field === 'footprint' && value === '' ? text(ui.none) : value
  const when = new Date(theirs.feature.properties.updatedAt).toLocaleString(localeOf(language))
  return (
    <div className="dialog-backdrop">
      <div className="dialog stale-dialog" role="dialog" aria-modal="true" aria-labelledby="stale-title" data-testid="stale-dialog">
        <h2 id="stale-title">{text(t.staleTitle)}</h2>
        <p>
          {fill(text(t.staleIntro), { who: theirs.feature.properties.updatedBy, when })}
          <br />
          <span className="code">{theirs.feature.properties.code}</span>
        </p>
        <table>
          <thead>
            <tr>
              <th />
              <th>{text(t.mine)}</th>
              <th>{text(t.theirs)}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              // Mine is based on the version I opened, and is by me.
              const a = field === 'updatedBy' ? author : show(field, mineRows.get(field))
              const b = show(field, theirRows.get(field))
              return (
                <tr key={field} className={a !== b ? 'differs' : ''}>
                  <th>{label(field)}</th>
                  <td data-testid={`mine-${field}`}>{mine ? a : text(t.deleted)}</td>
                  <td data-testid={`theirs-${field}`}>{b}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="form-buttons">
          <button
            type="button"
            className="save"
            onClick={() => {
              editor.session.keepMine(entry.key)
              void editor.save()
            }}
          >
            {text(t.keepMine)}
          </button>
          <button type="button" onClick={() => editor.takeTheirs(entry.key)}>
            {text(t.takeTheirs)}
          </button>
        </div>
      </div>
    </div>
  )
}
