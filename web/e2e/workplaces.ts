/**
 * Where a browser spec works: a drawn district of the demo city with no small areas yet, or the
 * ground of one not drawn yet, that no other test of the run has taken, found through the API of
 * the server under test.
 */
import type { DistrictProperties, SmallAreaProperties, TopologyFinding, TownshipProperties } from '@census/shared'
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { containsPoint } from '../src/editor/small-area-load.ts'
import { distanceMetres } from '../src/editor/snapping.ts'
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
    // The two triangles the tests draw (a, b, inside and b, c, inside) must lie inside the district: where
    // the border turns in sharply past a vertex, the save clips the triangle there, rightly, and the vertex
    // drawn is no longer in what was saved.
    const triangleInside = (p: Position, q: Position) =>
      [0.02, 0.25, 0.5, 0.75, 0.98].every((t) =>
        [p, q].every((v) => containsPoint(d.geometry!, [v[0]! + t * (inside[0]! - v[0]!), v[1]! + t * (inside[1]! - v[1]!)])),
      ) && containsPoint(d.geometry!, [(p[0]! + q[0]! + inside[0]!) / 3, (p[1]! + q[1]! + inside[1]!) / 3])
    if (!triangleInside(ring[i]!, ring[i + 1]!) || !triangleInside(ring[i + 1]!, ring[i + 2]!)) continue
    // No other vertex of the border may sit within a few metres of the three: a click on one snaps, rightly,
    // to whichever is nearer the pointer (马号社区 has one 15 cm past its third, less than a pixel away).
    const crowded = [i, i + 1, i + 2].some((k) => ring.slice(0, -1).some((v, j) => j !== k % (ring.length - 1) && distanceMetres(v, ring[k]!) < 5))
    if (crowded) continue
    taken.add(d.properties.code)
    const township = townships.features.find((t) => t.properties.code === d.properties.townshipCode)!.properties.name
    return { township, code: d.properties.code, name: d.properties.name, border: [ring[i]!, ring[i + 1]!, ring[i + 2]!], inside }
  }
  throw new Error('the demo city has no district left without small areas')
}

/** Where a district not drawn yet is drawn: a gap in its township's districts, beside a drawn neighbour. */
export interface UndrawnGround {
  township: string
  district: { code: string; name: string }
  /** The 问题 panel's words for the gap, to find and 定位 it there. */
  gapMessage: string
  /** An edge of the gap's border that is one of the neighbour's edges, vertices and all. */
  edge: [Position, Position]
  neighbour: string
  /** A point inside the gap, off the edge's middle, such that the triangle of it and the edge lies in the gap. */
  inside: Position
}

const keyOf = (p: Position) => `${p[0]},${p[1]}`

/**
 * A district with no boundary, not used by another test, and the ground to draw it on: a gap
 * between the drawn districts of its township, with a long edge shared with one neighbour and a
 * point inside the gap such that the triangle of the two lies in the gap.
 */
export async function undrawnGround(): Promise<UndrawnGround> {
  const [districts, townships] = await Promise.all([
    api<FeatureCollection<MultiPolygon | null, DistrictProperties>>('/api/districts'),
    api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships'),
  ])
  for (const township of townships.features) {
    const code = township.properties.code
    const mine = districts.features.filter((d) => d.properties.townshipCode === code)
    const undrawn = mine.find((d) => !d.geometry && !taken.has(d.properties.code))
    if (!undrawn) continue
    const { findings } = await api<{ findings: TopologyFinding[] }>(`/api/topology?scope=${code}`)
    const vertexOwners = new Map<string, Set<string>>()
    for (const d of mine) {
      for (const p of d.geometry?.coordinates.flat(2) ?? []) {
        const owners = vertexOwners.get(keyOf(p)) ?? new Set()
        vertexOwners.set(keyOf(p), owners.add(d.properties.code))
      }
    }
    for (const gap of findings.filter((f) => f.type === 'gap' && f.parent === code && (f.areaM2 ?? 0) > 50_000)) {
      const parts = gap.geometry?.type === 'Polygon' ? [gap.geometry.coordinates] : gap.geometry?.type === 'MultiPolygon' ? gap.geometry.coordinates : []
      const all = parts.flatMap((part) => part[0] ?? [])
      // 定位 fits the whole gap to the view: an edge of a sixth of its size is still long on screen.
      const span = Math.max(...[0, 1].map((axis) => Math.max(...all.map((p) => p[axis]!)) - Math.min(...all.map((p) => p[axis]!))))
      let best: { edge: [Position, Position]; neighbour: string; inside: Position; length: number } | null = null
      for (const part of parts) {
        const shape: Polygon = { type: 'Polygon', coordinates: part }
        const ring = part[0]!
        for (let i = 0; i < ring.length - 1; i++) {
          const [a, b] = [ring[i]!, ring[i + 1]!]
          const neighbour = [...(vertexOwners.get(keyOf(a)) ?? [])].find((owner) => vertexOwners.get(keyOf(b))?.has(owner))
          const length = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)
          if (!neighbour || length < span / 6 || (best && length <= best.length)) continue
          // A point off the edge's middle, a third of its length into the gap; the triangle must lie in the gap.
          const mid = between(a, b, 0.5)
          const normal = [-(b[1]! - a[1]!) / length, (b[0]! - a[0]!) / length]
          const inside = [0.3, -0.3].map((k): Position => [mid[0]! + normal[0]! * k * length, mid[1]! + normal[1]! * k * length]).find((p) => containsPoint(shape, p))
          const samples = inside && [0.1, 0.5, 0.9].flatMap((t) => [between(a, inside, t), between(b, inside, t), between(between(a, b, t), inside, 0.5)])
          if (inside && samples!.every((p) => containsPoint(shape, p))) best = { edge: [a, b], neighbour, inside, length }
        }
      }
      if (!best) continue
      taken.add(undrawn.properties.code)
      return {
        township: township.properties.name,
        district: { code: undrawn.properties.code, name: undrawn.properties.name },
        gapMessage: gap.message.zh,
        edge: best.edge,
        neighbour: best.neighbour,
        inside: best.inside,
      }
    }
  }
  throw new Error('the demo city has no gap beside a drawn district with an undrawn district to draw there')
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
