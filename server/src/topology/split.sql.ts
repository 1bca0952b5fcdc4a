/**
 * Splitting a small area, or a district that has none yet, along a line drawn across it: the two
 * parts share exactly the line, cover exactly what was there, and overlap nowhere. This is how
 * staff subdivide a district, and how a small area that grew too heavy is halved.
 */
import { areaM2, OVERLAY_GRID, geometryIn } from '../db/geometry.sql.ts'
import { sql, type SQL } from 'drizzle-orm'
import { countyOf, isVirtualSmallArea, type RepairResult, type SplitRequest } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { conflict, invalidInput, notFound, staleVersion } from '../http/errors.ts'
import { readDistrict } from '../store/districts.store.ts'
import { freeSmallAreaCode } from '../store/small-areas.store.ts'
import { ON_EDGE_DEGREES, shareVerticesWithNeighbours } from './on-save.sql.ts'
import { lockSmallArea, repairResult } from './repairs.sql.ts'

/** A part smaller than this (m²) is a sliver: the line ran along the boundary instead of across. */
const SLIVER_M2 = 1

/**
 * How far (degrees) a cut's end moves onto the grid point nearest the district's outline: it lies
 * within two roundings of it (see ON_EDGE_DEGREES), so a little more than that, still ≈ 0.3 mm.
 */
const END_SNAP_DEGREES = sql.raw('3e-9')

/** What is cut: its geometry in SQL, the buildings that count for it, and who may hold its code. */
interface Target {
  districtCode: string
  geometry: SQL
  /** The district's outline, which the parts must keep following. */
  outline: SQL
  buildings: SQL
  smallArea: string | null
}

async function districtTarget(tx: Executor, code: string, version: number): Promise<Target> {
  const county = countyOf(code)
  const [row] = await tx.rows<{ version: number; drawn: boolean; small_areas: number }>(sql`
    SELECT d.version, d.boundary IS NOT NULL AS drawn,
           (SELECT count(*)::int FROM small_area s WHERE s.county_code = d.county_code AND s.district_code = d.code) AS small_areas
    FROM district d WHERE d.county_code = ${county} AND d.code = ${code} FOR UPDATE`)
  if (!row) throw notFound('district', code)
  if (row.version !== version) throw staleVersion('district', code, version, await readDistrict(tx, code))
  if (!row.drawn) {
    throw conflict({ zh: `普查区“${code}”还没有绘制边界，无法分割`, en: `The district "${code}" has no boundary yet; there is nothing to split` })
  }
  if (row.small_areas > 0) {
    throw conflict({
      zh: `普查区“${code}”已划分了 ${row.small_areas} 个普查小区：请选择其中一个普查小区进行分割`,
      en: `The district "${code}" already has ${row.small_areas} small areas: split one of them instead`,
    })
  }
  return {
    districtCode: code,
    geometry: sql`(SELECT boundary FROM district WHERE county_code = ${county} AND code = ${code})`,
    outline: sql`(SELECT boundary FROM district WHERE county_code = ${county} AND code = ${code})`,
    buildings: sql`b.county_code = ${county} AND b.district_code = ${code}`,
    smallArea: null,
  }
}

async function smallAreaTarget(tx: Executor, code: string, version: number): Promise<Target> {
  const { districtCode } = await lockSmallArea(tx, code, version)
  const county = countyOf(code)
  return {
    districtCode,
    geometry: sql`(SELECT boundary FROM small_area WHERE county_code = ${county} AND code = ${code})`,
    outline: sql`(SELECT boundary FROM district WHERE county_code = ${county} AND code = ${districtCode})`,
    buildings: sql`b.county_code = ${county} AND b.small_area_code = ${code}`,
    smallArea: code,
  }
}

interface Part {
  /** EWKB, kept exact: GeoJSON would round the new vertices off the line. */
  boundary: string
  area_m2: number
  buildings: number
}

