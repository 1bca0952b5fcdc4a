/**
 * Progress: which districts are drawn, which buildings marked, and when. 'campaign' is the city in
 * mid-campaign as in the city office's report, with townships at very different stages; 'complete'
 * has everything drawn and approved. Times are fractions of the campaign (0 = its start, 1 = asOf).
 */
import type { BoundaryStatus } from '@census/shared'
import type { CompleteCity, CompleteDistrict, CompleteTownship } from './complete-city.ts'
import { enumeratorName } from './names.ts'
import { clamp, fitCounts } from './numbers.ts'
import type { Random } from './random.ts'

/** 汤庄居委会 of 北辛街道, the district the census office piloted: complete in every demo. */
export const PILOT_DISTRICT_CODE = '370481003038'

export interface DistrictProgress {
  status: BoundaryStatus
  drawnAt: number | null
  /** Null: no small areas drawn yet. */
  smallAreas: { status: BoundaryStatus; enumerator: string | null; drawnAt: number }[] | null
  /** How many of the district's buildings (in code order) are marked, and when each was. */
  markedAt: number[]
}

export type CityProgress = Map<string, DistrictProgress>

/** The share of districts drawn in the city office's mid-campaign report: 711 of 1,250. */
const CAMPAIGN_DRAWN_SHARE = 711 / 1250

/**
 * Townships by their share of expected buildings marked, as in the report: of 21 townships, 3 over
 * 70 %, 4 more over 30 %, 5 more over 20 % and 9 at 20 % or less. Each band's range keeps clear of
 * the thresholds.
 */
const CAMPAIGN_BANDS = [
  { of21: 3, marked: [0.72, 0.86], drawn: [0.92, 1] },
  { of21: 4, marked: [0.34, 0.62], drawn: [0.65, 0.9] },
  { of21: 5, marked: [0.22, 0.28], drawn: [0.45, 0.7] },
  { of21: 9, marked: [0, 0.16], drawn: [0.04, 0.55] },
] as const

export function campaignProgress(city: CompleteCity, random: Random): CityProgress {
  const r = random.fork('campaign')
  const townships = city.townships
  const plans = planCampaign(townships, r)
  const progress: CityProgress = new Map()

  const totalDrawn = Math.round(CAMPAIGN_DRAWN_SHARE * townships.reduce((s, t) => s + t.districts.length, 0))
  const drawn = fitCounts(
    plans.map((p) => p.drawnWanted),
    plans.map((p) => p.withSmallAreas),
    plans.map((p) => p.order.length),
    totalDrawn,
  )

  // Townships that are ahead started earlier.
  const byLead = plans.map((p, i) => ({ p, i })).sort((a, b) => b.p.lead - a.p.lead)
  byLead.forEach(({ p, i }, rank) => {
    const tr = r.fork(`times/${p.township.source.code}`)
    const start = clamp((0.03 + (0.5 * rank) / Math.max(1, byLead.length - 1)) * tr.between(0.85, 1.15), 0, 0.6)
    const drawnCount = drawn[i]!
    p.order.forEach((d, k) => {
      const dr = tr.fork(d.source.code)
      if (k >= drawnCount) {
        progress.set(d.source.code, { status: 'not_started', drawnAt: null, smallAreas: null, markedAt: [] })
        return
      }
      // Drawing goes on until the report's moment, as mid-campaign: the forecast reads the last week's pace.
      const drawnAt = start + (1 - start) * ((k + dr.between(0.1, 0.9)) / drawnCount)
      const hasSmallAreas = k < p.withSmallAreas
      const markedCount = p.marked.get(d.source.code) ?? 0
      const fullyMarked = hasSmallAreas && markedCount === d.buildingCount
      const status: BoundaryStatus =
        d.source.code === PILOT_DISTRICT_CODE
          ? 'approved'
          : pickStatus(dr, fullyMarked ? { approved: 0.2, submitted: 0.35, drawn: 0.4, returned: 0.05 } : { approved: 0, submitted: 0.1, drawn: 0.85, returned: 0.05 })
      progress.set(d.source.code, districtTimes(d, status, drawnAt, hasSmallAreas, markedCount, dr))
    })
  })
  return progress
}

interface TownshipPlan {
  township: CompleteTownship
  /** Drawing order: districts are drawn, given small areas and marked in this order. */
  order: CompleteDistrict[]
  /** Buildings marked per district. */
  marked: Map<string, number>
  /** The first this many districts of `order` have their small areas. */
  withSmallAreas: number
  drawnWanted: number
  /** How far ahead the township is, which sets when it started. */
  lead: number
}

/**
 * Gives each township a band and a plan, drawing the bands again until the small areas drawn come to
 * 18–32 % of the complete city's (the report had 1,000–2,500 of about 7,000): which townships are
 * ahead decides that, as big townships hold many small areas.
 */
