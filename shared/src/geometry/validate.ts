/**
 * Checks on geometry as it arrives from a person or a file, before it reaches PostGIS. They catch
 * what can be named precisely (which ring, which vertex); PostGIS's ST_IsValidDetail stays the
 * authority for the rest and reports in the same shape (see server/src/db/geometry.sql.ts).
 */
import { kinks } from '@turf/turf'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import type { FieldProblem } from '../errors.ts'

/** Mainland China, Hainan, Taiwan and the islands, with a margin: a coordinate outside is a mistake (or swapped lat/lon). */
export const CHINA_BOUNDS = { west: 73, south: 3, east: 136, north: 54 } as const

type Problems = FieldProblem[]

function problem(path: string, zh: string, en: string): FieldProblem {
  return { path, message: { zh, en } }
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n))
}

export function checkPosition(p: unknown, path: string): Problems {
  if (!isPosition(p)) {
    return [problem(path, '坐标应为 [经度, 纬度] 两个有限数字', 'A coordinate must be [longitude, latitude], two finite numbers')]
  }
  const [lon, lat] = p as [number, number]
  if (lon < CHINA_BOUNDS.west || lon > CHINA_BOUNDS.east || lat < CHINA_BOUNDS.south || lat > CHINA_BOUNDS.north) {
    const swapped = lat >= CHINA_BOUNDS.west && lat <= CHINA_BOUNDS.east && lon >= CHINA_BOUNDS.south && lon <= CHINA_BOUNDS.north
    return [
      problem(
        path,
        `坐标 [${lon}, ${lat}] 不在中国境内${swapped ? '（经纬度是否写反了？）' : ''}`,
        `The coordinate [${lon}, ${lat}] lies outside China${swapped ? ' (are longitude and latitude swapped?)' : ''}`,
      ),
    ]
  }
  return []
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

function checkRing(ring: unknown, path: string): Problems {
  if (!Array.isArray(ring)) return [problem(path, '环应为坐标数组', 'A ring must be an array of coordinates')]
  const problems = ring.flatMap((p, i) => checkPosition(p, `${path}[${i}]`))
  if (problems.length > 0) return problems
  const positions = ring as Position[]
  if (positions.length < 4) {
    return [problem(path, `环至少需要 4 个坐标（首尾相同），这里只有 ${positions.length} 个`, `A ring needs at least 4 coordinates (first = last); this one has ${positions.length}`)]
  }
  if (!samePosition(positions[0]!, positions[positions.length - 1]!)) {
    return [problem(path, '环没有闭合：首尾坐标必须相同', 'The ring is not closed: its first and last coordinates must be the same')]
  }
  for (let i = 1; i < positions.length; i++) {
    if (samePosition(positions[i - 1]!, positions[i]!)) {
      return [problem(`${path}[${i}]`, `第 ${i} 个坐标与前一个重复`, `Coordinate ${i} repeats the one before it`)]
    }
  }
  if (new Set(positions.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3) {
    return [problem(path, '环的面积为零（少于 3 个不同的点）', 'The ring has no area (fewer than 3 distinct points)')]
  }
  return []
}

function checkPolygonRings(rings: unknown, path: string): Problems {
  if (!Array.isArray(rings) || rings.length === 0) {
    return [problem(path, '面至少需要一个外环', 'A polygon needs at least an outer ring')]
  }
  const problems = rings.flatMap((r, i) => checkRing(r, `${path}[${i}]`))
  if (problems.length > 0) return problems
  const found = kinks({ type: 'Polygon', coordinates: rings as Position[][] })
  const first = found.features[0]
  if (first) {
    const [lon, lat] = first.geometry.coordinates as [number, number]
    return [problem(path, `边界自相交，交点约在 [${lon.toFixed(6)}, ${lat.toFixed(6)}]`, `The boundary intersects itself near [${lon.toFixed(6)}, ${lat.toFixed(6)}]`)]
  }
  return []
}

/**
 * Checks a Polygon or MultiPolygon; returns problems with paths under `path`
 * (e.g. `boundary.coordinates[0][3]`).
 */
export function checkPolygonal(g: unknown, path: string): Problems {
  if (typeof g !== 'object' || g === null) return [problem(path, '缺少边界几何', 'The boundary geometry is missing')]
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown }
  if (type === 'Polygon') return checkPolygonRings(coordinates, `${path}.coordinates`)
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      return [problem(`${path}.coordinates`, '多面至少需要一个面', 'A MultiPolygon needs at least one polygon')]
    }
    return coordinates.flatMap((rings, i) => checkPolygonRings(rings, `${path}.coordinates[${i}]`))
  }
  return [problem(`${path}.type`, `边界应为 Polygon 或 MultiPolygon，而不是 ${String(type)}`, `A boundary must be a Polygon or MultiPolygon, not ${String(type)}`)]
}

export function checkPoint(g: unknown, path: string): Problems {
  if (typeof g !== 'object' || g === null) return [problem(path, '缺少位置', 'The location is missing')]
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown }
  if (type !== 'Point') return [problem(`${path}.type`, `位置应为 Point，而不是 ${String(type)}`, `A location must be a Point, not ${String(type)}`)]
  return checkPosition(coordinates, `${path}.coordinates`)
}

/**
 * Coordinates are kept to 7 decimals of a degree (≈ 1 cm), as the server stores and serves them: a
 * vertex the map snaps to is then the very number saved. A clicked vertex kept at full precision was
 * served rounded, so the next shape snapped to a point a hair away from it, and cutting the two apart
 * left a sliver and moved the shared vertex.
 */
export const COORDINATE_DECIMALS = 7
/** The step between two coordinates so kept (1e-7°): a part narrower than it is rounding, not drawing. */
export const COORDINATE_GRID_DEGREES = 10 ** -COORDINATE_DECIMALS
export const round7 = (v: number): number => Math.round(v * 10 ** COORDINATE_DECIMALS) / 10 ** COORDINATE_DECIMALS

export function onCoordinateGrid(g: MultiPolygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => polygon.map((ring) => ring.map((p) => p.map(round7)))) }
}

/** Every boundary is stored as a MultiPolygon, so that exclaves (飞地) need no special case. */
export function toMultiPolygon(g: Polygon | MultiPolygon): MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] }
}
