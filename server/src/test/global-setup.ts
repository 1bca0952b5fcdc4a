/**
 * Prepares one migrated, empty database as a template before any test file runs; each file then
 * gets its own copy (see database.ts), so tests share no state and still start fast. Which database
 * is used: TEST_DATABASE_URL (a real PostgreSQL + PostGIS server, as in CI) or the embedded PGlite.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openEmbedded, openServer } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { paths } from '../env.ts'
import { serverUrlFor, TEST_DATA_DIR, type TestDatabaseTarget } from './database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (serverUrl) {
    // One template per run (named by process), so concurrent runs on one server do not collide.
    const templateName = `census_test_template_${process.pid}`
    const admin = await openServer(serverUrl)
    // Separate statements: a multi-statement script is one transaction, which DROP/CREATE DATABASE refuse.
    await admin.exec(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
    await admin.exec(`CREATE DATABASE ${templateName}`)
    const template = await openServer(serverUrlFor(serverUrl, templateName))
    await migrate(template, paths.migrations)
    await template.close()
    project.provide('testDatabase', { kind: 'server', url: serverUrl, template: templateName })
    return async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
      await admin.close()
    }
  }
  // Each run has its own folder, so two runs on one machine never share a database.
  const runDir = join(TEST_DATA_DIR, `run-${process.pid}`)
  const templateDir = join(runDir, 'template')
  mkdirSync(runDir, { recursive: true })
  const building = join(runDir, 'template-building')
  const template = await openEmbedded(building)
  await migrate(template, paths.migrations)
  await template.close()
  cpSync(building, templateDir, { recursive: true })
  rmSync(building, { recursive: true, force: true })
  if (!existsSync(templateDir)) throw new Error('test database template was not created')
  project.provide('testDatabase', { kind: 'embedded', templateDir })
  return () => rmSync(runDir, { recursive: true, force: true })
}
