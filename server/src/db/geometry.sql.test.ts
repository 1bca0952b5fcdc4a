import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paths } from '../env.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { OVERLAY_GRID } from './geometry.sql.ts'

const hardCase = JSON.parse(readFileSync(`${paths.fixtures}/postgis/pglite-silent-overlay.json`, 'utf8')) as { district: string; smallAreas: string[] }
let testDb: TestDatabase

beforeAll(async () => {
  testDb = await openTestDatabase()
})
afterAll(() => testDb.dispose())

describe('overlays with OVERLAY_GRID', () => {
  it('answer the overlay that PGlite otherwise loses, on every database', async () => {
    const children = sql.join(hardCase.smallAreas.map((w) => sql`(ST_GeomFromText(${w}, 4326))`), sql`, `)
    const rows = await testDb.db.rows<{ gap: string; overlap: number }>(sql`
      WITH c(g) AS (VALUES ${children})
      SELECT ST_AsText(ST_Difference(ST_GeomFromText(${hardCase.district}, 4326), (SELECT ST_Union(g, ${OVERLAY_GRID}) FROM c), ${OVERLAY_GRID})) AS gap,
             (SELECT count(*)::int FROM c a, c b WHERE a.g < b.g AND ST_Area(ST_Intersection(a.g, b.g, ${OVERLAY_GRID})) > 0) AS overlap`)
    expect(rows).toEqual([{ gap: expect.stringMatching(/EMPTY/), overlap: 0 }])
  })
})
