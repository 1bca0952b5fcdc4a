import { sql, type SQL } from 'drizzle-orm'
import { countyOf, type ListQuery, type TownshipUpdate } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { geometryOut } from '../db/geometry.sql.ts'
import { changeVersioned, featureCollectionText, oneFeature, scopeFilter } from './features.sql.ts'

function townshipFeatures(where: SQL): SQL {
  return sql`
    SELECT t.code, json_build_object('type', 'Feature', 'id', t.code, 'geometry', ${geometryOut(sql`t.boundary`)},
      'properties', json_build_object('code', t.code, 'name', t.name, 'kind', t.kind,
        'expectedBuildings', t.expected_buildings, 'version', t.version)) AS feature
    FROM township t WHERE ${where}`
}

export function listTownships(tx: Executor, query: ListQuery): Promise<string> {
  return featureCollectionText(tx, townshipFeatures(scopeFilter(query, { county: sql`t.county_code`, township: sql`t.code`, geometry: sql`t.boundary` })))
}

export function readTownship(tx: Executor, code: string): Promise<unknown> {
  return oneFeature(tx, townshipFeatures(sql`t.county_code = ${countyOf(code)} AND t.code = ${code}`))
}

/**
 * Sets the city office's estimate of a township's buildings, stamped with the China day it was
 * entered. History keeps every value, so a report as of a past moment divides by the estimate that
 * stood then (report.store.ts reads the township's image from change_log).
 */
export async function updateTownship(tx: Executor, code: string, change: TownshipUpdate, author: string): Promise<unknown> {
  await changeVersioned(
    tx,
    'township',
    code,
    change.version,
    sql`UPDATE township SET expected_buildings = ${change.expectedBuildings}, expected_buildings_on = census_china_day(now()),
          version = version + 1, updated_at = now(), updated_by = ${author}
        WHERE county_code = ${countyOf(code)} AND code = ${code} AND version = ${change.version} RETURNING code`,
    readTownship,
  )
  return readTownship(tx, code)
}

/**
 * The township's revision (migrations/0007_township_revision.sql): raised in the transaction of every
 * recorded change of its own rows, in commit order. 0 for a township that never changed.
 */
export async function townshipRevision(tx: Executor, township: string): Promise<number> {
  const [row] = await tx.rows<{ revision: string | number }>(
    sql`SELECT revision FROM township_revision WHERE county_code = ${countyOf(township)} AND township_code = ${township}`,
  )
  return Number(row?.revision ?? 0)
}
