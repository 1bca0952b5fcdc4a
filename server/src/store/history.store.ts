/**
 * Reading the change history the database trigger writes, and restoring what was deleted: a small
 * area, a building, or a district's boundary. A restore is itself a recorded change.
 */
import { sql } from 'drizzle-orm'
import { countyOf, parentCode, type HistoryEntity, type HistoryEntry } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { CensusError, conflict, entityName, notFound } from '../http/errors.ts'
import { readBuilding } from './buildings.store.ts'
import { readDistrict } from './districts.store.ts'
import { readSmallArea } from './small-areas.store.ts'

export interface HistoryQuery {
  /** Any code: entries of that thing and everything under it (a township's code lists its districts' changes too). */
  scope: string
  entity?: HistoryEntity | undefined
  limit: number
}

export function listHistory(tx: Executor, query: HistoryQuery): Promise<HistoryEntry[]> {
  return tx.rows<HistoryEntry>(sql`
    SELECT id::int AS id, entity, code, operation, author, at, before, after
    FROM change_log
    WHERE county_code = ${countyOf(query.scope)} AND code LIKE ${query.scope + '%'}
      ${query.entity ? sql`AND entity = ${query.entity}` : sql``}
    ORDER BY id DESC LIMIT ${query.limit}`)
}

interface ChangeRow {
  entity: HistoryEntity
  code: string
  operation: HistoryEntry['operation']
  before_has_boundary: boolean
  after_has_boundary: boolean
}

function notRestorable(id: number): CensusError {
  return new CensusError(400, 'invalid_input', {
    zh: `历史记录 ${id} 不是可恢复的删除操作（只能恢复被删除的普查小区、建筑物或普查区边界）`,
    en: `History entry ${id} is not a restorable deletion (only deleted small areas, buildings and district boundaries can be restored)`,
  })
}

/** Puts back what history entry `id` deleted; returns the restored feature. */
export async function restoreDeleted(tx: Executor, county: string, id: number): Promise<unknown> {
  const [change] = await tx.rows<ChangeRow>(sql`
    SELECT entity, code, operation,
           jsonb_typeof(before->'boundary') = 'object' AS before_has_boundary,
           jsonb_typeof(after->'boundary') = 'object' AS after_has_boundary
    FROM change_log WHERE county_code = ${county} AND id = ${id}`)
  if (!change) throw notFound('change', String(id))
  const entry = sql`(SELECT before FROM change_log WHERE county_code = ${county} AND id = ${id})`
  const alreadyThere = () =>
    conflict({
      zh: `${entityName(change.entity).zh}“${change.code}”已存在，无法恢复（编码可能已被重新使用）`,
      en: `The ${entityName(change.entity).en} "${change.code}" exists again and cannot be restored (its code may have been reused)`,
    })

  if (change.entity === 'small_area' && change.operation === 'delete') {
    const inserted = await tx.rows(sql`
      INSERT INTO small_area (county_code, code, district_code, boundary, enumerator, status, version, updated_by)
      SELECT b->>'county_code', b->>'code', b->>'district_code', ST_SetSRID(ST_GeomFromGeoJSON(b->'boundary'), 4326),
             b->>'enumerator', b->>'status', (b->>'version')::int + 1, current_setting('census.author')
      FROM ${entry} AS e(b)
      ON CONFLICT DO NOTHING RETURNING code`)
    if (inserted.length === 0) throw alreadyThere()
    await tx.rows(sql`SELECT census_assign_buildings(${county}, ${parentCode('smallArea', change.code)})`)
    return readSmallArea(tx, change.code)
  }
  if (change.entity === 'building' && change.operation === 'delete') {
    const inserted = await tx.rows(sql`
      INSERT INTO building (county_code, code, district_code, small_area_code, location, footprint, use, floors,
                            households, address, note, version, updated_by)
      SELECT b->>'county_code', b->>'code', b->>'district_code',
             (SELECT code FROM census_small_area_covering(b->>'county_code', b->>'district_code', ST_SetSRID(ST_GeomFromGeoJSON(b->'location'), 4326))),
             ST_SetSRID(ST_GeomFromGeoJSON(b->'location'), 4326),
             CASE WHEN jsonb_typeof(b->'footprint') = 'object' THEN ST_SetSRID(ST_GeomFromGeoJSON(b->'footprint'), 4326) END,
             b->>'use', (b->>'floors')::int, (b->>'households')::int, b->>'address', b->>'note',
             (b->>'version')::int + 1, current_setting('census.author')
      FROM ${entry} AS e(b)
      ON CONFLICT DO NOTHING RETURNING code`)
    if (inserted.length === 0) throw alreadyThere()
    return readBuilding(tx, change.code)
  }
  if (change.entity === 'district' && change.operation === 'update' && change.before_has_boundary && !change.after_has_boundary) {
    const restored = await tx.rows(sql`
      UPDATE district d SET boundary = ST_SetSRID(ST_GeomFromGeoJSON(e.b->'boundary'), 4326), status = e.b->>'status',
             version = d.version + 1, updated_at = now(), updated_by = current_setting('census.author')
      FROM ${entry} AS e(b)
      WHERE d.county_code = ${county} AND d.code = ${change.code} AND d.boundary IS NULL
      RETURNING d.code`)
    if (restored.length === 0) {
      throw conflict({
        zh: `普查区“${change.code}”已重新绘制了边界，不能用旧边界覆盖`,
        en: `The district "${change.code}" has been drawn again; the old boundary will not overwrite it`,
      })
    }
    return readDistrict(tx, change.code)
  }
  throw notRestorable(id)
}
