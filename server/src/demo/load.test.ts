/**
 * The generated demo, loaded for real: PostGIS (not only turf in generate.test.ts) must find every
 * boundary valid and every level an exact partition of its parent, and history must tell the
 * campaign day by day. Two townships keep it quick: the pilot's 北辛街道 and a rural town.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OVERLAY_GRID } from '../db/geometry.sql.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { loadTengzhouSlice, SLICE_CAMPAIGN_START } from '../test/tengzhou-slice.ts'
import { paths } from '../env.ts'
import { PILOT_DISTRICT_CODE, type DemoCity } from './generate.ts'
import { datasetState, INTERRUPTED_LOAD } from './load.ts'
import { DEMO_DATASET, ensureTengzhouDemo } from './tengzhou-demo.ts'

const TOWNSHIPS = ['370481003', '370481112'] // 北辛街道, 羊庄镇
let testDb: TestDatabase
let city: DemoCity

beforeAll(async () => {
  testDb = await openTestDatabase()
  city = await loadTengzhouSlice(testDb.db, TOWNSHIPS, 'campaign')
})
afterAll(() => testDb.dispose())

/** Area in m² of what is left of `parent` after removing the union of `children`, and of their pairwise overlaps. */
async function partitionDefects(parentTable: 'township' | 'district', childTable: 'district' | 'small_area', parentKey: 'township_code' | 'district_code') {
  // Only parents whose children are all drawn can be checked for gaps.
  return testDb.db.rows<{ code: string; gap_m2: number; overlap_m2: number; outside_m2: number }>(sql`
    SELECT p.code,
      ST_Area(ST_Difference(p.boundary, (SELECT ST_Union(c.boundary, ${OVERLAY_GRID}) FROM ${sql.raw(childTable)} c WHERE c.${sql.raw(parentKey)} = p.code), ${OVERLAY_GRID})::geography) AS gap_m2,
      ST_Area(ST_Difference((SELECT ST_Union(c.boundary, ${OVERLAY_GRID}) FROM ${sql.raw(childTable)} c WHERE c.${sql.raw(parentKey)} = p.code), p.boundary, ${OVERLAY_GRID})::geography) AS outside_m2,
      coalesce((SELECT sum(ST_Area(ST_Intersection(a.boundary, b.boundary, ${OVERLAY_GRID})::geography))
                FROM ${sql.raw(childTable)} a JOIN ${sql.raw(childTable)} b
                  ON a.${sql.raw(parentKey)} = p.code AND b.${sql.raw(parentKey)} = p.code AND a.code < b.code AND a.boundary && b.boundary
                WHERE ST_Relate(a.boundary, b.boundary, '2********')), 0) AS overlap_m2
    FROM ${sql.raw(parentTable)} p
    WHERE EXISTS (SELECT 1 FROM ${sql.raw(childTable)} c WHERE c.${sql.raw(parentKey)} = p.code AND c.boundary IS NOT NULL)`)
}

describe('the generated demo in PostGIS', () => {
  it('has only valid boundaries', async () => {
    const [row] = await testDb.db.rows<{ invalid: number }>(sql`
      SELECT (SELECT count(*) FROM township WHERE NOT ST_IsValid(boundary)) + (SELECT count(*) FROM district WHERE NOT ST_IsValid(boundary))
           + (SELECT count(*) FROM small_area WHERE NOT ST_IsValid(boundary)) AS invalid`)
    expect(Number(row!.invalid)).toBe(0)
  })

  it('tiles every drawn district exactly with its small areas', async () => {
    const defects = await partitionDefects('district', 'small_area', 'district_code')
    expect(defects.length).toBeGreaterThan(10)
    for (const d of defects) {
      expect(d.gap_m2, d.code).toBeLessThan(0.01)
      expect(d.overlap_m2, d.code).toBeLessThan(0.01)
      expect(d.outside_m2, d.code).toBeLessThan(0.01)
    }
  })

  it('puts every building of a drawn district in exactly one small area, never on an edge', async () => {
    const [row] = await testDb.db.rows<{ unassigned: number; on_edge: number; buildings: number }>(sql`
      SELECT count(*)::int AS buildings,
             count(*) FILTER (WHERE small_area_code IS NULL)::int AS unassigned,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM small_area s WHERE s.district_code = b.district_code
                                            AND ST_Intersects(ST_Boundary(s.boundary), b.location)))::int AS on_edge
      FROM building b`)
    expect(row!.buildings).toBeGreaterThan(1000)
    expect(row!.unassigned).toBe(0)
    expect(row!.on_edge).toBe(0)
  })

  it('has the pilot district complete and approved', async () => {
    const [pilot] = await testDb.db.rows<{ status: string; small_areas: number; households: number }>(sql`
      SELECT d.status, (SELECT count(*)::int FROM small_area s WHERE s.district_code = d.code) AS small_areas,
             (SELECT sum(households)::int FROM building b WHERE b.district_code = d.code) AS households
      FROM district d WHERE d.code = ${PILOT_DISTRICT_CODE}`)
    expect(pilot!.status).toBe('approved')
    expect(pilot!.small_areas).toBeGreaterThan(1)
    expect(pilot!.households).toBeGreaterThan(pilot!.small_areas * 40)
  })

  it('records the campaign in history, day by day, within the campaign', async () => {
    const [days] = await testDb.db.rows<{ days: number; first: Date; last: Date }>(sql`
      SELECT count(DISTINCT at)::int AS days, min(at) AS first, max(at) AS last FROM change_log WHERE entity = 'building'`)
    expect(days!.days).toBeGreaterThan(10)
    expect(new Date(days!.first).getTime()).toBeGreaterThanOrEqual(SLICE_CAMPAIGN_START.getTime())
    const [drawn] = await testDb.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM district WHERE boundary IS NOT NULL`)
    const [updates] = await testDb.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log WHERE entity = 'district' AND operation = 'update'`)
    expect(updates!.n).toBe(drawn!.n)
    expect(drawn!.n).toBe(city.districts.filter((d) => d.boundary).length)
  })
})

describe('a demo load that stopped half-way', () => {
  it('is refused with the reason, and what is in the database stays as it was', async () => {
    const counts = sql`SELECT (SELECT count(*) FROM district)::int AS districts, (SELECT count(*) FROM building)::int AS buildings`
    const [before] = await testDb.db.rows(counts)
    // What a load leaves when it is stopped before its end: its row, never finished.
    await testDb.db.rows(sql`INSERT INTO dataset_load (county_code, name) VALUES (${city.countyCode}, ${DEMO_DATASET})`)
    try {
      expect(await datasetState(testDb.db, city.countyCode, DEMO_DATASET)).toBe('interrupted')
      await expect(ensureTengzhouDemo(testDb.db, paths.fixtures, new Date(), () => {})).rejects.toThrow(INTERRUPTED_LOAD.en)
      expect(await testDb.db.rows(counts)).toEqual([before])
    } finally {
      await testDb.db.rows(sql`DELETE FROM dataset_load WHERE name = ${DEMO_DATASET}`)
    }
  })
})
