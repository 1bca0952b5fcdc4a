/**
 * The township's expected buildings in the report table, editable by the city office: click the
 * number, type, Enter saves (Escape or leaving the field cancels). The edit is based on the version
 * read when editing began; if someone saved in between, the server's 409 shows their value and the
 * next Enter overwrites it knowingly. Only the figures as of now are editable.
 */
import { useState } from 'react'
import type { Bilingual, TownshipFigures } from '@census/shared'
import { ApiError, readTownship, updateTownshipEstimate } from '../api/census-api.ts'
import { useEditState } from '../app/use-editor.ts'
import { messageOf } from '../app/load-city.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'
import { reportText } from './report-text.ts'

interface Props {
  township: TownshipFigures
  editable: boolean
  onSaved: () => void
}

type Editing = { text: string; version: number | null; problem: Bilingual | null; saving: boolean }

export function EstimateCell({ township, editable, onSaved }: Props) {
  const text = useText()
  const language = useViewer((s) => s.language)
  const author = useEditState((s) => s.author)
  const [editing, setEditing] = useState<Editing | null>(null)
  const value = township.expectedBuildings
  const shown = value === null ? '—' : value.toLocaleString(localeOf(language))
  const enteredOn = township.expectedBuildingsOn ? `${text(reportText.estimateEnteredOn)} ${township.expectedBuildingsOn}` : text(reportText.estimateNever)

  if (!editable) return <td title={enteredOn}>{shown}</td>

  const start = () => {
    setEditing({ text: value === null ? '' : String(value), version: null, problem: null, saving: false })
    readTownship(township.code).then(
      (t) => setEditing((e) => e && { ...e, version: t.properties.version }),
      (error: unknown) => setEditing((e) => e && { ...e, problem: messageOf(error) }),
    )
  }
  const save = async (current: Editing) => {
    const trimmed = current.text.trim()
    const next = trimmed === '' ? null : Number(trimmed)
    if (next !== null && (!Number.isInteger(next) || next < 0)) {
      setEditing({ ...current, problem: reportText.estimateInvalid })
      return
    }
    setEditing({ ...current, saving: true })
    try {
      const version = current.version ?? (await readTownship(township.code)).properties.version
      await updateTownshipEstimate(township.code, version, next, author.trim())
      setEditing(null)
      onSaved()
    } catch (error) {
      // Someone saved first: show their value, and base the next Enter on their version.
      const currentTownship = error instanceof ApiError && error.body?.error.code === 'stale_version' ? (error.body.error.current as { properties: { version: number; expectedBuildings: number | null } }) : null
      setEditing({
        ...current,
        saving: false,
        problem: messageOf(error),
        ...(currentTownship ? { version: currentTownship.properties.version, text: String(currentTownship.properties.expectedBuildings ?? '') } : {}),
      })
    }
  }

  if (!editing) {
    return (
      <td className="estimate">
        <button type="button" className="estimate-value" title={`${enteredOn} · ${text(reportText.estimateEdit)}`} onClick={start} data-testid={`estimate-${township.code}`}>
          {shown}
        </button>
      </td>
    )
  }
  return (
    <td className="estimate editing">
      <input
        type="number"
        min={0}
        step={1}
        autoFocus
        value={editing.text}
        disabled={editing.saving}
        aria-label={text(reportText.estimateEdit)}
        onChange={(e) => setEditing({ ...editing, text: e.target.value, problem: null })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save(editing)
          if (e.key === 'Escape') setEditing(null)
        }}
        onBlur={() => {
          if (!editing.saving && !editing.problem) setEditing(null)
        }}
      />
      {editing.problem && (
        <div className="estimate-problem" role="alert">
          {text(editing.problem)}
        </div>
      )}
    </td>
  )
}