/**
 * Cuts the target along the line: what ST_Split does (node the line with the boundary, polygonise,
 * keep the faces inside), but with the noding on the grid every overlay uses (OVERLAY_GRID). All new vertices
 * are rounded once, in one piece of linework, so the two parts share exactly the same edge, and the
 * vertices are already where a later overlay (a merge) would round them. (Rounding each part of
 * ST_Split on its own can round their common edge differently and leave a hairline gap.)
 *
 * Where the line leaves through the district's outline, its end is put on the grid point nearest
 * the outline itself rather than nearest the small area's edge there, which earlier cuts may have
 * bent by a rounding already: otherwise roundings add up from cut to cut until the outline and the
 * small areas part by more than the grid, and the coverage check sees a hairline gap.
 * Parts come back with more buildings first, then the larger first.
 */
async function cut(tx: Executor, target: Target, line: SQL): Promise<Part[]> {
  return tx.rows<Part>(sql`
    WITH t AS (SELECT ${target.geometry} AS g, ST_Boundary(${target.outline}) AS outline),
    linework AS (SELECT ST_Polygonize(ST_Union(ST_Boundary(t.g), ${line}, ${OVERLAY_GRID})) AS faces FROM t),
    faces AS (
      SELECT f.geom FROM t, linework l, ST_Dump(l.faces) f
      WHERE ST_Covers(t.g, ST_PointOnSurface(f.geom))
    ),
    ends AS (
      SELECT ST_Collect(ST_ReducePrecision(ST_ClosestPoint(t.outline, v.geom), ${OVERLAY_GRID})) AS g
      FROM t, (SELECT DISTINCT (ST_DumpPoints(geom)).geom FROM faces) v
      WHERE ST_DWithin(v.geom, t.outline, ${ON_EDGE_DEGREES}) AND NOT ST_Intersects(v.geom, ST_Points(t.g))
    ),
    parts AS (
      SELECT CASE WHEN e.g IS NULL THEN f.geom ELSE ST_Snap(f.geom, e.g, ${END_SNAP_DEGREES}) END AS geom FROM faces f, ends e
    )
    SELECT ST_AsHexEWKB(ST_Multi(p.geom)) AS boundary, ${areaM2(sql`p.geom`)} AS area_m2,
           (SELECT count(*)::int FROM building b WHERE ${target.buildings} AND ST_Covers(p.geom, b.location)) AS buildings
    FROM parts p
    ORDER BY buildings DESC, area_m2 DESC`)
}

/** Refuses a line that does not cut the target once, from one side to the other. */
function checkCount(parts: Part[], code: string): asserts parts is [Part, Part] {
  if (parts.length < 2) {
    throw conflict({
      zh: `分割线没有完整穿过“${code}”：线的两端都要画到边界之外`,
      en: `The line does not cross "${code}" from one side to the other: both of its ends must lie outside the boundary`,
    })
  }
  if (parts.length > 2) {
    throw conflict({
      zh: `分割线把“${code}”分成了 ${parts.length} 块：请画一条只穿过一次的线`,
      en: `The line cuts "${code}" into ${parts.length} parts: draw a line that crosses it only once`,
    })
  }
  const sliver = parts.find((p) => p.area_m2 < SLIVER_M2)
  if (sliver) {
    throw conflict({
      zh: `分割后有一块只有 ${sliver.area_m2.toFixed(2)} 平方米：分割线应从内部穿过，而不是沿边界走`,
      en: `One part would be only ${sliver.area_m2.toFixed(2)} m²: the line must run through the inside, not along the boundary`,
    })
  }
}

/**
 * Two outlines are the same when no vertex of one is farther than this from the other (degrees,
 * ≈ 1 mm): a cut's end moved onto the district's outline lies a rounding or two off the small
 * area's edge there.
 */
const SAME_DEGREES = 1e-8

/**
 * The proof that the cut is clean, measured after rounding: the parts do not overlap, together they
 * are the original to the millimetre (anything more is a gap or an overlap the census rule forbids),
 * both are valid, and their common edge is as long as the line inside the target.
 */
