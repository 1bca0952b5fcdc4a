/**
 * Topology on every save of a boundary: overlaps should not happen at all, so a new or edited
 * boundary is clipped against its existing siblings and its parent by default (QGIS's "avoid
 * overlaps"), or refused with the overlaps shown when the client asks for that; the saved feature
 * is then checked against its parent and neighbours, and the findings go back with the response.
 */
import { areaM2, geometryIn, geometryOut, OVERLAY_GRID, withoutJit } from '../db/geometry.sql.ts'
import { is, sql, SQL } from 'drizzle-orm'
import type { MultiPolygon } from 'geojson'
import { areaM2Text, clippedPartList, COORDINATE_GRID_DEGREES, countyOf, parentCode, toFinding, type ClippedPart, type OverlapPolicy, type TopologyFinding } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { CensusError, conflict } from '../http/errors.ts'
import { districtCoverage, townshipCoverage } from './census.sql.ts'
import { coverageFacts } from './coverage.sql.ts'

// The shape of what a save answers is the API's, so the page reads it from shared too.
export type { ClippedPart, SaveTopology } from '@census/shared'

/** Parts smaller than this (m²) are rounding where the drawn edge follows a neighbour's, not overlaps. */
const ROUNDING_M2 = 0.01
/**
 * Nor are parts nowhere wider than the coordinate grid (1e-7°, ≈1 cm): boundaries are kept to 7 decimals,
 * so a vertex snapped onto the middle of a neighbour's edge lands up to 7e-8° off its line, and the sliver
 * between the two edges is that thin however long it is (square metres along a long edge).
 */
const isRounding = (part: SQL) =>
  sql`(CASE WHEN ${areaM2(part)} < ${ROUNDING_M2} THEN true ELSE (ST_MaximumInscribedCircle(${part})).radius * 2 < ${COORDINATE_GRID_DEGREES} END)`

/** Where a boundary sits: its own table (its siblings'), the column naming its parent, the parent's table. */
const LEVELS = {
  smallArea: { table: sql.raw('small_area'), parentColumn: sql.raw('district_code'), parentTable: sql.raw('district'), plural: { zh: '普查小区', en: 'small areas' }, name: { zh: '普查小区', en: 'small area' } },
  district: { table: sql.raw('district'), parentColumn: sql.raw('township_code'), parentTable: sql.raw('township'), plural: { zh: '普查区', en: 'districts' }, name: { zh: '普查区', en: 'district' } },
} as const

/** The levels whose boundaries are drawn by hand and fitted on save: small areas in their district, districts in their township. */
export type BoundaryLevel = keyof typeof LEVELS

/**
 * The boundary a small area or a district may have: the drawn one (GeoJSON, or a repair's geometry
 * already in SQL, kept exact) minus its drawn siblings and whatever lies outside its parent. Returns
 * it as EWKB, so that the exact result of the clipping is stored (GeoJSON would round it and reopen
 * hairline overlaps). Refused when nothing is left, or when the policy is to refuse and something
 * had to be cut. `pending` names siblings about to be rewritten in the same transaction (a border
 * moved on both sides): their rows still hold the old shapes, which the drawn one need not clear.
 */
