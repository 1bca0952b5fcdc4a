/**
 * The live counter shown while a small area is drawn: how many buildings and households it holds
 * against one enumerator's target, so staff balance the load as they draw rather than after.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { SMALL_AREA_MAX_HOUSEHOLDS, SMALL_AREA_TARGET_HOUSEHOLDS } from '@census/shared'

/** `withinLimit` is a virtual small area's: it holds an institution, and only the hard limit applies (as in the server's check). */
export type LoadLevel = 'light' | 'balanced' | 'heavy' | 'overLimit' | 'withinLimit'

export interface SmallAreaLoad {
  buildings: number
  households: number
  target: number
  level: LoadLevel
}

/** Within this share of the target a small area counts as balanced (about 64–96 households). */
const BALANCED_WITHIN = 0.2

/** Even-odd ray casting: a point is inside when a ray from it crosses the rings an odd number of times. */
export function containsPoint(shape: Polygon | MultiPolygon, [x, y]: Position): boolean {
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates
  let inside = false
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside
    }
  }
  return inside
}

export function levelOf(households: number, virtual = false, target = SMALL_AREA_TARGET_HOUSEHOLDS): LoadLevel {
  if (households > SMALL_AREA_MAX_HOUSEHOLDS) return 'overLimit'
  if (virtual) return 'withinLimit'
  if (households < target * (1 - BALANCED_WITHIN)) return 'light'
  if (households > target * (1 + BALANCED_WITHIN)) return 'heavy'
  return 'balanced'
}

/** The buildings (points with their households) that fall inside a shape, summed, and judged as an ordinary or a virtual small area. */
export function loadOf(shape: Polygon | MultiPolygon, buildings: Iterable<{ location: Position; households: number }>, virtual = false): SmallAreaLoad {
  let count = 0
  let households = 0
  for (const b of buildings) {
    if (!containsPoint(shape, b.location)) continue
    count += 1
    households += b.households
  }
  return { buildings: count, households, target: SMALL_AREA_TARGET_HOUSEHOLDS, level: levelOf(households, virtual) }
}