async function checkClean(tx: Executor, target: Target, line: SQL, [a, b]: [Part, Part], code: string): Promise<void> {
  const [check] = await tx.rows<{ valid: boolean; overlap: boolean; apart: number; shared_m: number; inside_m: number }>(sql`
    WITH t AS (SELECT ${target.geometry} AS g), p AS (SELECT ${a.boundary}::geometry AS a, ${b.boundary}::geometry AS b)
    SELECT ST_IsValid(p.a) AND ST_IsValid(p.b) AS valid,
           ST_Relate(p.a, p.b, '2********') AS overlap,
           ST_HausdorffDistance(ST_Boundary(ST_Union(p.a, p.b, ${OVERLAY_GRID})), ST_Boundary(t.g)) AS apart,
           ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(p.a), ST_Boundary(p.b), ${OVERLAY_GRID}), 2)::geography) AS shared_m,
           ST_Length(ST_CollectionExtract(ST_Intersection(${line}, t.g, ${OVERLAY_GRID}), 2)::geography) AS inside_m
    FROM t, p`)
  const clean =
    check && check.valid && !check.overlap && check.apart < SAME_DEGREES && Math.abs(check.shared_m - check.inside_m) <= Math.max(0.01, 1e-6 * check.inside_m)
  if (!clean) {
    throw conflict({
      zh: `无法沿这条线干净地分割“${code}”（两块之间会出现漏划或重叠，或分割线有一段沿边界走）：请重新画线，避开边界和拐角`,
      en: `"${code}" cannot be cut cleanly along this line (the parts would leave a gap or overlap, or the line runs along the boundary): draw it again, away from the boundary and its corners`,
    })
  }
}

async function insertSmallArea(tx: Executor, code: string, districtCode: string, boundary: string, author: string): Promise<void> {
  await tx.rows(sql`
    INSERT INTO small_area (county_code, code, district_code, boundary, status, updated_by)
    VALUES (${countyOf(code)}, ${code}, ${districtCode}, ${boundary}::geometry, 'drawn', ${author})`)
}

/**
 * Splits `target` along `line` in the caller's transaction. A small area keeps its code for the part
 * with more of its buildings (the larger one if even); the other part takes the district's next free
 * code. A district without small areas becomes two, with its first free codes. The neighbours that
 * the line's ends land on get those vertices too, and buildings are re-assigned.
 */
export async function splitArea(tx: Executor, request: SplitRequest, author: string): Promise<RepairResult> {
  const { target: code, version } = request
  const target = code.length === 15 ? await smallAreaTarget(tx, code, version) : await districtTarget(tx, code, version)
  const line = geometryIn(request.line)
  const [shape] = await tx.rows<{ simple: boolean; touches: boolean }>(
    sql`SELECT ST_IsSimple(${line}) AS simple, ST_Intersects(${line}, ${target.geometry}) AS touches`,
  )
  if (!shape?.simple) {
    throw invalidInput([{ path: 'line', message: { zh: '分割线自身相交', en: 'The cutting line crosses itself' } }], 'invalid_geometry')
  }
  if (!shape.touches) {
    throw conflict({ zh: `分割线没有经过“${code}”`, en: `The line does not pass through "${code}"` })
  }
  const parts = await cut(tx, target, line)
  checkCount(parts, code)
  await checkClean(tx, target, line, parts, code)

  const [first, second] = parts
  const written: string[] = []
  if (target.smallArea) {
    await tx.rows(sql`
      UPDATE small_area SET boundary = ${first.boundary}::geometry, version = version + 1, updated_at = now(), updated_by = ${author}
      WHERE county_code = ${countyOf(code)} AND code = ${code}`)
    const other = await freeSmallAreaCode(tx, target.districtCode, isVirtualSmallArea(code))
    await insertSmallArea(tx, other, target.districtCode, second.boundary, author)
    written.push(code, other)
  } else {
    for (const part of parts) {
      const next = await freeSmallAreaCode(tx, target.districtCode, false)
      await insertSmallArea(tx, next, target.districtCode, part.boundary, author)
      written.push(next)
    }
  }
  const neighbours = await shareVerticesWithNeighbours(tx, 'smallArea', target.districtCode, written, author)
  return repairResult(tx, target.districtCode, [...written, ...neighbours], [])
}

