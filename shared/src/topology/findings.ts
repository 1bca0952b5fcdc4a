/**
 * Topology findings: what the checks of 区不漏户 (the small areas of a district cover it exactly, the
 * districts of a township likewise, every building in exactly one small area) report. Findings are
 * data, not errors: the server computes the facts in PostGIS, and the words come from here, so the
 * API, the CLI and the page say the same thing.
 */
import type { Geometry } from 'geojson'
import type { Bilingual } from '../errors.ts'

/** The checks between a parent (township, district, or a file's outline) and its children. */
export const coverageFindingTypes = ['overlap', 'gap', 'outside_parent', 'near_miss', 'invalid_geometry', 'duplicate'] as const
export type CoverageFindingType = (typeof coverageFindingTypes)[number]

/** The checks on buildings and on the load of a small area. */
export const buildingFindingTypes = ['building_outside', 'building_on_boundary', 'buildings_too_close', 'load'] as const
export type BuildingFindingType = (typeof buildingFindingTypes)[number]

export type FindingType = CoverageFindingType | BuildingFindingType
export type Severity = 'error' | 'warning'

/** Defaults of the checks; each can be overridden per request or per CLI run. */
export const TOPOLOGY_DEFAULTS = {
  /** Vertices of neighbours closer than this without coinciding are a near miss (metres). */
  nearMissM: 0.5,
  /** Two buildings closer than this are probably one building marked twice (metres). */
  buildingsTooCloseM: 1,
  /** The households one enumerator can visit: the target of a small area. */
  householdTarget: 80,
  /** A small area outside [target × low, target × high] households gets a load warning. */
  loadLowFactor: 0.5,
  loadHighFactor: 2,
  /** The census form numbering allows at most 999 households in one small area. */
  householdLimit: 999,
} as const

export type TopologyOptions = { -readonly [K in keyof typeof TOPOLOGY_DEFAULTS]: number }

/** What the database measured; a finding is these facts plus their severity and words. */
export interface FindingFacts {
  type: FindingType
  /** The parent whose coverage this is about (township or district; a building's district); null in a file without one. */
  parent: string | null
  /** The codes (or file ids) involved, the first one being the feature the finding is about. */
  codes: string[]
  geometry: Geometry | null
  areaM2: number | null
  distanceM: number | null
  /** For load findings: the households counted in the small area. */
  households?: number
  /** For invalid_geometry: the reason as GEOS or the shared checks gave it. */
  reason?: Bilingual
}

export interface TopologyFinding extends FindingFacts {
  severity: Severity
  message: Bilingual
}

/**
 * Overlaps, gaps and stray buildings break the census rule; a near miss whose vertices lie exactly on
 * the neighbour's edge (distance 0) loses no area and only needs snapping, so it is a warning, as are
 * the ambiguous and the doubtful (a building on a boundary, two buildings 1 m apart, a heavy load).
 */
export function severityOf(facts: FindingFacts): Severity {
  switch (facts.type) {
    case 'overlap':
    case 'gap':
    case 'outside_parent':
    case 'invalid_geometry':
    case 'duplicate':
    case 'building_outside':
      return 'error'
    case 'near_miss':
      return facts.distanceM !== null && facts.distanceM > 0 ? 'error' : 'warning'
    case 'building_on_boundary':
    case 'buildings_too_close':
    case 'load':
      return 'warning'
    default: {
      const unknown: never = facts.type
      throw new Error(`unknown finding type ${String(unknown)}`)
    }
  }
}

/** Areas to 0.01 m², distances to 1 mm: what a person can act on. */
/** An area in m² as a message says it: whole and grouped from 100 m² (10,516,387), three figures below. */
export function areaM2Text(area: number | null): string {
  return area === null ? '?' : area >= 100 ? Math.round(area).toLocaleString('en-US') : area.toPrecision(3).replace(/\.?0+$/, '')
}
function metres(d: number | null): string {
  return d === null ? '?' : d >= 10 ? d.toFixed(1) : d.toFixed(3).replace(/\.?0+$/, '') || '0'
}

function list(codes: readonly string[]): string {
  return codes.map((c) => `“${c}”`).join('、')
}
function listEn(codes: readonly string[]): string {
  return codes.map((c) => `"${c}"`).join(', ')
}

