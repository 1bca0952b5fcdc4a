/**
 * Snapping a small area onto its neighbours and its district: the repair for near misses (a vertex
 * a few centimetres off the neighbour's, a sliver of gap or overlap along a common edge).
 */
import { sql, type SQL } from 'drizzle-orm'
import { countyOf, type RepairResult, type SnapRequest } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { conflict } from '../http/errors.ts'
import { fitBoundary, shareVerticesWithNeighbours } from './on-save.sql.ts'
import { lockSmallArea, repairResult } from './repairs.sql.ts'

/** Metres in a degree of latitude on the sphere the topology checks measure on (mean radius 6 371 008.8 m). */
const METRES_PER_DEGREE = 111_194.9

/**
 * Moves the vertices of a small area, in the caller's transaction, onto its neighbours' and its
 * district's vertices within `toleranceM`, else onto their edges, and takes their vertices that lie
 * within it into its own edges; then clips it as a save would, and gives the neighbours the vertices
 * that now lie on their edges, so that every common edge has the same vertices on both sides.
 *
 * ST_Snap works in degrees, the same in every direction, so the tolerance is the tolerance in metres
 * measured east–west at the area's latitude farthest from the equator (where a degree of longitude
 * is shortest): it reaches the full distance every way, and up to 1/cos(latitude) of it north–south
 * (1.2× at 35° N). Refused if the result is invalid.
 */
export async function snapSmallArea(tx: Executor, request: SnapRequest, author: string): Promise<RepairResult> {
  const { smallArea: code, version, toleranceM } = request
  const { districtCode } = await lockSmallArea(tx, code, version)
  const county = countyOf(code)
  const own = sql`(SELECT boundary FROM small_area WHERE county_code = ${county} AND code = ${code})`
  const references = (degrees: SQL) => sql`
    SELECT s.boundary AS g FROM small_area s
    WHERE s.county_code = ${county} AND s.district_code = ${districtCode} AND s.code <> ${code} AND s.boundary && ST_Expand(${own}, ${degrees})
    UNION ALL
    SELECT d.boundary FROM district d WHERE d.county_code = ${county} AND d.code = ${districtCode} AND d.boundary IS NOT NULL`
  const [snapped] = await tx.rows<{ geometry: string; reason: string | null }>(sql`
    WITH tol AS (
      SELECT ${toleranceM} / (${METRES_PER_DEGREE} * cos(radians(greatest(abs(ST_YMin(${own})), abs(ST_YMax(${own})))))) AS d
    ),
    refs AS (${references(sql`(SELECT d FROM tol)`)}),
    -- First onto their vertices (and their vertices into our edges)…
    onto_vertices AS (SELECT ST_Snap(${own}, (SELECT ST_Collect(g) FROM refs), (SELECT d FROM tol)) AS g),
    -- …then each vertex still off their vertices but near an edge onto its nearest point there.
    on_edges AS (
      SELECT ST_Collect(ST_ClosestPoint(e.edge, p.geom)) AS g
      FROM onto_vertices o, tol, ST_DumpPoints(o.g) p,
           LATERAL (SELECT ST_Boundary(r.g) AS edge, r.g FROM refs r) e
      WHERE ST_DWithin(p.geom, e.edge, tol.d) AND NOT ST_Intersects(p.geom, ST_Points(e.g))
    ),
    result AS (
      SELECT ST_Multi(CASE WHEN on_edges.g IS NULL THEN o.g ELSE ST_Snap(o.g, on_edges.g, tol.d) END) AS g
      FROM onto_vertices o, on_edges, tol
    )
    SELECT ST_AsHexEWKB(g) AS geometry, CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason FROM result`)
  if (!snapped || snapped.reason) {
    throw conflict({
      zh: `按 ${toleranceM} 米吸附后“${code}”的边界无效（${snapped?.reason ?? '无结果'}）：请用更小的容差，或手工修改`,
      en: `Snapping "${code}" at ${toleranceM} m would make its boundary invalid (${snapped?.reason ?? 'no result'}): use a smaller tolerance, or edit it by hand`,
    })
  }
  const fitted = await fitBoundary(tx, 'smallArea', districtCode, code, sql`${snapped.geometry}::geometry`, 'clip')
  const [counted] = await tx.rows<{ moved: number; added: number }>(sql`
    WITH before AS (SELECT DISTINCT ST_AsBinary(p.geom) AS v FROM ST_DumpPoints(${own}) p),
         after AS (SELECT DISTINCT ST_AsBinary(p.geom) AS v FROM ST_DumpPoints(${fitted.boundary}::geometry) p)
    SELECT (SELECT count(*)::int FROM before WHERE v NOT IN (SELECT v FROM after)) AS moved,
           (SELECT count(*)::int FROM after WHERE v NOT IN (SELECT v FROM before)) AS added`)
  const counts = { moved: counted?.moved ?? 0, added: counted?.added ?? 0 }
  // Nothing within reach: no new version, no history row.
  if (counts.moved === 0 && counts.added === 0) return repairResult(tx, districtCode, [code], [], counts)
  await tx.rows(sql`
    UPDATE small_area SET boundary = ${fitted.boundary}::geometry, version = version + 1, updated_at = now(), updated_by = ${author}
    WHERE county_code = ${county} AND code = ${code}`)
  const neighbours = await shareVerticesWithNeighbours(tx, 'smallArea', districtCode, [code], author)
  return repairResult(tx, districtCode, [code, ...neighbours], [], counts)
}
