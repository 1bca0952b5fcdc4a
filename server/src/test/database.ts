/** A fresh database for one test file: a copy of the migrated template made by global-setup.ts. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { inject } from 'vitest'
import { type Database, openEmbedded, openServer } from '../db/client.ts'
import { paths } from '../env.ts'

export type TestDatabaseTarget = { kind: 'embedded'; templateDir: string } | { kind: 'server'; url: string; template: string }

export const TEST_DATA_DIR = join(paths.repoRoot, '.test-data')

export function serverUrlFor(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export interface TestDatabase {
  db: Database
  /** Closes and reopens the same data (an app restart); returns the new handle. */
  reopen(): Promise<Database>
  dispose(): Promise<void>
}

let counter = 0

export async function openTestDatabase(): Promise<TestDatabase> {
  const target = inject('testDatabase')
  if (target.kind === 'embedded') {
    const dir = mkdtempSync(join(dirname(target.templateDir), 'db-'))
    rmSync(dir, { recursive: true })
    cpSync(target.templateDir, dir, { recursive: true })
    let db = await openEmbedded(dir)
    return {
      get db() {
        return db
      },
      reopen: async () => {
        await db.close()
        db = await openEmbedded(dir)
        return db
      },
      dispose: async () => {
        await db.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `census_test_${process.pid}_${++counter}_${Date.now() % 100000}`
  const admin = await openServer(target.url)
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${target.template}`)
  const url = serverUrlFor(target.url, name)
  let db = await openServer(url)
  return {
    get db() {
      return db
    },
    reopen: async () => {
      await db.close()
      db = await openServer(url)
      return db
    },
    dispose: async () => {
      await db.close()
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.close()
    },
  }
}
