/**
 * The county's deadline for drawing the districts: one day for every office worker (it is kept on
 * the server), the days left and how many townships will miss it at their recent pace. The city
 * office changes it in place: click the day, pick another on the calendar, and it is saved at
 * once, based on the version the report was read with; 清除 takes it away (after a confirm). If someone changed it in between, their
 * day is shown with the server's message, and the next pick overwrites it knowingly. Only the
 * deadline as of now is editable, like the expected buildings (EstimateCell).
 */
import { useState } from 'react'
import { atChinaHour, chinaDayOf, DAY_MS, type Bilingual, type CountySettings } from '@census/shared'
import { ApiError, updateCountyDeadline } from '../api/census-api.ts'
import { messageOf } from '../app/load-city.ts'
import { useEditState } from '../app/use-editor.ts'
import { useText } from '../i18n/use-text.ts'
import { DayPicker } from './DayPicker.tsx'
import { monthDay } from './forecast-text.ts'
import { reportText } from './report-text.ts'

interface Props {
  county: CountySettings
  asOf: Date
  /** Townships whose forecast misses the deadline. */
  atRisk: number
  editable: boolean
  onSaved: () => void
}

/** What this page last saved or was told by a refusal; it stands until the report is read again at that version. */
type Local = { version: number; deadline: string | null; problem: Bilingual | null; saving: boolean }

function daysLeft(deadline: string, asOf: Date): Bilingual {
  const left = Math.round((Date.parse(deadline) - Date.parse(chinaDayOf(asOf))) / DAY_MS)
  if (left > 0) return { zh: `还有${left}天`, en: `${left} day${left === 1 ? '' : 's'} left` }
  if (left === 0) return { zh: '今天截止', en: 'due today' }
  return { zh: `已过${-left}天`, en: `${-left} day${left === -1 ? '' : 's'} past` }
}

export function DeadlineCard({ county, asOf, atRisk, editable, onSaved }: Props) {
  const text = useText()
  const author = useEditState((s) => s.author)
  const [local, setLocal] = useState<Local | null>(null)
  const current = local && local.version >= county.version ? local : { version: county.version, deadline: county.deadline, problem: null, saving: false }
  const { deadline } = current

  /** A day, or null to clear it. */
  const save = async (day: string | null) => {
    setLocal({ ...current, deadline: day, problem: null, saving: true })
    try {
      const saved = await updateCountyDeadline(county.code, current.version, day, author.trim())
      setLocal({ version: saved.version, deadline: saved.deadline, problem: null, saving: false })
      onSaved()
    } catch (error) {
      // Someone saved first: show their day, and base the next pick on their version.
      const theirs = error instanceof ApiError && error.body?.error.code === 'stale_version' ? (error.body.error.current as CountySettings) : null
      setLocal({ ...current, ...(theirs ? { version: theirs.version, deadline: theirs.deadline } : {}), problem: messageOf(error), saving: false })
    }
  }

  const shown = deadline ? text(monthDay(atChinaHour(deadline, 0))) : text(reportText.deadlineNotSet)
  const risk: Bilingual = atRisk > 0 ? { zh: `${atRisk}个镇街可能延误`, en: `${atRisk} township${atRisk === 1 ? '' : 's'} at risk` } : { zh: '各镇街均可按期完成', en: 'every township on time' }
  return (
    <div className={`report-card deadline-card ${atRisk > 0 ? 'has-risk' : ''}`} data-testid="card-deadline" data-deadline={county.deadline ?? ''} title={text(reportText.deadlineHint)}>
      <div className="card-label">
        {text(reportText.deadlineCard)}
        {/* Cleared, every township's forecast says there is no deadline to judge it by: asked first. */}
        {editable && deadline && (
          <button
            type="button"
            className="deadline-clear"
            disabled={current.saving}
            title={text(reportText.deadlineClearHint)}
            onClick={() => {
              if (window.confirm(text(reportText.deadlineClearConfirm))) void save(null)
            }}
          >
            {text(reportText.deadlineClear)}
          </button>
        )}
      </div>
      <div className="card-value">
        {editable ? (
          <DayPicker day={deadline} text={shown} label={text(reportText.deadlineEdit)} onPick={(day) => void save(day)} disabled={current.saving} testId="deadline" />
        ) : (
          shown
        )}
      </div>
      <div className="card-detail">
        {deadline ? (
          <>
            {text(daysLeft(deadline, asOf))} · <span className="deadline-risk">{text(risk)}</span>
          </>
        ) : (
          editable && text(reportText.deadlineSetHint)
        )}
      </div>
      {current.problem && (
        <div className="deadline-problem" role="alert">
          {text(current.problem)}
        </div>
      )}
    </div>
  )
}
