/**
 * The shortcut of the city-wide check (coverage.sql.ts unsettledParents): districts whose small
 * areas' edges prove that they tile them are not checked pair by pair, nor their buildings against
 * every boundary. Here a township of the generated demo, finished, proves itself; then defects are
 * put into districts that were proven, and the findings must be exactly those of the full checks of
 * every district.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toFinding, TOPOLOGY_DEFAULTS, type FindingFacts, type TopologyFinding } from '@census/shared'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { loadTengzhouSlice } from '../test/tengzhou-slice.ts'
import { buildingFacts } from './buildings.sql.ts'
import { censusFindings, districtCoverage, townshipCoverage } from './census.sql.ts'
import { coverageFacts, unsettledParents } from './coverage.sql.ts'

const COUNTY = '370481'
const TOWNSHIP = '370481101' // a rural town of 34 districts
let testDb: TestDatabase

beforeAll(async () => {
  testDb = await openTestDatabase()
  await loadTengzhouSlice(testDb.db, [TOWNSHIP], 'complete')
}, 300_000)
afterAll(() => testDb.dispose())

/** Every check on every parent, nothing taken as proven. */
async function fullChecks(): Promise<TopologyFinding[]> {
  return testDb.db.transaction('test', async (tx) => {
    const all = async (table: 'township' | 'district') => (await tx.rows<{ code: string }>(sql`SELECT code FROM ${sql.raw(table)} WHERE county_code = ${COUNTY}`)).map((r) => r.code)
    const districts = await all('district')
    const facts: FindingFacts[] = [
      ...(await coverageFacts(tx, townshipCoverage(COUNTY, null), TOPOLOGY_DEFAULTS.nearMissM, await all('township'))),
      ...(await coverageFacts(tx, districtCoverage(COUNTY, {}), TOPOLOGY_DEFAULTS.nearMissM, districts)),
      ...(await buildingFacts(tx, { buildings: sql`b.county_code = ${COUNTY}`, smallAreas: sql`s.county_code = ${COUNTY}`, unsettled: districts }, TOPOLOGY_DEFAULTS)),
    ]
    return facts.map((f) => toFinding(f))
  })
}

const checked = () => testDb.db.transaction('test', (tx) => censusFindings(tx, COUNTY))
const unsettledDistricts = () => testDb.db.transaction('test', (tx) => unsettledParents(tx, districtCoverage(COUNTY, {})))
const kinds = (findings: TopologyFinding[]) => [...new Set(findings.map((f) => f.type))].sort()

/** Two neighbouring small areas of a proven district and a vertex they share (not one of the district's own). */
async function sharedVertex(exclude: string[]): Promise<{ district: string; a: string; b: string; x: number; y: number }> {
  const [row] = await testDb.db.rows<{ district: string; a: string; b: string; x: number; y: number }>(sql`
    SELECT a.district_code AS district, a.code AS a, b.code AS b, ST_X(p.geom) AS x, ST_Y(p.geom) AS y
    FROM small_area a JOIN small_area b ON b.district_code = a.district_code AND b.code > a.code AND b.boundary && a.boundary
    JOIN district d ON d.code = a.district_code
    CROSS JOIN LATERAL ST_DumpPoints(a.boundary) p
    WHERE NOT a.district_code = ANY(${`{${exclude.join(',')}}`}::text[])
      AND ST_Intersects(ST_Points(b.boundary), p.geom) AND NOT ST_Intersects(ST_Boundary(d.boundary), p.geom)
    ORDER BY a.code, b.code, p.path LIMIT 1`)
  return row!
}

describe('the proof that small areas tile their district', () => {
  it('holds for a finished township, and the findings are those of the full checks', async () => {
    const unsettled = await unsettledDistricts()
    const [{ n } = { n: 0 }] = await testDb.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM district`)
    expect(n).toBeGreaterThan(20)
    // Only districts with a small area of several parts are left to the checks.
    expect(unsettled.length).toBeLessThan(n / 10)
    expect(await checked()).toEqual(await fullChecks())
  })

  it('misses nothing once proven districts get gaps, overlaps or near misses and buildings on edges', async () => {
    const proven = await unsettledDistricts()
    // A vertex shared by two small areas moved 0.3 m in one of them only: the edges no longer match.
    const moved = await sharedVertex(proven)
    // In another district, a building put on the vertex two small areas share: the edges still match.
    const edge = await sharedVertex([...proven, moved.district])
    await testDb.db.transaction('测试', async (tx) => {
      await tx.rows(sql`
        UPDATE small_area SET boundary = (
          SELECT ST_Multi(ST_MakePolygon(ST_MakeLine(array_agg(
                   CASE WHEN ST_X(p.geom) = ${moved.x} AND ST_Y(p.geom) = ${moved.y} THEN ST_SetSRID(ST_MakePoint(${moved.x + 3e-6}, ${moved.y}), 4326) ELSE p.geom END
                   ORDER BY p.path))))
          FROM ST_DumpPoints(ST_ExteriorRing(ST_GeometryN(boundary, 1))) p)
        WHERE code = ${moved.a}`)
      await tx.rows(sql`UPDATE building SET location = ST_SetSRID(ST_MakePoint(${edge.x}, ${edge.y}), 4326)
                        WHERE code = (SELECT min(code) FROM building WHERE district_code = ${edge.district})`)
      for (const d of [moved.district, edge.district]) await tx.rows(sql`SELECT census_assign_buildings(${COUNTY}, ${d})`)
    })
    const unsettled = await unsettledDistricts()
    expect(unsettled).toContain(moved.district)
    expect(unsettled).not.toContain(edge.district)
    const findings = await checked()
    expect(findings).toEqual(await fullChecks())
    expect(kinds(findings.filter((f) => f.parent === moved.district && f.codes.includes(moved.a)))).not.toEqual([])
    // On the vertex of two small areas, or of three where a third meets them there.
    expect(findings.some((f) => f.type === 'building_on_boundary' && f.codes.includes(edge.a) && f.codes.includes(edge.b))).toBe(true)
  })
})
