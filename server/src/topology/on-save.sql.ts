/**
 * Topology on every save of a boundary: overlaps should not happen at all, so a new or edited
 * boundary is clipped against its existing siblings and its parent by default (QGIS's "avoid
 * overlaps"), or refused with the overlaps shown when the client asks for that; the saved feature
 * is then checked against its parent and neighbours, and the findings go back with the response.
 */
import { geometryIn, geometryOut, OVERLAY_GRID, withoutJit } from '../db/geometry.sql.ts'
import { is, sql, SQL } from 'drizzle-orm'
import type { MultiPolygon } from 'geojson'
import { countyOf, toFinding, type ClippedPart, type OverlapPolicy, type TopologyFinding } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { CensusError } from '../http/errors.ts'
import { districtCoverage } from './census.sql.ts'
import { coverageFacts } from './coverage.sql.ts'

// The shape of what a save answers is the API's, so the page reads it from shared too.
export type { ClippedPart, SaveTopology } from '@census/shared'

/** Parts smaller than this (m²) are rounding where the drawn edge follows a neighbour's, not overlaps. */
const ROUNDING_M2 = 0.01

/**
 * The boundary a small area may have: the drawn one (GeoJSON, or a repair's geometry already in
 * SQL, kept exact) minus its siblings and whatever lies outside its district. Returns it as EWKB,
 * so that the exact result of the clipping is stored (GeoJSON would round it and reopen hairline
 * overlaps). Refused when nothing is left, or when the policy is to refuse and something had to be
 * cut.
 */
export async function fitSmallArea(
  tx: Executor,
  districtCode: string,
  ownCode: string | null,
  drawn: MultiPolygon | SQL,
  policy: OverlapPolicy,
): Promise<{ boundary: string; clipped: ClippedPart[] }> {
  const county = countyOf(districtCode)
  await withoutJit(tx)
  const [row] = await tx.rows<{ clipped: ClippedPart[] | null; kept: string | null }>(sql`
    WITH drawn AS (SELECT ${is(drawn, SQL) ? drawn : geometryIn(drawn)} AS geom),
    parent AS (SELECT d.boundary FROM district d WHERE d.county_code = ${county} AND d.code = ${districtCode}),
    siblings AS (
      SELECT s.code, s.boundary FROM small_area s, drawn
      WHERE s.county_code = ${county} AND s.district_code = ${districtCode} AND s.code IS DISTINCT FROM ${ownCode}
        AND s.boundary && drawn.geom AND ST_Relate(s.boundary, drawn.geom, '2********')
    ),
    cut AS (
      SELECT s.code, 'sibling' AS reason, ST_CollectionExtract(ST_Intersection(drawn.geom, s.boundary, ${OVERLAY_GRID}), 3) AS part FROM siblings s, drawn
      UNION ALL
      SELECT ${districtCode}, 'outside_parent', ST_CollectionExtract(ST_Difference(drawn.geom, parent.boundary, ${OVERLAY_GRID}), 3) FROM drawn, parent
      WHERE NOT ST_CoveredBy(drawn.geom, parent.boundary)
    )
    SELECT
      (SELECT json_agg(json_build_object('code', code, 'reason', reason, 'areaM2', area, 'geometry', ${geometryOut(sql`part`)}) ORDER BY code)
       FROM (SELECT *, ST_Area(part::geography) AS area FROM cut) c WHERE area >= ${ROUNDING_M2}) AS clipped,
      (SELECT ST_AsHexEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid(
                ST_Difference(ST_Intersection(drawn.geom, parent.boundary, ${OVERLAY_GRID}),
                              coalesce((SELECT ST_Union(boundary, ${OVERLAY_GRID}) FROM siblings), ST_SetSRID('POLYGON EMPTY'::geometry, 4326)), ${OVERLAY_GRID})), 3)))
       FROM drawn, parent) AS kept`)
  const clipped = row?.clipped ?? []
  const kept = row?.kept ?? null
  const list = clipped.map((p) => `${p.code} (${p.areaM2.toFixed(1)} m²)`).join(', ')
  if (policy === 'refuse' && clipped.length > 0) {
    throw new CensusError(
      409,
      'conflict',
      { zh: `边界与已有区域重叠或超出上级边界：${list}；未保存`, en: `The boundary overlaps existing areas or leaves its parent: ${list}; nothing was saved` },
      { problems: clipped.map((p) => ({ path: 'boundary', message: { zh: `与“${p.code}”冲突 ${p.areaM2.toFixed(1)} 平方米`, en: `conflicts with "${p.code}" over ${p.areaM2.toFixed(1)} m²` } })), current: { clipped } },
    )
  }
  const [empty] = kept ? await tx.rows<{ empty: boolean }>(sql`SELECT ST_Area(${kept}::geometry::geography) < ${ROUNDING_M2} AS empty`) : [{ empty: true }]
  if (!kept || empty?.empty) {
    throw new CensusError(409, 'conflict', {
      zh: `剪除与已有普查小区的重叠后边界内已没有剩余区域（${list}）：请在空白处绘制，或先修改相邻的普查小区`,
      en: `Nothing is left once the overlaps with existing small areas are cut away (${list}): draw in uncovered ground, or change the neighbours first`,
    })
  }
  return { boundary: kept, clipped }
}

/** The coverage findings of a district's small areas after a save or a repair. */
export async function districtFindings(tx: Executor, districtCode: string): Promise<TopologyFinding[]> {
  await withoutJit(tx)
  const facts = await coverageFacts(tx, districtCoverage(countyOf(districtCode), { district: districtCode }))
  return facts.map((f) => toFinding(f))
}

/** The findings that involve one small area after its save: its district's coverage, narrowed to it. */
export async function smallAreaFindings(tx: Executor, code: string, districtCode: string): Promise<TopologyFinding[]> {
  return (await districtFindings(tx, districtCode)).filter((f) => f.codes.includes(code))
}
