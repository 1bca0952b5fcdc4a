/**
 * One-click repairs, each in the caller's transaction (so recorded in history by the triggers, under
 * the person who asked), refused with reasons when unsafe.
 */
import { areaM2, OVERLAY_GRID } from '../db/geometry.sql.ts'
import { sql, type SQL } from 'drizzle-orm'
import { COORDINATE_GRID_DEGREES, countyOf, parentCode, type RepairResult } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { conflict, notFound, staleVersion } from '../http/errors.ts'
import { readSmallArea } from '../store/small-areas.store.ts'
import { districtFindings } from './on-save.sql.ts'


export interface LockedSmallArea {
  code: string
  districtCode: string
}

/**
 * The small area a repair is about to rewrite, locked until the transaction ends, provided it is
 * still at the version the client based the request on: otherwise 404, or 409 with its current state.
 */
export async function lockSmallArea(tx: Executor, code: string, version: number): Promise<LockedSmallArea> {
  const [row] = await tx.rows<{ version: number }>(
    sql`SELECT version FROM small_area WHERE county_code = ${countyOf(code)} AND code = ${code} FOR UPDATE`,
  )
  if (!row) throw notFound('small_area', code)
  if (row.version !== version) throw staleVersion('small_area', code, version, await readSmallArea(tx, code))
  return { code, districtCode: parentCode('smallArea', code) }
}

/** What a repair answers: the small areas it wrote, read back, those it deleted, and the district's findings. */
export async function repairResult(
  tx: Executor,
  districtCode: string,
  written: string[],
  deleted: string[],
  counts: Pick<RepairResult, 'moved' | 'added'> = {},
): Promise<RepairResult> {
  await tx.rows(sql`SELECT census_assign_buildings(${countyOf(districtCode)}, ${districtCode})`)
  const smallAreas = []
  for (const code of [...new Set(written)].sort()) smallAreas.push(await readSmallArea(tx, code))
  return { district: districtCode, smallAreas, deleted, findings: await districtFindings(tx, districtCode), ...counts }
}

/** The part of a district that no small area covers and that contains the point: rows `(geom)`. */
function gapAt(county: string, districtCode: string, point: [number, number]): SQL {
  return sql`
    SELECT g.geom FROM district d
    CROSS JOIN LATERAL (SELECT ST_Union(s.boundary, ${OVERLAY_GRID}) AS geom FROM small_area s WHERE s.county_code = d.county_code AND s.district_code = d.code) u
    CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(d.boundary, coalesce(u.geom, ST_SetSRID('POLYGON EMPTY'::geometry, 4326)), ${OVERLAY_GRID}), 3)) g
    WHERE d.county_code = ${county} AND d.code = ${districtCode}
      AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(${point[0]}, ${point[1]}), 4326))`
}

/**
 * Gives the gap of a district that contains `point` to the small area with which it shares the
 * longest border. Refused when there is no gap there, or when no small area borders it along a
 * line (touching at a corner does not make a neighbour).
 */
export async function fillGap(tx: Executor, districtCode: string, point: [number, number], author: string): Promise<unknown> {
  const county = countyOf(districtCode)
  const [gap] = await tx.rows<{ code: string | null; border_m: number | null; area_m2: number }>(sql`
    WITH gap AS (${gapAt(county, districtCode, point)})
    SELECT n.code, n.border_m, ${areaM2(sql`gap.geom`)} AS area_m2 FROM gap
    LEFT JOIN LATERAL (
      SELECT s.code, ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(gap.geom), s.boundary, ${OVERLAY_GRID}), 2)::geography) AS border_m
      FROM small_area s
      WHERE s.county_code = ${county} AND s.district_code = ${districtCode} AND s.boundary && ST_Expand(gap.geom, ${COORDINATE_GRID_DEGREES})
      ORDER BY border_m DESC, s.code LIMIT 1
    ) n ON true`)
  if (!gap) {
    throw conflict({ zh: `普查区“${districtCode}”在该位置没有漏划区域`, en: `The district "${districtCode}" has no gap at that point` })
  }
  if (!gap.code || !gap.border_m || gap.border_m <= 0) {
    throw conflict({
      zh: `该漏划区域（${gap.area_m2.toFixed(0)} 平方米）没有与任何普查小区共享边线，无法自动归并，请手工绘制`,
      en: `The gap (${gap.area_m2.toFixed(0)} m²) shares no border with any small area; draw it by hand`,
    })
  }
  await tx.rows(sql`
    UPDATE small_area s SET boundary = ST_Multi(ST_CollectionExtract(ST_Union(s.boundary, g.geom, ${OVERLAY_GRID}), 3)),
           version = version + 1, updated_at = now(), updated_by = ${author}
    FROM (${gapAt(county, districtCode, point)}) g
    WHERE s.county_code = ${county} AND s.code = ${gap.code}`)
  await tx.rows(sql`SELECT census_assign_buildings(${county}, ${districtCode})`)
  return readSmallArea(tx, gap.code)
}