export function findingMessage(facts: FindingFacts, options: TopologyOptions = TOPOLOGY_DEFAULTS): Bilingual {
  const [first = '?', second = '?'] = facts.codes
  const rest = facts.codes.slice(1)
  switch (facts.type) {
    case 'overlap':
      return { zh: `${list([first])}与${list([second])}重叠 ${areaM2Text(facts.areaM2)} 平方米`, en: `"${first}" and "${second}" overlap by ${areaM2Text(facts.areaM2)} m²` }
    case 'duplicate':
      return { zh: `${list([first])}与${list([second])}的边界完全相同（重复绘制）`, en: `"${first}" and "${second}" have the same boundary (drawn twice)` }
    case 'gap':
      return facts.codes.length > 0
        ? { zh: `${list(facts.codes)}旁有 ${areaM2Text(facts.areaM2)} 平方米未被任何下级区域覆盖（漏划）`, en: `${areaM2Text(facts.areaM2)} m² next to ${listEn(facts.codes)} is covered by no child area (a gap)` }
        : { zh: `${facts.parent ? list([facts.parent]) : ''}有 ${areaM2Text(facts.areaM2)} 平方米未被任何下级区域覆盖（漏划）`, en: `${areaM2Text(facts.areaM2)} m²${facts.parent ? ` of "${facts.parent}"` : ''} is covered by no child area (a gap)` }
    case 'outside_parent':
      return { zh: `${list([first])}有 ${areaM2Text(facts.areaM2)} 平方米超出上级边界`, en: `${areaM2Text(facts.areaM2)} m² of "${first}" lies outside its parent` }
    case 'near_miss':
      return facts.distanceM !== null && facts.distanceM > 0
        ? { zh: `${list([first])}与${list([second])}的边界相差不到 ${metres(facts.distanceM)} 米但没有重合，会留下细缝或细小重叠，请吸附对齐`, en: `The edges of "${first}" and "${second}" come within ${metres(facts.distanceM)} m without coinciding, leaving slivers; snap them together` }
        : { zh: `${list([first])}与${list([second])}的公共边顶点不一致，请吸附对齐`, en: `"${first}" and "${second}" share an edge whose vertices do not match; snap them together` }
    case 'invalid_geometry':
      return { zh: `${list([first])}的边界无效：${facts.reason?.zh ?? '几何图形无效'}`, en: `The boundary of "${first}" is invalid: ${facts.reason?.en ?? 'invalid geometry'}` }
    case 'building_outside':
      return { zh: `建筑物${list([first])}不在所属普查区的任何普查小区内`, en: `Building "${first}" lies in none of its district's small areas` }
    case 'building_on_boundary':
      return { zh: `建筑物${list([first])}正好位于${list(rest)}的边界上，归属不明确`, en: `Building "${first}" lies on the boundary of ${listEn(rest)}: which one it belongs to is ambiguous` }
    case 'buildings_too_close':
      return { zh: `建筑物${list([first])}与${list([second])}相距仅 ${metres(facts.distanceM)} 米，可能重复标绘`, en: `Buildings "${first}" and "${second}" are only ${metres(facts.distanceM)} m apart: probably one building marked twice` }
    case 'load': {
      const h = facts.households ?? 0
      if (h > options.householdLimit) {
        return { zh: `普查小区${list([first])}有 ${h} 户，超过 ${options.householdLimit} 户上限，需要拆分`, en: `Small area "${first}" has ${h} households, over the limit of ${options.householdLimit}: split it` }
      }
      return { zh: `普查小区${list([first])}有 ${h} 户，与目标 ${options.householdTarget} 户相差较大`, en: `Small area "${first}" has ${h} households, far from the target of ${options.householdTarget}` }
    }
    default: {
      const unknown: never = facts.type
      throw new Error(`unknown finding type ${String(unknown)}`)
    }
  }
}

export function toFinding(facts: FindingFacts, options: TopologyOptions = TOPOLOGY_DEFAULTS): TopologyFinding {
  return { ...facts, severity: severityOf(facts), message: findingMessage(facts, options) }
}

/** The households outside which an ordinary small area gets a load warning (the limit applies to all). */
export function loadBounds(options: TopologyOptions = TOPOLOGY_DEFAULTS): { low: number; high: number; limit: number } {
  return {
    low: Math.ceil(options.householdTarget * options.loadLowFactor),
    high: Math.min(Math.floor(options.householdTarget * options.loadHighFactor), options.householdLimit),
    limit: options.householdLimit,
  }
}

export type FindingCounts = Partial<Record<FindingType, { error: number; warning: number }>>

/** Counts per type and severity: the summary a township's row in the progress report shows. */
export function countFindings(findings: readonly Pick<TopologyFinding, 'type' | 'severity'>[]): FindingCounts {
  const counts: FindingCounts = {}
  for (const f of findings) {
    const c = (counts[f.type] ??= { error: 0, warning: 0 })
    c[f.severity] += 1
  }
  return counts
}

/** The name of each kind of finding, for headings and counts (the messages say the particulars). */
export const findingTypeName: Record<FindingType, Bilingual> = {
  overlap: { zh: '重叠', en: 'Overlaps' },
  gap: { zh: '漏划空隙', en: 'Gaps' },
  outside_parent: { zh: '超出上级边界', en: 'Outside the parent' },
  near_miss: { zh: '边界未吸附对齐', en: 'Near misses' },
  invalid_geometry: { zh: '边界无效', en: 'Invalid boundaries' },
  duplicate: { zh: '重复绘制', en: 'Drawn twice' },
  building_outside: { zh: '建筑物不在小区内', en: 'Buildings outside small areas' },
  building_on_boundary: { zh: '建筑物压在边界上', en: 'Buildings on a boundary' },
  buildings_too_close: { zh: '建筑物疑似重复', en: 'Buildings marked twice' },
  load: { zh: '户数偏离目标', en: 'Household load' },
}

export const severityName: Record<Severity, Bilingual> = {
  error: { zh: '错误', en: 'Errors' },
  warning: { zh: '警告', en: 'Warnings' },
}
