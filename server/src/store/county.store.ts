/** The county table: one county per installation for now; a city-wide installation will hold several. */
import { sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'

/** The county this installation serves, which routes use when a request names none. */
export async function installationCounty(db: Executor): Promise<{ code: string; name: string } | null> {
  const [county] = await db.rows<{ code: string; name: string }>(sql`SELECT county_code AS code, name FROM county ORDER BY county_code LIMIT 1`)
  return county ?? null
}
