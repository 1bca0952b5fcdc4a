import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paths } from '../env.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { areaM2, OVERLAY_GRID } from './geometry.sql.ts'

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

describe('areaM2', () => {
  it('agrees with the geodesic area for a census shape, and takes a sliver along a long edge for what it is', async () => {
    const box = sql`ST_GeomFromText('POLYGON((117.1 35.05,117.15 35.05,117.15 35.1,117.1 35.1,117.1 35.05))', 4326)`
    // 4.76e-8° wide at its middle vertex, 5.7 km long: ~12 m² with straight edges; as great circles, 417 m².
    const sliver = sql`ST_GeomFromText('POLYGON((117.1291657 35.0666629,117.1373 35.1,117.1251 35.05,117.1291657 35.0666629))', 4326)`
    const [row] = await testDb.db.rows<{ box: number; geodesic: number; sliver: number; sliverGeodesic: number }>(sql`
      SELECT ${areaM2(box)} AS box, ST_Area(${box}::geography) AS geodesic, ${areaM2(sliver)} AS sliver, ST_Area(${sliver}::geography) AS "sliverGeodesic"`)
    expect(Math.abs(row!.box / row!.geodesic - 1)).toBeLessThan(1e-4)
    expect(row!.sliver).toBeGreaterThan(11)
    expect(row!.sliver).toBeLessThan(13)
    expect(row!.sliverGeodesic).toBeGreaterThan(400)
  })
})
