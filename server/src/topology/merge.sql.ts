/**
 * Merging two neighbouring small areas of one district into the one with the lower code; the other
 * is deleted (the history keeps it, restorable like any deletion) and its buildings move over.
 */
import { OVERLAY_GRID } from '../db/geometry.sql.ts'
import { sql } from 'drizzle-orm'
import { countyOf, parentCode, type MergeRequest, type RepairResult } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { conflict, invalidInput } from '../http/errors.ts'
import { lockSmallArea, repairResult } from './repairs.sql.ts'

export async function mergeSmallAreas(tx: Executor, request: MergeRequest, author: string): Promise<RepairResult> {
  const [[a, va], [b, vb]] = [0, 1].map((i) => [request.smallAreas[i]!, request.versions[i]!] as const).sort(([x], [y]) => x.localeCompare(y))
  if (a === b) {
    throw invalidInput([{ path: 'smallAreas', message: { zh: '请选择两个不同的普查小区', en: 'Choose two different small areas' } }])
  }
  if (parentCode('smallArea', a) !== parentCode('smallArea', b)) {
    throw invalidInput([
      { path: 'smallAreas', message: { zh: `“${a}”和“${b}”不属于同一个普查区，不能合并`, en: `"${a}" and "${b}" lie in different districts and cannot be merged` } },
    ])
  }
  const { districtCode } = await lockSmallArea(tx, a, va)
  await lockSmallArea(tx, b, vb)
  const county = countyOf(a)
  const [pair] = await tx.rows<{ shared_m: number; overlapping: boolean; reason: string | null }>(sql`
    WITH p AS (
      SELECT (SELECT boundary FROM small_area WHERE county_code = ${county} AND code = ${a}) AS a,
             (SELECT boundary FROM small_area WHERE county_code = ${county} AND code = ${b}) AS b
    )
    SELECT ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(p.a), ST_Boundary(p.b), ${OVERLAY_GRID}), 2)::geography) AS shared_m,
           ST_Relate(p.a, p.b, '2********') AS overlapping,
           CASE WHEN ST_IsValid(m.g) THEN NULL ELSE ST_IsValidReason(m.g) END AS reason
    FROM p CROSS JOIN LATERAL (SELECT ST_Union(p.a, p.b, ${OVERLAY_GRID}) AS g) m`)
  // Meeting at a corner, or with a sliver of gap between them, does not make two areas one.
  if (!pair || (pair.shared_m <= 0 && !pair.overlapping)) {
    throw conflict({
      zh: `“${a}”和“${b}”不相邻（没有共用的边线，最多只在一点相接）：只能合并相邻的普查小区；若两者间有细缝，请先吸附`,
      en: `"${a}" and "${b}" are not neighbours (they share no edge, at most a point): only neighbours can be merged; if a sliver separates them, snap first`,
    })
  }
  if (pair.reason) {
    throw conflict({ zh: `合并后的边界无效（${pair.reason}），未作更改`, en: `The merged boundary would be invalid (${pair.reason}); nothing was changed` })
  }
  await tx.rows(sql`
    UPDATE small_area s SET boundary = ST_Multi(ST_CollectionExtract(ST_Union(s.boundary, o.boundary, ${OVERLAY_GRID}), 3)),
           version = s.version + 1, updated_at = now(), updated_by = ${author}
    FROM small_area o
    WHERE s.county_code = ${county} AND s.code = ${a} AND o.county_code = ${county} AND o.code = ${b}`)
  await tx.rows(sql`DELETE FROM small_area WHERE county_code = ${county} AND code = ${b}`)
  return repairResult(tx, districtCode, [a], [b])
}
