/**
 * Synthetic large cities for benchmarks: as many districts as a real census, inside a scaled copy of
 * a real county, and as dense as that census.
 */
import type { MultiPolygon } from 'geojson'
import { round7, SMALL_AREA_TARGET_HOUSEHOLDS } from '@census/shared'
import type { CitySource } from './city-source.ts'
import { placeName, uniqueName, villageName } from './names.ts'
import { fitCounts } from './numbers.ts'
import { shapeCentroid, Topology } from './planar.ts'
import { createRandom } from './random.ts'
import { planDistrict, type Density } from './settlements.ts'
import { smallAreaCount } from './small-area-split.ts'

/** The size of a census: its districts, and the small areas and buildings of its complete city. */
export interface CitySize {
  districts: number
  /** Absent: what Tengzhou's density gives, about 13 a district. */
  smallAreas?: number
  /** Absent: what Tengzhou's density gives for the households of those small areas. */
  buildings?: number
}

/** Xi'an's census: about 3,200 districts, 63,000 small areas and 1.35 million buildings. */
export const XIAN_CENSUS: CitySize = { districts: 3200, smallAreas: 63_000, buildings: 1_350_000 }

/**
 * Three townships, the two subdistricts each about 1,000 small areas and 50,000 buildings: the
 * township the editor must open within 1.5 s (issue 4), in a city small enough to load in minutes.
 * Xi'an's busiest township has 870 small areas but only 15,000 buildings.
 */
export const DENSE_TOWNSHIP_CENSUS: CitySize = { districts: 60, smallAreas: 2100, buildings: 123_000 }

/**
 * A synthetic city of `size` (a number is just the districts), built from `base` by scaling its
 * outline about its centroid (so it stays in China; the scale keeps the land per district the same)
 * and inventing codes and names under base.countyCode. Townships come to about districts / 20; three
 * in five are subdistricts of city communities, as in a provincial capital. Given small areas or
 * buildings, the city gets the density that comes to them with the default households per small
 * area (see fitDensity); the small areas generated come out 1–2 % fewer, as halving a district
 * sometimes cannot give every part its own buildings.
 */
export function largeCitySource(base: CitySource, size: number | CitySize): CitySource {
  const { districts, smallAreas, buildings } = typeof size === 'number' ? { districts: size } : size
  for (const [name, count] of Object.entries({ districts, smallAreas, buildings })) {
    if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw new Error(`${name} must be a positive integer, not ${count}`)
  }
  const r = createRandom(districts)
  const scale = Math.sqrt(districts / base.districts.length)
  const topology = new Topology()
  const centre = shapeCentroid(topology.shapeOf(base.outline))
  const outline: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: base.outline.coordinates.map((polygon) =>
      polygon.map((ring) => ring.map(([x, y]) => [round7(centre.x + (x! - centre.x) * scale), round7(centre.y + (y! - centre.y) * scale)])),
    ),
  }

  const townshipCount = Math.max(1, Math.round(districts / 20))
  const subdistricts = Math.min(99, Math.round(townshipCount * 0.6))
  const towns = townshipCount - subdistricts
  if (towns > 99 + 200) throw new Error(`too many townships for 3-digit codes: ${townshipCount}`)
  const names = new Set<string>()
  const townships: CitySource['townships'] = []
  for (let i = 0; i < townshipCount; i++) {
    const subdistrict = i < subdistricts
    const number = subdistrict ? i + 1 : i - subdistricts < 99 ? 101 + i - subdistricts : 200 + i - subdistricts - 99
    const suffix = subdistrict ? '街道' : number < 200 ? '镇' : '乡'
    townships.push({ code: base.countyCode + String(number).padStart(3, '0'), name: uniqueName(names, () => placeName(r) + suffix), kind: subdistrict ? 'subdistrict' : 'town' })
  }

  const weights = townships.map(() => r.between(0.6, 1.4))
  const counts = fitCounts(weights, townships.map(() => 1), townships.map(() => 399), districts)
  const out: CitySource['districts'] = []
  townships.forEach((t, ti) => {
    const used = new Set<string>()
    let community = 0
    let village = 0
    for (let i = 0; i < counts[ti]!; i++) {
      const roll = r.next()
      const code =
        t.kind === 'subdistrict' ? (roll < 0.8 ? '111' : roll < 0.95 ? '112' : '220') : roll < 0.1 ? '121' : roll < 0.3 ? '122' : '220'
      const isCommunity = code === '111' || code === '112' || (code === '121' && r.chance(0.5))
      // NBS numbering: 001–199 居委会, 200–399 村委会; spill over when one kind runs out.
      const sequence = isCommunity ? (community < 199 ? 1 + community++ : 200 + village++) : village < 200 ? 200 + village++ : 1 + community++
      const name = isCommunity ? uniqueName(used, () => placeName(r) + '社区居委会') : uniqueName(used, () => villageName(r) + '村委会')
      out.push({ code: t.code + String(sequence).padStart(3, '0'), name, townshipCode: t.code, urbanRuralCode: code })
    }
  })
  out.sort((a, b) => a.code.localeCompare(b.code))
  const source: CitySource = { countyCode: base.countyCode, countyName: `${base.countyName}（放大示例）`, outline, townships, districts: out }
  return smallAreas === undefined && buildings === undefined ? source : { ...source, density: fitDensity(source, smallAreas, buildings) }
}

