/**
 * Where a vertex lands when it is dropped near the parent's boundary or a neighbour: on a vertex if
 * one is within reach, else on the nearest point of an edge, so that shared borders coincide
 * exactly. Distances are in metres (a local equirectangular projection around the point, exact
 * enough at the scale of a few pixels), so the reach means the same on the ground at every latitude.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson'

const METRES_PER_DEGREE = 111_320

export type Segment = readonly [Position, Position]

/** What a vertex may snap to: the parent's and the neighbours' vertices and edges. */
export interface SnapTargets {
  vertices: Position[]
  segments: Segment[]
}

export interface Snapped {
  position: Position
  to: 'vertex' | 'edge'
  metres: number
}

/** Metres east and north of `origin`. */
function local(origin: Position, p: Position): [number, number] {
  const cosLat = Math.cos((origin[1]! * Math.PI) / 180)
  return [(p[0]! - origin[0]!) * METRES_PER_DEGREE * cosLat, (p[1]! - origin[1]!) * METRES_PER_DEGREE]
}

export function distanceMetres(a: Position, b: Position): number {
  const [x, y] = local(a, b)
  return Math.hypot(x, y)
}

/** The point of segment a–b nearest to p, as a fraction t along it (0 at a, 1 at b). */
export function nearestOnSegment(p: Position, [a, b]: Segment): { t: number; metres: number } {
  const [bx, by] = local(a, b)
  const [px, py] = local(a, p)
  const lengthSquared = bx * bx + by * by
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / lengthSquared))
  return { t, metres: Math.hypot(px - t * bx, py - t * by) }
}

/**
 * The snapped position of `point`, or null when nothing is within `reachMetres`. Vertices win over
 * edges when both are in reach: landing exactly on a neighbour's corner keeps its vertex shared.
 */
export function snap(point: Position, targets: SnapTargets, reachMetres: number): Snapped | null {
  let best: Snapped | null = null
  for (const v of targets.vertices) {
    const metres = distanceMetres(point, v)
    if (metres <= reachMetres && (!best || metres < best.metres)) best = { position: [v[0]!, v[1]!], to: 'vertex', metres }
  }
  if (best) return best
  for (const segment of targets.segments) {
    const { t, metres } = nearestOnSegment(point, segment)
    if (metres <= reachMetres && (!best || metres < best.metres)) {
      const [a, b] = segment
      best = { position: [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)], to: 'edge', metres }
    }
  }
  return best
}

type Outline = Polygon | MultiPolygon

/**
 * What the boundary in hand snaps to: its parent's outline (a small area's district, a district's
 * township), the drawn outlines of its siblings but its own (`ownCode`, null for a new one), and
 * those inside it (a district's small areas, so a redrawn district can follow them).
 */
export function neighbourTargets(
  parent: Outline | null,
  siblings: ReadonlyArray<{ geometry: Outline | null; properties: { code: string } }>,
  ownCode: string | null,
  inside: readonly Outline[] = [],
): SnapTargets {
  const others = siblings.flatMap((f) => (f.geometry && f.properties.code !== ownCode ? [f.geometry] : []))
  return targetsOf([...(parent ? [parent] : []), ...others, ...inside])
}

/** Every vertex and edge of some polygons, each shared vertex once. */
export function targetsOf(shapes: ReadonlyArray<Polygon | MultiPolygon>): SnapTargets {
  const vertices = new Map<string, Position>()
  const segments: Segment[] = []
  for (const shape of shapes) {
    const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates
    for (const ring of polygons.flat()) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i]!
        vertices.set(`${p[0]},${p[1]}`, p)
        if (i > 0) segments.push([ring[i - 1]!, p])
      }
    }
  }
  return { vertices: [...vertices.values()], segments }
}
