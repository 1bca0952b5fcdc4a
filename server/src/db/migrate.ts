/**
 * Applies migrations/*.sql in name order, each once and atomically. Plain SQL files (not a
 * generated journal), so a DBA can read exactly what will run on the city's server.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { Database } from './client.ts'

// Serialises concurrent starts (test workers, two app instances) on a real server.
const MIGRATION_LOCK = 7_370_481

async function appliedMigrations(db: Database): Promise<Set<string>> {
  return new Set((await db.rows<{ name: string }>(sql`SELECT name FROM schema_migration`)).map((r) => r.name))
}

export async function migrate(db: Database, migrationsDir: string): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`)
  const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()
  const applied: string[] = []
  for (const file of files) {
    if ((await appliedMigrations(db)).has(file)) continue
    // One simple-protocol query without BEGIN/COMMIT runs as one implicit transaction: all of the
    // file and its bookkeeping row commit together, or nothing does. (So files must not contain
    // transaction control themselves.)
    const script = [
      `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});`,
      readFileSync(join(migrationsDir, file), 'utf8'),
      `;INSERT INTO schema_migration (name) VALUES ('${file.replace(/'/g, "''")}');`,
    ].join('\n')
    try {
      await db.exec(script)
      applied.push(file)
    } catch (error) {
      // Another process may have applied it while we waited for the lock.
      if (!(await appliedMigrations(db)).has(file)) throw error
    }
  }
  return applied
}
