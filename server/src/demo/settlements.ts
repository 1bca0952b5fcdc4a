/**
 * What each district holds and where: its households and buildings, planned from its urban-rural
 * code before any geometry, then placed inside its boundary in village cores and housing compounds.
 */
import type { BuildingUse } from '@census/shared'
import { clamp } from './numbers.ts'
import { round7 } from '@census/shared'
import { bboxOf, pointInShape, randomPointIn, shapeArea, type Metric, type Pt, type Shape } from './planar.ts'
import type { Random } from './random.ts'

/** What the official list says of a district that its settlement follows from. */
interface ListedDistrict {
  name: string
  urbanRuralCode: string | null
}

/** urban: 主城区/城乡结合区 (111, 112) and communities; town: 镇中心区/镇乡结合区 (121, 122); rural: villages. */
export type Settlement = 'urban' | 'town' | 'rural'

export interface PlannedBuilding {
  kind: 'house' | 'block' | 'other'
  use: BuildingUse
  floors: number
  households: number
}

export interface DistrictPlan {
  settlement: Settlement
  buildings: PlannedBuilding[]
  households: number
  /** Relative land area: farmland makes villages big, apartments make communities small. */
  areaWeight: number
  /** 0–1, orders districts from the township seat outwards. */
  urbanity: number
}

function settlementOf(d: ListedDistrict): Settlement {
  switch (d.urbanRuralCode) {
    case '111':
    case '112':
      return 'urban'
    case '121':
    case '122':
      return 'town'
    case null:
      return /(居委会|社区)$/.test(d.name) ? 'urban' : 'rural'
    default:
      return 'rural'
  }
}

/**
 * Mean households by urban-rural code, set so that Tengzhou comes to about 545,000 households
 * (1.5746 M residents at 2.89 a household) and about 300,000 buildings.
 */
const MEAN_HOUSEHOLDS: Record<string, number> = { '111': 1800, '112': 640, '121': 640, '122': 410 }
const MEAN_HOUSEHOLDS_URBAN = 1000
const MEAN_HOUSEHOLDS_RURAL = 210

/**
 * How much denser a city is than Tengzhou, which the household model is fitted to. A provincial
 * capital has more households in a district, and more shops, offices and workshops to a household.
 */
export interface Density {
  /** Multiplies every district's households, and so its small areas, homes and other buildings. */
  households: number
  /** Multiplies the other buildings (schools, shops, offices, workshops…) to a household; 0 leaves a few a district. */
  otherBuildings: number
}

export const TENGZHOU_DENSITY: Density = { households: 1, otherBuildings: 1 }