/** The seed the plans are drawn with while fitting: the demo's (DEMO_SEED), so that the default benchmark comes nearest. */
const FITTING_SEED = 20201101

/**
 * The density at which the districts of `source` plan `smallAreas` and `buildings`. Plans are drawn
 * as generateCity draws them, but without geometry: a second or two for Xi'an. Households alone set
 * the small areas, nearly in proportion, so their scale comes first; then the buildings grow by the
 * other buildings, nearly in a straight line through the plans with none and with Tengzhou's share.
 * Another seed gives totals within about 1 % for a city of thousands of districts.
 */
function fitDensity(source: CitySource, smallAreas: number | undefined, buildings: number | undefined): Density {
  const density: Density = { households: 1, otherBuildings: 1 }
  let planned = plannedCounts(source, density)
  for (let step = 0; smallAreas !== undefined && step < 6 && Math.abs(planned.smallAreas / smallAreas - 1) > 1e-3; step++) {
    density.households *= smallAreas / planned.smallAreas
    planned = plannedCounts(source, density)
  }
  if (buildings === undefined) return density
  const at = (otherBuildings: number) => ({ otherBuildings, buildings: plannedCounts(source, { ...density, otherBuildings }).buildings })
  let [low, high] = [at(0), { otherBuildings: 1, buildings: planned.buildings }]
  if (buildings < low.buildings) throw new Error(`${buildings} buildings are too few: with ${planned.smallAreas} small areas the homes alone come to ${low.buildings}`)
  for (let step = 0; step < 4 && Math.abs(high.buildings / buildings - 1) > 1e-3 && high.buildings !== low.buildings; step++) {
    const next = low.otherBuildings + ((buildings - low.buildings) * (high.otherBuildings - low.otherBuildings)) / (high.buildings - low.buildings)
    ;[low, high] = [high, at(Math.max(0, next))]
  }
  return { ...density, otherBuildings: high.otherBuildings }
}

function plannedCounts(source: CitySource, density: Density): { smallAreas: number; buildings: number } {
  const random = createRandom(FITTING_SEED)
  let [smallAreas, buildings] = [0, 0]
  for (const d of source.districts) {
    const plan = planDistrict(d, density, random.fork(`plan/${d.code}`))
    smallAreas += Math.min(smallAreaCount(plan.households, SMALL_AREA_TARGET_HOUSEHOLDS), plan.buildings.length)
    buildings += plan.buildings.length
  }
  return { smallAreas, buildings }
}