function planCampaign(townships: CompleteTownship[], r: Random): TownshipPlan[] {
  const n = townships.length
  const sizes = CAMPAIGN_BANDS.map((b) => Math.round((b.of21 * n) / 21))
  sizes[sizes.length - 1] = n - sizes.slice(0, -1).reduce((s, x) => s + x, 0)
  const slots = sizes.flatMap((size, band) => Array<number>(Math.max(0, size)).fill(band)).slice(0, n)
  const total = townships.reduce((s, t) => s + t.districts.reduce((x, d) => x + d.smallAreas.length, 0), 0)
  let best: TownshipPlan[] = []
  let bestMiss = Infinity
  for (let attempt = 0; attempt < 100; attempt++) {
    const ar = r.fork(`attempt/${attempt}`)
    const bands = ar.shuffled(slots)
    const plans = townships.map((t, i) => planTownship(t, CAMPAIGN_BANDS[bands[i]!]!, ar.fork(`township/${t.source.code}`)))
    const drawn = plans.reduce((s, p) => s + p.order.slice(0, p.withSmallAreas).reduce((x, d) => x + d.smallAreas.length, 0), 0)
    const miss = Math.max(0, 0.18 - drawn / total, drawn / total - 0.32)
    if (miss === 0) return plans
    if (miss < bestMiss) [best, bestMiss] = [plans, miss]
  }
  return best
}

function planTownship(t: CompleteTownship, band: (typeof CAMPAIGN_BANDS)[number], r: Random): TownshipPlan {
  const order = drawingOrder(t, r)
  const share = r.between(band.marked[0], band.marked[1])
  const pilot = order[0]!.source.code === PILOT_DISTRICT_CODE ? order[0]!.buildingCount : 0
  let toMark = Math.max(Math.round(share * t.buildingCount), pilot)
  const marked = new Map<string, number>()
  let withSmallAreas = 0
  for (const d of order) {
    if (toMark <= 0) break
    const n = Math.min(d.buildingCount, toMark)
    marked.set(d.source.code, n)
    toMark -= n
    withSmallAreas++
  }
  // Enumerators have drawn the small areas of the next district or two but marked nothing yet.
  if (share > 0.01) withSmallAreas = Math.min(order.length, withSmallAreas + r.int(0, 2))
  const drawnWanted = r.between(band.drawn[0], band.drawn[1]) * order.length
  return { township: t, order, marked, withSmallAreas, drawnWanted, lead: share + r.between(-0.05, 0.05) }
}

/** Work spreads out from where the township started: the pilot, or its most urban district (the seat). */
function drawingOrder(t: CompleteTownship, r: Random): CompleteDistrict[] {
  const pilot = t.districts.find((d) => d.source.code === PILOT_DISTRICT_CODE)
  const start = pilot ?? t.districts.reduce((best, d) => (d.urbanity > best.urbanity ? d : best))
  const distance = (d: CompleteDistrict) => Math.hypot(d.centre.x - start.centre.x, d.centre.y - start.centre.y)
  const scale = Math.max(...t.districts.map(distance), 1e-9)
  const keyed = t.districts.map((d) => ({ d, key: d === start ? -1 : distance(d) / scale + r.between(0, 0.35) }))
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.d)
}

function pickStatus(r: Random, weights: Record<'approved' | 'submitted' | 'drawn' | 'returned', number>): BoundaryStatus {
  let roll = r.next() * (weights.approved + weights.submitted + weights.drawn + weights.returned)
  for (const status of ['approved', 'submitted', 'drawn', 'returned'] as const) {
    roll -= weights[status]
    if (roll < 0) return status
  }
  return 'drawn'
}

/**
 * Times as fractions of the campaign (0 = campaignStart, 1 = asOf): small areas a little after their
 * district, buildings marked one after another in code order after their small area was drawn.
 */
function districtTimes(d: CompleteDistrict, status: BoundaryStatus, drawnAt: number, hasSmallAreas: boolean, markedCount: number, r: Random): DistrictProgress {
  if (!hasSmallAreas) return { status, drawnAt, smallAreas: null, markedAt: [] }
  const smallAreasAt = drawnAt + (1 - drawnAt) * r.between(0.01, 0.08)
  let before = 0
  const smallAreas = d.smallAreas.map((area, i) => {
    const saStatus: BoundaryStatus =
      status === 'approved' || status === 'submitted' ? status : status === 'returned' && r.chance(0.4) ? 'returned' : 'drawn'
    const marked = before < markedCount
    before += area.buildings.length
    const enumerator = marked || status === 'approved' || status === 'submitted' || r.chance(0.5) ? enumeratorName(r) : null
    return { status: saStatus, enumerator, drawnAt: smallAreasAt + (1 - smallAreasAt) * 0.02 * (i / Math.max(1, d.smallAreas.length)) }
  })
  const from = smallAreasAt + (1 - smallAreasAt) * 0.03
  const until = from + (1 - from) * r.between(0.5, 0.98)
  const markedAt: number[] = []
  for (let i = 0; i < markedCount; i++) markedAt.push(from + ((until - from) * (i + 1)) / (markedCount + 1))
  return { status, drawnAt, smallAreas, markedAt }
}

export function completeProgress(city: CompleteCity, random: Random): CityProgress {
  const progress: CityProgress = new Map()
  for (const t of city.townships) {
    const r = random.fork(`complete/${t.source.code}`)
    const order = drawingOrder(t, r)
    const start = r.between(0, 0.2)
    order.forEach((d, k) => {
      const drawnAt = start + (0.6 - start) * ((k + r.between(0.1, 0.9)) / order.length)
      progress.set(d.source.code, districtTimes(d, 'approved', drawnAt, true, d.buildingCount, r.fork(d.source.code)))
    })
  }
  return progress
}