export function planDistrict(d: ListedDistrict, density: Density, r: Random): DistrictPlan {
  const settlement = settlementOf(d)
  const mean = (MEAN_HOUSEHOLDS[d.urbanRuralCode ?? ''] ?? (settlement === 'urban' ? MEAN_HOUSEHOLDS_URBAN : MEAN_HOUSEHOLDS_RURAL)) * density.households
  const spread = 0.35
  const households = Math.round(clamp(mean * Math.exp(spread * r.normal() - (spread * spread) / 2), mean * 0.35, mean * 2.8))
  const buildings: PlannedBuilding[] = []

  // Households in low-rise houses (村民住宅, 城中村 self-built houses) versus apartment blocks.
  const lowRiseShare =
    settlement === 'rural' ? 1 : settlement === 'town' ? (d.urbanRuralCode === '121' ? r.between(0.5, 0.8) : r.between(0.8, 0.95)) : d.urbanRuralCode === '112' ? r.between(0.3, 0.7) : r.between(0.05, 0.4)
  let apartments = Math.round(households * (1 - lowRiseShare))
  while (apartments >= 12) {
    const floors = settlement === 'urban' ? 6 + Math.floor(27 * r.next() ** 2) : r.int(6, 11)
    const perFloor = settlement === 'urban' ? r.pick([2, 2, 3, 4, 4, 6]) : 2
    let size = Math.min(apartments, clamp(floors * perFloor, 12, 200))
    // A remainder too small for a block of its own joins this one if it fits; else it lives in houses.
    if (apartments - size < 12 && apartments <= 200) size = apartments
    buildings.push({ kind: 'block', use: r.chance(0.08) ? 'mixed' : 'residential', floors, households: size })
    apartments -= size
  }
  let lowRise = households - buildings.reduce((s, b) => s + b.households, 0)
  while (lowRise > 0) {
    if (settlement === 'rural') {
      buildings.push({ kind: 'house', use: 'residential', floors: r.chance(0.8) ? 1 : 2, households: 1 })
      lowRise -= 1
      continue
    }
    const size = Math.min(lowRise, settlement === 'urban' ? r.pick([1, 1, 1, 1, 2, 2, 2, 3, 3]) : 1)
    buildings.push({ kind: 'house', use: r.chance(settlement === 'urban' ? 0.12 : 0.06) ? 'mixed' : 'residential', floors: r.int(1, 3), households: size })
    lowRise -= size
  }
  // Schools, shops, offices, workshops, warehouses, temples, sites under construction.
  const others = Math.round((households * density.otherBuildings) / (settlement === 'town' ? 40 : 60)) + r.int(2, 6)
  for (let i = 0; i < others; i++) {
    const roll = r.next()
    const use: BuildingUse = roll < 0.8 ? 'non_residential' : roll < 0.9 ? 'other' : 'under_construction'
    const floors = settlement === 'urban' ? r.int(1, use === 'under_construction' ? 30 : 12) : r.int(1, 3)
    buildings.push({ kind: 'other', use, floors, households: 0 })
  }

  const count = buildings.length
  const areaWeight =
    settlement === 'urban' ? 0.05 + 0.0006 * count : settlement === 'town' ? 0.2 + 0.0015 * count : 0.6 + 0.003 * count
  const urbanity = settlement === 'urban' ? 0.7 + 0.3 * Math.min(1, households / 4000) : settlement === 'town' ? 0.4 + 0.2 * Math.min(1, households / 1500) : 0.3 * Math.min(1, households / 600)
  return { settlement, buildings: r.shuffled(buildings), households, areaWeight, urbanity }
}

export interface PlacedBuilding extends PlannedBuilding {
  x: number
  y: number
}

/**
 * Puts the planned buildings inside the district: houses around a few village cores, apartment
 * blocks in compounds, others near either. Each building stays clear of the boundary and of its
 * neighbours, so it lies strictly inside its district and, later, its small area.
 */