export async function fitBoundary(
  tx: Executor,
  level: BoundaryLevel,
  parentCode: string,
  ownCode: string | null,
  drawn: MultiPolygon | SQL,
  policy: OverlapPolicy,
  pending: readonly string[] = [],
): Promise<{ boundary: string; clipped: ClippedPart[] }> {
  const county = countyOf(parentCode)
  const { table, parentColumn, parentTable, plural } = LEVELS[level]
  await withoutJit(tx)
  const width = sql`${COORDINATE_GRID_DEGREES}::float8`
  const none = sql`ST_SetSRID('POLYGON EMPTY'::geometry, 4326)`
  const [row] = await tx.rows<{ clipped: ClippedPart[] | null; kept: string | null }>(sql`
    WITH drawn AS (SELECT ${is(drawn, SQL) ? drawn : geometryIn(drawn)} AS geom),
    parent AS (SELECT p.boundary FROM ${parentTable} p WHERE p.county_code = ${county} AND p.code = ${parentCode}),
    neighbours AS (
      SELECT s.code, s.boundary FROM ${table} s, drawn
      WHERE s.county_code = ${county} AND s.${parentColumn} = ${parentCode} AND s.code IS DISTINCT FROM ${ownCode}
        ${pending.length > 0 ? sql`AND s.code NOT IN ${pending}` : sql``}
        AND s.boundary && ST_Expand(drawn.geom, ${width} * 10)
    ),
    siblings AS (SELECT n.* FROM neighbours n, drawn WHERE n.boundary && drawn.geom AND ST_Relate(n.boundary, drawn.geom, '2********')),
    cut AS (
      SELECT s.code, 'sibling' AS reason, ST_CollectionExtract(ST_Intersection(drawn.geom, s.boundary, ${OVERLAY_GRID}), 3) AS part FROM siblings s, drawn
      UNION ALL
      SELECT ${parentCode}, 'outside_parent', ST_CollectionExtract(ST_Difference(drawn.geom, parent.boundary, ${OVERLAY_GRID}), 3) FROM drawn, parent
      WHERE NOT ST_CoveredBy(drawn.geom, parent.boundary)
    ),
    -- Parts of rounding size are dropped: where the drawn edge meets a neighbour's vertex the cut can
    -- leave a sliver a hair wide, which would be kept as a second part that is a point at 7 decimals.
    fitted AS (
      SELECT ST_Collect(part.geom) AS geom
      FROM drawn, parent,
           ST_Dump(ST_CollectionExtract(ST_MakeValid(
               ST_Difference(ST_Intersection(drawn.geom, parent.boundary, ${OVERLAY_GRID}),
                             coalesce((SELECT ST_Union(boundary, ${OVERLAY_GRID}) FROM siblings), ${none}), ${OVERLAY_GRID})), 3)) AS part
      WHERE NOT ${isRounding(sql`part.geom`)}
    ),
    -- The other side of the same rounding: a vertex snapped onto a neighbour's (or the parent's) edge and
    -- rounded away from it leaves uncovered ground between the two edges that no one could see or draw
    -- into. Such ground, nowhere wider than the grid and all within it of the fitted shape, joins it.
    hairlines AS (
      SELECT gap.geom
      FROM fitted, parent,
           ST_Dump(ST_CollectionExtract(ST_Difference(parent.boundary,
               ST_Union(fitted.geom, coalesce((SELECT ST_Union(boundary, ${OVERLAY_GRID}) FROM neighbours), ${none}), ${OVERLAY_GRID}), ${OVERLAY_GRID}), 3)) AS gap
      WHERE CASE WHEN ST_Area(gap.geom) > ST_Perimeter(gap.geom) * ${width} THEN false
                 WHEN EXISTS (SELECT 1 FROM ST_DumpPoints(gap.geom) p WHERE NOT ST_DWithin(p.geom, fitted.geom, ${width})) THEN false
                 ELSE (ST_MaximumInscribedCircle(gap.geom)).radius * 2 < ${width} END
    )
    SELECT
      (SELECT json_agg(json_build_object('code', code, 'reason', reason, 'areaM2', area, 'geometry', ${geometryOut(sql`part`)}) ORDER BY code)
       FROM (SELECT *, ${areaM2(sql`part`)} AS area FROM cut) c WHERE NOT ${isRounding(sql`part`)}) AS clipped,
      (SELECT ST_AsHexEWKB(ST_Multi(ST_CollectionExtract(ST_Union(geom, ${OVERLAY_GRID}), 3)))
       FROM (SELECT geom FROM fitted WHERE geom IS NOT NULL UNION ALL SELECT geom FROM hairlines) whole) AS kept`)
  const clipped = row?.clipped ?? []
  const kept = row?.kept ?? null
  const list = clippedPartList(clipped)
  if (policy === 'refuse' && clipped.length > 0) {
    throw new CensusError(
      409,
      'conflict',
      { zh: `边界与已有区域重叠或超出上级边界：${list.zh}；未保存`, en: `The boundary overlaps existing areas or leaves its parent: ${list.en}; nothing was saved` },
      { problems: clipped.map((p) => ({ path: 'boundary', message: { zh: `与“${p.code}”冲突 ${areaM2Text(p.areaM2)} 平方米`, en: `conflicts with "${p.code}" over ${areaM2Text(p.areaM2)} m²` } })), current: { clipped } },
    )
  }
  const [empty] = kept ? await tx.rows<{ empty: boolean }>(sql`SELECT ${areaM2(sql`${kept}::geometry`)} < ${ROUNDING_M2} AS empty`) : [{ empty: true }]
  if (!kept || empty?.empty) {
    throw new CensusError(409, 'conflict', {
      zh: `剪除与已有${plural.zh}的重叠后边界内已没有剩余区域（${list.zh}）：请在空白处绘制，或先修改相邻的${plural.zh}`,
      en: `Nothing is left once the overlaps with existing ${plural.en} are cut away (${list.en}): draw in uncovered ground, or change the neighbours first`,
    })
  }
  return { boundary: kept, clipped }
}

