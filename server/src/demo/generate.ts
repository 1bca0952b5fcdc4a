/**
 * The demo city: plausible census geometry and progress generated from a seed inside a real county
 * outline, because the real township and village boundaries of Tengzhou are not public.
 *
 * Pure: no IO, no clock, no Math.random. The same source and options give a deep-equal city.
 *
 * The census rule is no gaps and no overlaps, at every level. So the geometry is built as one noded
 * coverage, not as polygons clipped one by one. The parts:
 *   - city-source.ts: what a city is generated from (official lists, outline) and its checks;
 *   - planar.ts: the exact planar partition (carriers, crossings rounded once, shared edges);
 *   - power-diagram.ts: townships as weighted Voronoi cells of the county, districts of their township;
 *   - settlements.ts: each district's households and buildings, and where the buildings stand;
 *   - small-area-split.ts: small areas as household-balanced halves of their district;
 *   - complete-city.ts: the complete city those make, every district drawn and every building marked;
 *   - campaign.ts: progress as a selection of the complete city, with statuses and times;
 *   - large-city.ts: a synthetic city of any size and density for benchmarks;
 *   - names.ts, numbers.ts: invented Chinese names, small numeric helpers;
 *   - this file: the API, and the complete city and its progress presented as GeoJSON, codes and times.
 */
import type { MultiPolygon } from 'geojson'
import { SMALL_AREA_TARGET_HOUSEHOLDS, type BoundaryStatus, type BuildingUse, type TownshipKind } from '@census/shared'
import { campaignProgress, completeProgress, type CityProgress } from './campaign.ts'
import { checkSource, type CitySource } from './city-source.ts'
import { buildCompleteCity, type CompleteCity } from './complete-city.ts'
import { clamp } from './numbers.ts'
import { createRandom } from './random.ts'

export type { CitySource } from './city-source.ts'
export { PILOT_DISTRICT_CODE } from './campaign.ts'
export { DENSE_TOWNSHIP_CENSUS, largeCitySource, XIAN_CENSUS, type CitySize } from './large-city.ts'

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  seed: number
  /**
   * 'campaign': the city in mid-campaign, like the city office's report (about 57 % of districts
   * drawn, townships at very different stages); 'complete': every district drawn and approved,
   * fully tiled by small areas, every building marked.
   */
  progress: 'campaign' | 'complete'
  /** History timestamps (drawnAt, markedAt) fall between campaignStart and asOf. */
  campaignStart: Date
  asOf: Date
  /** Default SMALL_AREA_TARGET_HOUSEHOLDS. */
  householdsPerSmallArea?: number
}

export interface DemoTownship {
  code: string
  name: string
  kind: TownshipKind
  boundary: MultiPolygon
  /** The township's number of buildings in the complete city. */
  expectedBuildings: number
}

export interface DemoDistrict {
  code: string
  name: string
  townshipCode: string
  urbanRuralCode: string | null
  /** Null while not drawn. */
  boundary: MultiPolygon | null
  status: BoundaryStatus
  /** ISO 8601; null while not drawn. */
  drawnAt: string | null
}

export interface DemoSmallArea {
  /** 15 digits. */
  code: string
  districtCode: string
  boundary: MultiPolygon
  status: BoundaryStatus
  enumerator: string | null
  drawnAt: string
}

export interface DemoBuilding {
  /** 16 digits: the district code and a 4-digit sequence from 0001, in marking order. */
  code: string
  districtCode: string
  /** [lon, lat] */
  location: [number, number]
  use: BuildingUse
  floors: number
  households: number
  address: string
  markedAt: string
}

export interface DemoCity {
  countyCode: string
  townships: DemoTownship[]
  districts: DemoDistrict[]
  smallAreas: DemoSmallArea[]
  buildings: DemoBuilding[]
}

/**
 * The demo city for `source`: throws on a source that breaks the code rules (a bug in the fixture or
 * the caller, not a user's mistake). Tengzhou takes a few seconds; Xi'an's size about 20 s and 1.5 GB.
 */
export function generateCity(source: CitySource, options: GenerateOptions): DemoCity {
  checkSource(source)
  const target = options.householdsPerSmallArea ?? SMALL_AREA_TARGET_HOUSEHOLDS
  if (!(target > 0)) throw new Error(`householdsPerSmallArea must be positive, not ${target}`)
  if (options.asOf.getTime() < options.campaignStart.getTime()) throw new Error('asOf is before campaignStart')

  const random = createRandom(options.seed)
  const complete = buildCompleteCity(source, target, random)
  const progress = options.progress === 'complete' ? completeProgress(complete, random) : campaignProgress(complete, random)
  return present(complete, progress, options)
}

// ---------------------------------------------------------------------------------------------
// Presenting the city: GeoJSON, codes, addresses, ISO times
// ---------------------------------------------------------------------------------------------

function present(city: CompleteCity, progress: CityProgress, options: GenerateOptions): DemoCity {
  const from = options.campaignStart.getTime()
  const span = options.asOf.getTime() - from
  // Whole seconds, never past asOf.
  const iso = (fraction: number) => new Date(Math.min(options.asOf.getTime(), from + Math.round((clamp(fraction, 0, 1) * span) / 1000) * 1000)).toISOString()
  const { topology } = city
  const townships: DemoTownship[] = []
  const districts: DemoDistrict[] = []
  const smallAreas: DemoSmallArea[] = []
  const buildings: DemoBuilding[] = []

  for (const t of city.townships) {
    townships.push({ code: t.source.code, name: t.source.name, kind: t.source.kind, boundary: topology.expand(t.shape), expectedBuildings: t.buildingCount })
    for (const d of t.districts) {
      const p = progress.get(d.source.code)!
      const { code, name, townshipCode, urbanRuralCode } = d.source
      districts.push({
        code,
        name,
        townshipCode,
        urbanRuralCode,
        boundary: p.drawnAt === null ? null : topology.expand(d.shape),
        status: p.status,
        drawnAt: p.drawnAt === null ? null : iso(p.drawnAt),
      })
      if (!p.smallAreas) continue
      d.smallAreas.forEach((area, i) => {
        const a = p.smallAreas![i]!
        smallAreas.push({ code: code + String(i + 1).padStart(3, '0'), districtCode: code, boundary: topology.expand(area.shape), status: a.status, enumerator: a.enumerator, drawnAt: iso(a.drawnAt) })
      })
      const place = addressPlace(name)
      const numbers = { block: 0, other: 0 }
      let seq = 0
      for (const area of d.smallAreas) {
        for (const b of area.buildings) {
          if (seq >= p.markedAt.length) break
          const number = b.kind === 'block' ? ++numbers.block : ++numbers.other
          buildings.push({
            code: code + String(seq + 1).padStart(4, '0'),
            districtCode: code,
            location: [b.x, b.y],
            use: b.use,
            floors: b.floors,
            households: b.households,
            address: b.kind === 'block' ? `${place} ${number} 号楼` : `${place} ${number} 号`,
            markedAt: iso(p.markedAt[seq]!),
          })
          seq++
        }
      }
    }
  }
  return { countyCode: city.source.countyCode, townships, districts, smallAreas, buildings }
}

/** 王庄村委会 → 王庄村, 荆庄社区居委会 → 荆庄社区; a 居委会 keeps its name (汤庄居委会 3 号楼). */
function addressPlace(districtName: string): string {
  if (districtName.endsWith('社区居委会')) return districtName.slice(0, -3)
  if (districtName.endsWith('村委会')) return districtName.slice(0, -2)
  return districtName
}
