/**
 * Whether a township is done (完成), decided once for the page, the exports and any later bulletin.
 *
 * Done means all three:
 * - every district on the official list is drawn;
 * - its buildings are marked: at least the city office's estimate, or every district approved (the
 *   reviewers' word that marking is finished outranks an estimate that was set too high);
 * - no open topology error (gaps, overlaps, buildings outside a small area…): a township with errors
 *   is not done whatever its percentages. Warnings do not hold it back.
 *
 * Findings exist only for now: history keeps what was drawn, not what the checks said then, so for a
 * past moment (or before the checks have answered) a township whose figures are complete is
 * "unchecked", never "done".
 */
import type { Bilingual } from '../errors.ts'
import type { CountySettings } from '../schemas.ts'
import type { CompletionReport, TownshipTally } from './figures.ts'

/** A township's open topology findings now; the report's counts come from the topology summary. */
export interface OpenFindings {
  errors: number
  warnings: number
}

export type CompletionState = 'done' | 'in_progress' | 'has_errors' | 'unchecked'
/** What keeps a township from being done. */
export type CompletionGap = 'districts' | 'buildings' | 'errors'

export interface TownshipCompletion {
  state: CompletionState
  unmet: CompletionGap[]
}

type Counts = Pick<TownshipTally, 'expectedDistricts' | 'drawnDistricts' | 'approvedDistricts' | 'buildingsMarked' | 'expectedBuildings'>

/** The rule above for one township; `findings` is null when they are not known (a past moment, or not yet checked). */
export function townshipCompletion(t: Counts, findings: OpenFindings | null): TownshipCompletion {
  const listed = t.expectedDistricts > 0
  const districtsDrawn = listed && t.drawnDistricts >= t.expectedDistricts
  const allApproved = listed && t.approvedDistricts >= t.expectedDistricts
  const estimateReached = t.expectedBuildings !== null && t.expectedBuildings > 0 && t.buildingsMarked >= t.expectedBuildings
  const unmet: CompletionGap[] = []
  if (!districtsDrawn) unmet.push('districts')
  if (!allApproved && !estimateReached) unmet.push('buildings')
  const hasErrors = findings !== null && findings.errors > 0
  if (hasErrors) unmet.push('errors')
  // Progress first: early in the campaign nearly every township has some open gap, and "has errors"
  // is only news for one whose figures say it is finished.
  const state: CompletionState = !districtsDrawn || unmet.includes('buildings') ? 'in_progress' : hasErrors ? 'has_errors' : findings === null ? 'unchecked' : 'done'
  return { state, unmet }
}

/**
 * What `GET /api/report` says about findings: for now they are live (fetched from the topology
 * summary, separately, since checking a city takes seconds and the report milliseconds); for a past
 * moment they do not exist.
 */
export type ReportFindings = { live: true; summary: string } | { live: false; reason: Bilingual }

export interface ReportResponse extends CompletionReport {
  findings: ReportFindings
  /** The county's settings (its deadline) as they stood at the report's moment; null without a county. */
  county: CountySettings | null
}

/** A moment this close to the server's clock is "now": the browser's clock may differ by that much. */
export const LIVE_TOLERANCE_MS = 60_000

export const FINDINGS_NOT_REPRODUCIBLE: Bilingual = {
  zh: '拓扑错误和警告只能按当前数据检查，历史时点无法重现',
  en: 'Topology errors and warnings are checked on the data as it is now; they cannot be reproduced for a past moment',
}

/** Findings for a report as of `asOf`, asked at `now`; `summary` is where the live counts are. */
export function reportFindings(asOf: Date, now: Date, summary: string): ReportFindings {
  return asOf.getTime() >= now.getTime() - LIVE_TOLERANCE_MS ? { live: true, summary } : { live: false, reason: FINDINGS_NOT_REPRODUCIBLE }
}