/**
 * Refuses a district boundary (EWKB, as fitted) that would leave some of the district's small areas
 * partly outside it, naming each with the part that would stick out: the boundary is not moved from
 * under them, so the person changes those small areas first or draws the district round them.
 */
export async function refuseSmallAreasLeftOutside(tx: Executor, districtCode: string, boundary: string): Promise<void> {
  const outside = await tx.rows<ClippedPart>(sql`
    SELECT code, 'child_outside' AS reason, area AS "areaM2", ${geometryOut(sql`part`)} AS geometry
    FROM (SELECT s.code, ST_CollectionExtract(ST_Difference(s.boundary, ${boundary}::geometry, ${OVERLAY_GRID}), 3) AS part
          FROM small_area s
          WHERE s.county_code = ${countyOf(districtCode)} AND s.district_code = ${districtCode} AND NOT ST_CoveredBy(s.boundary, ${boundary}::geometry)) o
    CROSS JOIN LATERAL (SELECT ${areaM2(sql`part`)} AS area) a
    WHERE NOT ${isRounding(sql`part`)}
    ORDER BY code`)
  if (outside.length === 0) return
  const list = clippedPartList(outside)
  throw new CensusError(
    409,
    'conflict',
    {
      zh: `按新边界，普查区“${districtCode}”的这些普查小区会有部分落在普查区外：${list.zh}；未保存。请先修改这些普查小区，或把普查区边界画得包住它们`,
      en: `With the new boundary, these small areas of the district "${districtCode}" would lie partly outside it: ${list.en}; nothing was saved. Change those small areas first, or draw the district round them`,
    },
    {
      problems: outside.map((p) => ({ path: 'boundary', message: { zh: `普查小区“${p.code}”有 ${areaM2Text(p.areaM2)} 平方米会落在普查区外`, en: `${areaM2Text(p.areaM2)} m² of the small area "${p.code}" would lie outside` } })),
      current: { clipped: outside },
    },
  )
}

