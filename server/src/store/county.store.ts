/** The county table: one county per installation for now; a city-wide installation will hold several. */
import { sql } from 'drizzle-orm'
import type { CountySettings, CountyUpdate } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { changeVersioned } from './features.sql.ts'

/** The county this installation serves, which routes use when a request names none. */
export async function installationCounty(db: Executor): Promise<{ code: string; name: string } | null> {
  const [county] = await db.rows<{ code: string; name: string }>(sql`SELECT county_code AS code, name FROM county ORDER BY county_code LIMIT 1`)
  return county ?? null
}

export async function readCountySettings(tx: Executor, county: string): Promise<CountySettings | null> {
  const [settings] = await tx.rows<CountySettings>(sql`
    SELECT county_code AS code, name, deadline::text AS deadline, version FROM county WHERE county_code = ${county}`)
  return settings ?? null
}

/**
 * The county's settings as they stood at `asOf`: its latest image in history, as the report reads the
 * townships' estimates, so a report of a past moment forecasts against the deadline of then.
 */
export async function countySettingsAsOf(tx: Executor, county: string, asOf: Date): Promise<CountySettings | null> {
  const [image] = await tx.rows<CountySettings & { operation: string }>(sql`
    SELECT operation, after->>'county_code' AS code, after->>'name' AS name, after->>'deadline' AS deadline, (after->>'version')::int AS version
    FROM change_log
    WHERE county_code = ${county} AND entity = 'county' AND at <= ${asOf.toISOString()}::timestamptz
    ORDER BY at DESC, id DESC LIMIT 1`)
  if (!image || image.operation === 'delete') return null
  const { operation: _, ...settings } = image
  return settings
}

/** Sets the campaign deadline, version-checked; the county's history trigger records the change. */
export async function updateCountySettings(tx: Executor, county: string, change: CountyUpdate, author: string): Promise<CountySettings> {
  await changeVersioned(
    tx,
    'county',
    county,
    change.version,
    sql`UPDATE county SET deadline = ${change.deadline}, version = version + 1, updated_at = now(), updated_by = ${author}
        WHERE county_code = ${county} AND version = ${change.version} RETURNING county_code AS code`,
    readCountySettings,
  )
  return (await readCountySettings(tx, county))!
}

/**
 * The county's revision (migrations/0005_county_revision.sql): raised in the transaction of every
 * recorded change, in commit order, so what was derived from the county at one revision is still
 * true while the revision is the same. 0 for a county that never changed.
 */
export async function countyRevision(tx: Executor, county: string): Promise<number> {
  const [row] = await tx.rows<{ revision: string | number }>(sql`SELECT revision FROM county_revision WHERE county_code = ${county}`)
  return Number(row?.revision ?? 0)
}