export function placeBuildings(shape: Shape, plan: DistrictPlan, metric: Metric, r: Random): PlacedBuilding[] {
  const count = plan.buildings.length
  const areaM2 = shapeArea(shape) * metric.k * metric.metresPerUnit ** 2
  const spacingM = clamp(Math.sqrt(areaM2 / (count * 6)), 3, 18)
  const spacing = spacingM / metric.metresPerUnit
  const margin = Math.min(5, spacingM / 2) / metric.metresPerUnit
  const edges = edgesOf(shape, metric)

  const houses = plan.buildings.filter((b) => b.kind === 'house').length
  const blocks = plan.buildings.filter((b) => b.kind === 'block').length
  const villageCores = houses === 0 ? 0 : plan.settlement === 'rural' ? 1 + (houses > 150 ? 1 : 0) + (houses > 300 ? 1 : 0) + r.int(0, 1) : r.int(1, 2)
  const compoundCores = blocks === 0 ? 0 : Math.ceil(blocks / 6)
  const coreMargin = Math.min(120, Math.sqrt(areaM2) / 6) / metric.metresPerUnit
  const cores: { p: Pt; sigma: number }[] = []
  const coreAt = () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const p = randomPointIn(shape, r)
      if (clearance(edges, p, metric) >= coreMargin) return p
    }
    return randomPointIn(shape, r)
  }
  const sigmaFor = (buildingsAround: number) => (Math.sqrt((2.2 * buildingsAround) / Math.PI) * spacing) / 1.3
  for (let i = 0; i < villageCores; i++) cores.push({ p: coreAt(), sigma: sigmaFor(houses / villageCores) })
  for (let i = 0; i < compoundCores; i++) cores.push({ p: coreAt(), sigma: sigmaFor(6) * 1.6 })
  if (cores.length === 0) cores.push({ p: coreAt(), sigma: sigmaFor(count) })
  const villageRange = Math.max(villageCores, 1)

  // Neighbours are looked up in a grid of spacing-sized cells, numbered from the district's corner.
  const box = bboxOf(shape)
  const rows = Math.ceil((box.north - box.south) / spacing) + 3
  const grid = new Map<number, Pt[]>()
  const cellOf = (p: Pt) => (Math.floor(((p.x - box.west) * metric.k) / spacing) + 1) * rows + Math.floor((p.y - box.south) / spacing) + 1
  const crowded = (p: Pt) => {
    const cell = cellOf(p)
    for (const column of [cell - rows, cell, cell + rows])
      for (let j = -1; j <= 1; j++)
        for (const q of grid.get(column + j) ?? []) {
          if ((metric.k * (p.x - q.x)) ** 2 + (p.y - q.y) ** 2 < spacing * spacing) return true
        }
    return false
  }
  const placed: PlacedBuilding[] = []
  for (const b of plan.buildings) {
    const core =
      b.kind === 'house' ? cores[r.int(0, villageRange - 1)]! : b.kind === 'block' && compoundCores > 0 ? cores[villageCores + r.int(0, compoundCores - 1)]! : r.pick(cores)
    let p: Pt | null = null
    let sigma = core.sigma
    for (let attempt = 0; attempt < 400 && !p; attempt++) {
      if (attempt % 10 === 9) sigma *= 1.25
      const candidate =
        attempt < 300
          ? { x: round7(core.p.x + (sigma * r.normal()) / metric.k), y: round7(core.p.y + sigma * r.normal()) }
          : (({ x, y }) => ({ x: round7(x), y: round7(y) }))(randomPointIn(shape, r))
      if (!pointInShape(shape, candidate.x, candidate.y)) continue
      if (clearance(edges, candidate, metric) < margin) continue
      if (attempt < 380 && crowded(candidate)) continue
      p = candidate
    }
    if (!p) throw new Error('could not place a building inside its district')
    const cell = cellOf(p)
    const bucket = grid.get(cell)
    if (bucket) bucket.push(p)
    else grid.set(cell, [p])
    placed.push({ ...b, x: p.x, y: p.y })
  }
  return placed
}

/** Edges in metric units, for distances to the boundary. */
function edgesOf(shape: Shape, metric: Metric): Float64Array {
  const out: number[] = []
  for (const ring of shape)
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!
      const b = ring[(i + 1) % ring.length]!
      out.push(a.x * metric.k, a.y, b.x * metric.k, b.y)
    }
  return Float64Array.from(out)
}

/** Distance from p to the nearest edge, in metric units. */
function clearance(edges: Float64Array, p: Pt, metric: Metric): number {
  const px = p.x * metric.k
  const py = p.y
  let best = Infinity
  for (let i = 0; i < edges.length; i += 4) {
    const ax = edges[i]!
    const ay = edges[i + 1]!
    const dx = edges[i + 2]! - ax
    const dy = edges[i + 3]! - ay
    const length2 = dx * dx + dy * dy
    const s = length2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0, 1)
    best = Math.min(best, (px - ax - s * dx) ** 2 + (py - ay - s * dy) ** 2)
  }
  return Math.sqrt(best)
}

/** The order an enumerator walks: rows of about 60 m from north to south, alternating direction. */
export function walkingOrder(buildings: PlacedBuilding[], metric: Metric): PlacedBuilding[] {
  if (buildings.length === 0) return buildings
  const north = Math.max(...buildings.map((b) => b.y))
  const row = 60 / metric.metresPerUnit
  const rowOf = (b: PlacedBuilding) => Math.floor((north - b.y) / row)
  return [...buildings].sort((a, b) => rowOf(a) - rowOf(b) || (rowOf(a) % 2 === 0 ? a.x - b.x : b.x - a.x) || a.y - b.y)
}
