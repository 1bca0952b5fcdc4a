/**
 * Saving a boundary unchanged changes nothing a check can see. The page sends back what it read
 * (GeoJSON, 7 decimals) and the save clips it against its siblings again: a hairline overlap was
 * once seen after such a save. Here every small area of a district of the demo is saved unchanged,
 * twice, through the API, on the database the tests run on.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TopologyFinding } from '@census/shared'
import { createApp } from '../app.ts'
import { OVERLAY_GRID } from '../db/geometry.sql.ts'
import { apiClient } from '../test/api-client.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { loadTengzhouSlice } from '../test/tengzhou-slice.ts'
import { censusFindings, districtCoverage } from './census.sql.ts'
import { unsettledParents } from './coverage.sql.ts'

const COUNTY = '370481'
const TOWNSHIP = '370481101'
let testDb: TestDatabase
let api: ReturnType<typeof apiClient>

beforeAll(async () => {
  testDb = await openTestDatabase()
  await loadTengzhouSlice(testDb.db, [TOWNSHIP], 'complete')
  api = apiClient(createApp({ db: testDb.db }))
}, 300_000)
afterAll(() => testDb.dispose())

const findingsOf = (district: string) => testDb.db.transaction('test', (tx) => censusFindings(tx, district))
const provenTiled = async (district: string) =>
  (await testDb.db.transaction('test', (tx) => unsettledParents(tx, districtCoverage(COUNTY, { district })))).length === 0
/** The district's outline less its small areas, and their pairwise overlaps, in m². */
async function slivers(district: string): Promise<{ gap: number; overlap: number }> {
  const [row] = await testDb.db.rows<{ gap: number; overlap: number }>(sql`
    SELECT (SELECT ST_Area(ST_Difference(d.boundary, ST_Union(s.boundary, ${OVERLAY_GRID}), ${OVERLAY_GRID})::geography) FROM small_area s WHERE s.county_code = ${COUNTY} AND s.district_code = d.code) AS gap,
           (SELECT coalesce(sum(ST_Area(ST_Intersection(a.boundary, b.boundary, ${OVERLAY_GRID})::geography)), 0)
            FROM small_area a JOIN small_area b ON b.county_code = a.county_code AND b.district_code = a.district_code AND b.code > a.code AND b.boundary && a.boundary
            WHERE a.county_code = ${COUNTY} AND a.district_code = d.code AND ST_Relate(a.boundary, b.boundary, '2********')) AS overlap
    FROM district d WHERE d.county_code = ${COUNTY} AND d.code = ${district}`)
  return { gap: Number(row!.gap), overlap: Number(row!.overlap) }
}
const summary = (findings: TopologyFinding[]) => findings.map((f) => `${f.type} ${f.codes.join('/')}`).sort()

/** Saves each small area of the district with the boundary and version the API reads back. */
async function saveEveryoneUnchanged(district: string): Promise<void> {
  const { body } = await api.get(`/small-areas?district=${district}`)
  for (const feature of body.features) {
    const { status, body: saved } = await api.patch(`/small-areas/${feature.id}`, { version: feature.properties.version, boundary: feature.geometry })
    expect(status).toBe(200)
    expect(saved.topology.clipped).toEqual([])
  }
}

describe('saving every small area of a district unchanged', () => {
  it('twice leaves its coverage exact and its checks with nothing new', async () => {
    // The district with the most small areas among those whose edges prove them tiled: rounding has most room there.
    const [{ district } = { district: '' }] = await testDb.db.rows<{ district: string }>(sql`
      SELECT district_code AS district FROM small_area WHERE county_code = ${COUNTY} AND district_code LIKE ${`${TOWNSHIP}%`}
      GROUP BY district_code HAVING bool_and(ST_NumGeometries(boundary) = 1 AND ST_NRings(boundary) = 1)
      ORDER BY count(*) DESC, district_code LIMIT 1`)
    expect(await provenTiled(district)).toBe(true)
    const before = summary(await findingsOf(district))
    for (const round of [1, 2]) {
      await saveEveryoneUnchanged(district)
      expect(summary(await findingsOf(district)), `after round ${round}`).toEqual(before)
      expect(await slivers(district), `after round ${round}`).toEqual({ gap: 0, overlap: 0 })
      // Exact, not merely below a grid: every edge still matches its neighbour's bit for bit.
      expect(await provenTiled(district), `after round ${round}`).toBe(true)
    }
  }, 300_000)
})
