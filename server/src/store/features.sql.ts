/** SQL pieces every feature store uses: the FeatureCollection envelope, scope filters, version checks. */
import { sql, type SQL } from 'drizzle-orm'
import { countyOf, type ListQuery } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { type EntityName, notFound, staleVersion } from '../http/errors.ts'

/**
 * Wraps a query of `(code, feature json)` rows into one FeatureCollection, built as text inside
 * PostgreSQL so that tens of thousands of features are never parsed and re-serialised in Node.
 */
export async function featureCollectionText(tx: Executor, features: SQL): Promise<string> {
  const [row] = await tx.rows<{ body: string }>(sql`
    SELECT json_build_object('type', 'FeatureCollection',
                             'features', coalesce(json_agg(f.feature ORDER BY f.code), '[]'::json))::text AS body
    FROM (${features}) f`)
  return row!.body
}

export async function oneFeature<T>(tx: Executor, features: SQL): Promise<T | null> {
  const [row] = await tx.rows<{ feature: T }>(features)
  return row?.feature ?? null
}

interface ScopeColumns {
  county: SQL
  township?: SQL
  district?: SQL
  geometry: SQL
}

/**
 * WHERE conditions for a list request. A township or district filter also pins the county (the
 * first six digits of every code), the key every query must carry once tables are sharded by county.
 */
export function scopeFilter(query: ListQuery, columns: ScopeColumns): SQL {
  const conditions: SQL[] = [sql`true`]
  const scopeCode = query.district ?? query.township
  if (scopeCode) conditions.push(sql`${columns.county} = ${countyOf(scopeCode)}`)
  if (query.township && columns.township) conditions.push(sql`${columns.township} = ${query.township}`)
  if (query.district && columns.district) conditions.push(sql`${columns.district} = ${query.district}`)
  if (query.bbox) {
    const [w, s, e, n] = query.bbox
    conditions.push(sql`${columns.geometry} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`)
  }
  return sql.join(conditions, sql` AND `)
}

/**
 * Runs a version-checked UPDATE or DELETE (`statement` must return the code of the changed row).
 * When nothing matched, tells a missing row (404) from a stale version (409 with the current state).
 */
export async function changeVersioned(
  tx: Executor,
  entity: EntityName,
  code: string,
  version: number,
  statement: SQL,
  readCurrent: (tx: Executor, code: string) => Promise<unknown>,
): Promise<void> {
  const changed = await tx.rows<{ code: string }>(statement)
  if (changed.length > 0) return
  const current = await readCurrent(tx, code)
  if (current === null) throw notFound(entity, code)
  throw staleVersion(entity, code, version, current)
}
