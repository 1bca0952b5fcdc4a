/**
 * The database adapter: one small interface over drizzle-orm, with two drivers behind it: the
 * embedded PGlite + PostGIS (the default: one command runs everything, data kept in a folder) and
 * postgres.js for a real PostgreSQL + PostGIS server (DATABASE_URL). Everything above this file
 * speaks SQL through `rows()` and `transaction()` and never knows which one it got.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { sql, type SQL } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'

export type DatabaseKind = 'embedded' | 'server'

export interface Executor {
  rows<T>(query: SQL): Promise<T[]>
}

export interface Database extends Executor {
  readonly kind: DatabaseKind
  /**
   * Runs `fn` in one transaction whose changes are recorded in history under `author`
   * (the history trigger refuses writes without one). `at` backdates them: demo loading only.
   */
  transaction<T>(author: string, fn: (tx: Executor) => Promise<T>, at?: Date): Promise<T>
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>
  /** Bulk-loads tab-separated text (COPY … FROM STDIN format) into `table (columns)`. */
  copyIn(table: string, columns: readonly string[], tsv: string): Promise<void>
  close(): Promise<void>
}

/** postgres.js returns a row array, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

type Drizzle = ReturnType<typeof drizzlePglite> | ReturnType<typeof drizzlePostgres>

function withTransactions(db: Drizzle) {
  return async <T>(author: string, fn: (tx: Executor) => Promise<T>, at?: Date): Promise<T> =>
    // The two drivers' transaction types differ only in their result type, which rowsOf absorbs.
    (db as ReturnType<typeof drizzlePglite>).transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('census.author', ${author}, true), set_config('census.at', ${at ? at.toISOString() : ''}, true)`)
      return fn({ rows: async <R>(query: SQL) => rowsOf<R>(await tx.execute(query)) })
    })
}

export async function openEmbedded(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ dataDir, extensions: { postgis } })
  const db = drizzlePglite({ client })
  return {
    kind: 'embedded',
    rows: async <T>(query: SQL) => rowsOf<T>(await db.execute(query)),
    transaction: withTransactions(db),
    exec: async (script) => {
      await client.exec(script)
    },
    copyIn: async (table, columns, tsv) => {
      await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([tsv]) })
    },
    close: () => client.close(),
  }
}

export async function openServer(url: string): Promise<Database> {
  const client = postgres(url, { max: 8, onnotice: () => {} })
  const db = drizzlePostgres({ client })
  return {
    kind: 'server',
    rows: async <T>(query: SQL) => rowsOf<T>(await db.execute(query)),
    transaction: withTransactions(db),
    exec: async (script) => {
      await client.unsafe(script)
    },
    copyIn: async (table, columns, tsv) => {
      const stream = await client.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN`).writable()
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject)
        stream.on('finish', resolve)
        stream.end(tsv)
      })
    },
    close: () => client.end({ timeout: 5 }),
  }
}

export function openDatabase(config: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openServer(config.databaseUrl) : openEmbedded(config.dataDir)
}
