/**
 * Where a browser spec works: a drawn district of the demo city with no small areas yet, that no
 * other test of the run has taken, found through the API of the server under test.
 */
import type { DistrictProperties, SmallAreaProperties, TownshipProperties } from '@census/shared'
import type { FeatureCollection, MultiPolygon, Position } from 'geojson'
import { labelPoint } from '../src/geo/label-point.ts'
import type { CensusDriver } from './census-driver.ts'
import { api } from './session.ts'

export interface Workplace {
  township: string
  code: string
  name: string
  /** Two consecutive long edges of the district's border: a, b, c. */
  border: [Position, Position, Position]
  /** A point well inside the district. */
  inside: Position
}

const taken = new Set<string>()

/**
 * A drawn district with no small areas yet, not used by another test: the tests draw its first ones.
 * Its cells are convex, so triangles from its border to an inner point stay inside it.
 */
export async function freshDistrict(): Promise<Workplace> {
  const [districts, smallAreas, townships] = await Promise.all([
    api<FeatureCollection<MultiPolygon | null, DistrictProperties>>('/api/districts'),
    api<FeatureCollection<MultiPolygon, SmallAreaProperties>>('/api/small-areas'),
    api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships'),
  ])
  const subdivided = new Set(smallAreas.features.map((f) => f.properties.districtCode))
  for (const d of districts.features) {
    if (!d.geometry || subdivided.has(d.properties.code) || taken.has(d.properties.code)) continue
    if (d.geometry.coordinates.length !== 1 || d.geometry.coordinates[0]!.length !== 1) continue
    const ring = d.geometry.coordinates[0]![0]!
    const inside = labelPoint(d.geometry)
    if (!inside || ring.length < 5) continue
    // Two consecutive edges that are both long, so that the three vertices are far apart on screen
    // (a click near one must not be taken for another, nor close the polygon early).
    const length = (i: number) => Math.hypot(ring[i + 1]![0]! - ring[i]![0]!, ring[i + 1]![1]! - ring[i]![1]!)
    const pairLength = (i: number) => Math.min(length(i), length(i + 1))
    let i = 0
    for (let j = 0; j < ring.length - 2; j++) if (pairLength(j) > pairLength(i)) i = j
    taken.add(d.properties.code)
    const township = townships.features.find((t) => t.properties.code === d.properties.townshipCode)!.properties.name
    return { township, code: d.properties.code, name: d.properties.name, border: [ring[i]!, ring[i + 1]!, ring[i + 2]!], inside }
  }
  throw new Error('the demo city has no district left without small areas')
}

export async function smallAreasOf(district: string) {
  return api<FeatureCollection<MultiPolygon, SmallAreaProperties>>(`/api/small-areas?district=${district}`)
}

export const between = (a: Position, b: Position, t: number): Position => [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)]

/** Opens the city signed in as 张伟, with the district chosen (clicked inside) in the editor. */
export async function openWorkplace(census: CensusDriver, place: Workplace): Promise<void> {
  await census.openCity()
  await census.signAs('张伟')
  await census.pickTownship(place.township)
  await census.chooseDistrict(place.code, place.inside)
}
