/**
 * Progress over time and the finish date it points to: each township's daily counts (as the server
 * reconstructs them from history), the city's sum, and a forecast at the recent pace against the
 * office's deadline.
 */
import { z } from 'zod'
import { DAY_MS } from './china-time.ts'

export interface TownshipSeries {
  code: string
  name: string
  /** The official list and the estimate as they stand at the last day. */
  expectedDistricts: number
  expectedBuildings: number | null
  /** One value per `CompletionSeries.days` entry. */
  drawnDistricts: number[]
  buildingsMarked: number[]
}

export interface CompletionSeries {
  /** The end of each day of the campaign (24:00 China time, as ISO 8601 UTC instants), oldest first. */
  days: string[]
  townships: TownshipSeries[]
}

/** `GET /api/report/series?until=…`: every day of the history up to that moment (default: now). */
export const seriesQuerySchema = z
  .object({
    county: z.string().regex(/^[0-9]{6}$/, 'county must be a 6-digit code').optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
export type SeriesQuery = z.infer<typeof seriesQuerySchema>

/** The whole city as one series: every township's counts summed day by day. */
export function citySeries(series: CompletionSeries, name: string): TownshipSeries {
  const sumOf = (pick: (t: TownshipSeries) => number[]) => series.days.map((_, i) => series.townships.reduce((s, t) => s + pick(t)[i]!, 0))
  const estimated = series.townships.filter((t) => t.expectedBuildings !== null)
  return {
    code: '',
    name,
    expectedDistricts: series.townships.reduce((s, t) => s + t.expectedDistricts, 0),
    expectedBuildings: estimated.length === 0 ? null : estimated.reduce((s, t) => s + t.expectedBuildings!, 0),
    drawnDistricts: sumOf((t) => t.drawnDistricts),
    buildingsMarked: sumOf((t) => t.buildingsMarked),
  }
}

/** `no_deadline`: the county has no deadline yet, so the finish date (or a stall) is judged against nothing. */
export type ForecastState = 'done' | 'on_track' | 'at_risk' | 'no_target' | 'no_deadline'

export interface Forecast {
  state: ForecastState
  /** Units per day over the recent window (0 when nothing moved). */
  pacePerDay: number
  /** When the target is (or was) reached at that pace; null when it never will be or there is no target. */
  finishAt: string | null
}

/**
 * When `done` reaches `target` if it keeps its pace of the last `windowDays` days. A township that
 * has stopped moving is at risk (it finishes never); one already there is done, whatever the date.
 * `deadline` is the end of the county's deadline day (chinaDayEnd), null while none is set.
 */
export function forecastFinish(days: readonly string[], done: readonly number[], target: number | null, deadline: Date | null, windowDays = 7): Forecast {
  const n = Math.min(days.length, done.length)
  if (target === null || target <= 0 || n === 0) return { state: 'no_target', pacePerDay: 0, finishAt: null }
  const reached = done.findIndex((v) => v >= target)
  if (reached >= 0 && reached < n) return { state: 'done', pacePerDay: 0, finishAt: days[reached]! }
  const lastAt = Date.parse(days[n - 1]!)
  const from = Math.max(0, n - 1 - windowDays)
  const spanDays = (lastAt - Date.parse(days[from]!)) / DAY_MS
  const pacePerDay = spanDays > 0 ? Math.max(0, (done[n - 1]! - done[from]!) / spanDays) : 0
  if (pacePerDay === 0) return { state: deadline ? 'at_risk' : 'no_deadline', pacePerDay, finishAt: null }
  const finish = lastAt + ((target - done[n - 1]!) / pacePerDay) * DAY_MS
  const state = !deadline ? 'no_deadline' : finish <= deadline.getTime() ? 'on_track' : 'at_risk'
  return { state, pacePerDay, finishAt: new Date(finish).toISOString() }
}
