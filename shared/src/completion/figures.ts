/**
 * The completion report's numbers, defined once: what the database counts for each township at one
 * moment (a `TownshipTally`), and every ratio, total and band derived from those counts. The server
 * only counts; the page, the bulletin and the exports all read the figures made here.
 */
import { z } from 'zod'

/** What is on record for one township at the report's moment: counts only, no ratios. */
export interface TownshipTally {
  code: string
  name: string
  /** Districts on the official list (the district table) at that moment. */
  expectedDistricts: number
  /** Districts with a boundary, whatever their review status. */
  drawnDistricts: number
  submittedDistricts: number
  approvedDistricts: number
  returnedDistricts: number
  smallAreas: number
  buildingsMarked: number
  /** Households counted in the marked buildings. */
  households: number
  /** The city office's estimate of the township's buildings; null when none was entered. */
  expectedBuildings: number | null
  /** The day that estimate was entered (YYYY-MM-DD). */
  expectedBuildingsOn: string | null
}

/** A rate is a share in [0, ∞) (marking can overshoot an estimate), or null when there is nothing to divide by. */
export type Rate = number | null

export interface TownshipFigures extends TownshipTally {
  /** Drawn ÷ expected districts: the office's 普查区划分完成率. */
  districtRate: Rate
  approvedRate: Rate
  /** Buildings marked ÷ the estimate; null without an estimate (or with an estimate of 0). */
  buildingRate: Rate
}

export interface CityFigures extends Omit<TownshipFigures, 'code' | 'name' | 'expectedBuildingsOn'> {
  townships: number
  /** Townships without a building estimate: they count in every sum but not in the building rate. */
  townshipsWithoutEstimate: number
}

export interface CompletionReport {
  /** The moment the figures describe (ISO 8601, UTC). */
  asOf: string
  townships: TownshipFigures[]
  city: CityFigures
}

export function rate(part: number, whole: number | null): Rate {
  return whole === null || whole <= 0 ? null : part / whole
}

/** A rate as the whole percent the office writes ("完成率57%"), computed from the counts so 57/100 never reads 56. */
export function percent(part: number, whole: number | null): number | null {
  return whole === null || whole <= 0 ? null : Math.round((part * 100) / whole)
}

export function townshipFigures(t: TownshipTally): TownshipFigures {
  return {
    ...t,
    districtRate: rate(t.drawnDistricts, t.expectedDistricts),
    approvedRate: rate(t.approvedDistricts, t.expectedDistricts),
    buildingRate: rate(t.buildingsMarked, t.expectedBuildings),
  }
}

const summed = [
  'expectedDistricts',
  'drawnDistricts',
  'submittedDistricts',
  'approvedDistricts',
  'returnedDistricts',
  'smallAreas',
  'buildingsMarked',
  'households',
] as const satisfies readonly (keyof TownshipTally)[]

/**
 * The whole city. The building rate compares like with like: buildings marked in the townships that
 * have an estimate, over the sum of their estimates; the others are named by count, not guessed.
 */
export function cityFigures(townships: readonly TownshipTally[]): CityFigures {
  const sums = Object.fromEntries(summed.map((k) => [k, townships.reduce((s, t) => s + t[k], 0)])) as Record<(typeof summed)[number], number>
  const estimated = townships.filter((t) => t.expectedBuildings !== null && t.expectedBuildings > 0)
  const expectedBuildings = estimated.length === 0 ? null : estimated.reduce((s, t) => s + t.expectedBuildings!, 0)
  const markedInEstimated = estimated.reduce((s, t) => s + t.buildingsMarked, 0)
  return {
    ...sums,
    townships: townships.length,
    townshipsWithoutEstimate: townships.length - estimated.length,
    expectedBuildings,
    districtRate: rate(sums.drawnDistricts, sums.expectedDistricts),
    approvedRate: rate(sums.approvedDistricts, sums.expectedDistricts),
    buildingRate: rate(markedInEstimated, expectedBuildings),
  }
}

export function completionReport(asOf: Date, tallies: readonly TownshipTally[]): CompletionReport {
  const ordered = [...tallies].sort((a, b) => a.code.localeCompare(b.code))
  return { asOf: asOf.toISOString(), townships: ordered.map(townshipFigures), city: cityFigures(ordered) }
}

/** The office's thresholds of buildings marked ("超过20%、30%、70%"), in whole percents; configurable per bulletin. */
export const DEFAULT_BUILDING_BANDS: readonly number[] = [20, 30, 70]

export interface BandCount {
  /** In whole percents. */
  threshold: number
  /** Townships whose buildings marked exceed the threshold (strictly: "超过"). */
  townships: number
}

/** How many townships are over each threshold; a township without an estimate is over none. */
export function buildingBands(townships: readonly TownshipFigures[], thresholds: readonly number[] = DEFAULT_BUILDING_BANDS): BandCount[] {
  return [...thresholds]
    .sort((a, b) => a - b)
    .map((threshold) => ({
      threshold,
      // In integers, so that exactly 30% is not "over 30%" by a rounding error.
      townships: townships.filter((t) => t.expectedBuildings !== null && t.expectedBuildings > 0 && t.buildingsMarked * 100 > threshold * t.expectedBuildings).length,
    }))
}

/** `GET /api/report?asOf=…` (default: now). */
export const reportQuerySchema = z
  .object({
    county: z.string().regex(/^[0-9]{6}$/, 'county must be a 6-digit code').optional(),
    asOf: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
export type ReportQuery = z.infer<typeof reportQuerySchema>