/** The findings that involve a district after its boundary was saved: its township's coverage narrowed to it, and its own small areas'. */
export async function districtSaveFindings(tx: Executor, districtCode: string): Promise<TopologyFinding[]> {
  await withoutJit(tx)
  const county = countyOf(districtCode)
  const township = await coverageFacts(tx, townshipCoverage(county, parentCode('district', districtCode)))
  const own = await coverageFacts(tx, districtCoverage(county, { district: districtCode }))
  return [...township.filter((f) => f.codes.includes(districtCode)), ...own].map((f) => toFinding(f))
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

/**
 * How close (degrees) a vertex of one small area must be to another's edge to be taken as lying on
 * it: the overlay grid (OVERLAY_GRID, 1e-10°) rounds a point by up to 0.71e-10°, and boundaries saved
 * when it was 1e-9° by up to 0.71e-9°; 2e-9° catches every rounding and nothing a person drew (≈ 0.2 mm).
 */
export const ON_EDGE_DEGREES = sql.raw('2e-9')

/**
 * Puts the vertices of `codes` (small areas, or districts) into the edges of their parent's other
 * children where they lie on them (ST_Snap with a hair's tolerance inserts them), so that neighbours
 * share every vertex of a common edge: no T-junction, no hairline overlap, and borders whose edges
 * pair off exactly, which the whole-city check proves cheaply (`unsettledParents`). A neighbour that
 * would become invalid is refused (a repair: the error takes the caller's transaction back, this
 * update with it) or left as it was (a save: its T-junction stays a warning). `untouched` take none
 * (by default `codes`; a joint save names all it saves, fitted to each other already). Returns the
 * codes it changed.
 */
export async function shareVerticesWithNeighbours(
  tx: Executor,
  level: keyof typeof LEVELS,
  parentCode: string,
  codes: string[],
  author: string,
  { whenInvalid = 'refuse', untouched = codes }: { whenInvalid?: 'refuse' | 'leave'; untouched?: readonly string[] } = {},
): Promise<string[]> {
  const county = countyOf(parentCode)
  const { table, parentColumn, name } = LEVELS[level]
  const changed = await tx.rows<{ code: string; reason: string | null }>(sql`
    WITH written AS (
      SELECT ST_Collect(boundary) AS g FROM ${table} WHERE county_code = ${county} AND code IN ${codes}
    ), snapped AS (
      SELECT s.code, s.boundary AS before, ST_Multi(ST_Snap(s.boundary, w.g, ${ON_EDGE_DEGREES})) AS after
      FROM ${table} s, written w
      WHERE s.county_code = ${county} AND s.${parentColumn} = ${parentCode} AND s.code NOT IN ${untouched}
        AND s.boundary && ST_Expand(w.g, ${ON_EDGE_DEGREES})
    ), changed AS (
      SELECT code, after, CASE WHEN ST_IsValid(after) THEN NULL ELSE ST_IsValidReason(after) END AS reason
      FROM snapped WHERE NOT ST_OrderingEquals(before, after)
    ), updated AS (
      UPDATE ${table} s SET boundary = c.after, version = s.version + 1, updated_at = now(), updated_by = ${author}
      FROM changed c WHERE s.county_code = ${county} AND s.code = c.code AND c.reason IS NULL
      RETURNING s.code
    )
    SELECT code, reason FROM changed ORDER BY code`)
  const broken = changed.find((c) => c.reason !== null)
  if (broken && whenInvalid === 'refuse') {
    throw conflict({
      zh: `相邻${name.zh}“${broken.code}”加入共用顶点后边界无效（${broken.reason}），未作更改`,
      en: `The neighbouring ${name.en} "${broken.code}" would become invalid once it shares the new vertices (${broken.reason}); nothing was changed`,
    })
  }
  return changed.filter((c) => c.reason === null).map((c) => c.code)
}

/**
 * Puts the vertices of districts' boundaries into the edges of their own small areas where they lie
 * on them: a district that took a neighbour's vertex (shareVerticesWithNeighbours), or was redrawn,
 * passes it on to the small area along that border, so that parent and children keep sharing every
 * vertex (and the whole-city check keeps proving such a district cheaply, `unsettledParents`). A small
 * area that would become invalid is left as it was. Returns the codes it changed.
 */
export async function shareDistrictVerticesWithSmallAreas(tx: Executor, districtCodes: string[], author: string): Promise<string[]> {
  const county = countyOf(districtCodes[0]!)
  const changed = await tx.rows<{ code: string }>(sql`
    WITH snapped AS (
      SELECT s.code, s.boundary AS before, ST_Multi(ST_Snap(s.boundary, d.boundary, ${ON_EDGE_DEGREES})) AS after
      FROM small_area s JOIN district d ON d.county_code = s.county_code AND d.code = s.district_code
      WHERE s.county_code = ${county} AND s.district_code IN ${districtCodes} AND d.boundary IS NOT NULL
    ), changed AS (
      SELECT code, after FROM snapped WHERE NOT ST_OrderingEquals(before, after) AND ST_IsValid(after)
    )
    UPDATE small_area s SET boundary = c.after, version = s.version + 1, updated_at = now(), updated_by = ${author}
    FROM changed c WHERE s.county_code = ${county} AND s.code = c.code
    RETURNING s.code`)
  return changed.map((c) => c.code).sort()
}
