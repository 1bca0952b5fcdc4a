/** How GeoJSON crosses into and out of PostGIS, and PostGIS's own verdict on validity. */
import { sql, type SQL } from 'drizzle-orm'
import type { Geometry } from 'geojson'
import { COORDINATE_DECIMALS, type FieldProblem } from '@census/shared'
import type { Executor } from './client.ts'

/** 7 decimals of a degree ≈ 1 cm: what boundaries are kept to on the way in (COORDINATE_DECIMALS). */
export const GEOJSON_DECIMALS = COORDINATE_DECIMALS

/**
 * The grid size (degrees, ≈ 0.01 mm) every overlay (ST_Difference, ST_Intersection, ST_Union) must
 * pass. Our coordinates sit on a 1e-7 grid, so it changes nothing there; but it makes GEOS use
 * snap-rounding, which never needs the exception-driven fallback that the WASM build of PGlite
 * cannot run: without it PGlite can return NO ROW and no error for a hard overlay
 * (fixtures/postgis/pglite-silent-overlay.json; geometry.sql.test.ts keeps the proof).
 * Its reciprocal must be an exact integer: GEOS before 3.12 rounds with the scale 1 / size, and
 * 1 / 1e-9 is 999999999.9999999 in floating point, which moved every vertex of an overlay's result
 * by one unit in the last place, so a boundary saved unchanged on Debian's PostGIS no longer shared
 * its edges bit for bit with its neighbours (resave.test.ts). 1 / 1e-10 is exactly 1e10.
 */
export const OVERLAY_GRID = sql.raw('1e-10')

/**
 * The area in m² of a shape as we hold it: edges straight in lon/lat, as every overlay takes them. Its
 * planar area in square degrees, scaled at its centroid's latitude by the CGCS2000 ellipsoid's radii
 * (meridian M and prime vertical N: a degree² there is M·N·cos φ·(π/180)² m²); within 1e-4 of the
 * geodesic area for any census shape. The geodesic area (`::geography`) takes the edges as great
 * circles instead, which leave a straight 5 km edge by 0.15 m: a sliver 4 mm wide along such an edge
 * came out at 417 m² instead of 12.
 */
export function areaM2(geometry: SQL): SQL {
  const a2 = 6378137 ** 2
  const e2 = 0.00669438002290
  return sql`(SELECT ST_Area(g) * ${(a2 * (1 - e2) * (Math.PI / 180) ** 2)}::float8 * cos(radians(phi)) / (1 - ${e2}::float8 * sin(radians(phi)) ^ 2) ^ 2
              FROM (SELECT ${geometry} AS g) shape CROSS JOIN LATERAL (SELECT coalesce(ST_Y(ST_Centroid(g)), 0) AS phi) latitude)`
}

/**
 * Turns off JIT compilation for the rest of the transaction. PostGIS's cost estimates (1,000 rows
 * per ST_Dump, expensive-looking geometry functions) push even a one-district check over
 * jit_above_cost, and compiling then takes 30–40 ms for a query that runs in a few.
 * Call it inside a transaction (SET LOCAL); PGlite has no JIT and accepts the setting.
 */
export async function withoutJit(tx: Executor): Promise<void> {
  await tx.rows(sql`SET LOCAL jit = off`)
}

export function geometryIn(geometry: Geometry): SQL {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`
}

export function geometryOut(column: SQL): SQL {
  return sql`ST_AsGeoJSON(${column}, ${sql.raw(String(GEOJSON_DECIMALS))})::json`
}

// GEOS's reasons, in the words a township clerk reads.
const REASONS_ZH: Record<string, string> = {
  'Self-intersection': '边界自相交',
  'Ring Self-intersection': '边界环自相交',
  'Too few points': '顶点太少',
  'Hole lies outside shell': '内环（洞）位于外环之外',
  'Nested shells': '多个外环相互嵌套',
  'Interior is disconnected': '内部被分割为不相连的部分',
  'Nested holes': '内环相互嵌套',
  'Invalid Coordinate': '坐标无效',
  'Ring is not closed': '环没有闭合',
}

/** PostGIS's check of a geometry that passed the shared checks: problems with the place they occur. */
export async function validityProblems(tx: Executor, geometry: Geometry, path: string): Promise<FieldProblem[]> {
  const [detail] = await tx.rows<{ valid: boolean; reason: string | null; location: { coordinates: [number, number] } | null }>(
    sql`SELECT d.valid, d.reason, ST_AsGeoJSON(d.location, 7)::json AS location FROM ST_IsValidDetail(${geometryIn(geometry)}) AS d`,
  )
  if (!detail || detail.valid) return []
  const reason = detail.reason ?? 'invalid'
  const where = detail.location ? ` [${detail.location.coordinates.join(', ')}]` : ''
  const known = Object.entries(REASONS_ZH).find(([en]) => reason.startsWith(en))
  return [{ path, message: { zh: `${known ? known[1] : '几何图形无效'}${where ? `，位置约在${where}` : ''}（${reason}）`, en: `Invalid geometry: ${reason}${where ? ` near${where}` : ''}` } }]
}
