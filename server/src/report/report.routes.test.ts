/**
 * The report's figures through the real app, on the tiny city: as of now, as of past moments
 * reconstructed from history, and checked against a second implementation (counts of the live
 * tables) after edits of every kind.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CompletionSeries, ReportResponse, TownshipTally } from '@census/shared'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


async function report(asOf?: string): Promise<ReportResponse> {
  const { status, body } = await city.api.get<ReportResponse>(`/report${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`)
  expect(status).toBe(200)
  return body
}

/** The same counts straight from the live tables: the second implementation the history must agree with. */
async function liveTallies(): Promise<Omit<TownshipTally, 'expectedBuildingsOn'>[]> {
  return city.db.rows(sql`
    SELECT t.code, t.name, t.expected_buildings AS "expectedBuildings",
      (SELECT count(*)::int FROM district d WHERE d.township_code = t.code) AS "expectedDistricts",
      (SELECT count(*)::int FROM district d WHERE d.township_code = t.code AND d.boundary IS NOT NULL) AS "drawnDistricts",
      (SELECT count(*)::int FROM district d WHERE d.township_code = t.code AND d.status = 'submitted') AS "submittedDistricts",
      (SELECT count(*)::int FROM district d WHERE d.township_code = t.code AND d.status = 'approved') AS "approvedDistricts",
      (SELECT count(*)::int FROM district d WHERE d.township_code = t.code AND d.status = 'returned') AS "returnedDistricts",
      (SELECT count(*)::int FROM small_area s WHERE s.township_code = t.code) AS "smallAreas",
      (SELECT count(*)::int FROM building b WHERE b.township_code = t.code) AS "buildingsMarked",
      (SELECT coalesce(sum(households), 0)::int FROM building b WHERE b.township_code = t.code) AS households
    FROM township t ORDER BY t.code`)
}

const beforeCampaign = '2026-09-01T00:00:00+08:00'
const beforeDrawing = '2026-10-10T12:00:00+08:00'
const loaded = '2026-10-25T17:00:00+08:00'

describe('the report as of now', () => {
  it('gives each township’s figures and the city total', async () => {
    const { townships, city, asOf } = await report()
    expect(Date.now() - Date.parse(asOf)).toBeLessThan(60_000)
    expect(townships).toEqual([
      {
        code: TINY.township,
        name: '北辛街道',
        expectedDistricts: 2,
        drawnDistricts: 1,
        submittedDistricts: 0,
        approvedDistricts: 0,
        returnedDistricts: 0,
        smallAreas: 2,
        buildingsMarked: 5,
        households: 28,
        expectedBuildings: 10,
        expectedBuildingsOn: '2026-10-01',
        districtRate: 0.5,
        approvedRate: 0,
        buildingRate: 0.5,
      },
    ])
    expect(city).toMatchObject({ townships: 1, expectedDistricts: 2, drawnDistricts: 1, buildingsMarked: 5, districtRate: 0.5, buildingRate: 0.5, townshipsWithoutEstimate: 0 })
  })

  it('says the topology findings are live, and where to fetch their counts', async () => {
    const { findings } = await report()
    expect(findings).toEqual({ live: true, summary: `/api/topology/summary?county=${TINY.county}` })
    const { status, body } = await city.api.get(findings.live ? findings.summary.replace(/^\/api/, '') : '')
    expect(status).toBe(200)
    expect(body.townships).toEqual([expect.objectContaining({ township: TINY.township, errors: expect.any(Number), warnings: expect.any(Number) })])
  })

  it('refuses a time that is not ISO 8601, with the field named', async () => {
    const { status, body } = await city.api.get('/report?asOf=27%20July')
    expect(status).toBe(400)
    expect(body.error.problems[0].path).toBe('asOf')
  })
})

describe('the report as of a past moment', () => {
  it('before anything was drawn: the official list, and nothing done', async () => {
    const { townships, city } = await report(beforeDrawing)
    expect(townships[0]).toMatchObject({ expectedDistricts: 2, drawnDistricts: 0, smallAreas: 0, buildingsMarked: 0, households: 0, districtRate: 0, buildingRate: 0, expectedBuildings: 10 })
    expect(city.drawnDistricts).toBe(0)
  })

  it('before the lists were loaded: no townships, a city of zeros', async () => {
    const { townships, city } = await report(beforeCampaign)
    expect(townships).toEqual([])
    expect(city).toMatchObject({ townships: 0, expectedDistricts: 0, districtRate: null, buildingRate: null })
  })

  it('says findings cannot be reproduced for a past moment, in both languages', async () => {
    const { findings } = await report(beforeDrawing)
    expect(findings.live).toBe(false)
    expect(findings.live === false && findings.reason).toMatchObject({ zh: expect.stringContaining('历史时点'), en: expect.stringContaining('past moment') })
  })

  it('reads a time in any offset as the same instant', async () => {
    const inChina = await report('2026-10-20T17:00:00+08:00')
    const inUtc = await report('2026-10-20T09:00:00Z')
    expect(inChina).toEqual(inUtc)
    // The campaign day is stamped 17:00 China time, and "as of 17:00" includes it.
    expect(inChina.city.buildingsMarked).toBe(5)
    expect((await report('2026-10-20T16:59:00+08:00')).city.buildingsMarked).toBe(0)
  })
})

describe('after edits of every kind', () => {
  it('a district drawn then its boundary deleted counts as drawn only while it had one', async () => {
    const drawn = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: 1, boundary: box(117.15, 35.05, 117.2, 35.1), status: 'submitted' })
    expect(drawn.status).toBe(200)
    const whileDrawn = new Date().toISOString()
    expect((await report()).townships[0]).toMatchObject({ drawnDistricts: 2, submittedDistricts: 1, districtRate: 1 })
    await new Promise((r) => setTimeout(r, 5))

    expect((await city.api.delete(`/districts/${TINY.undrawnDistrict}/boundary?version=2`)).status).toBe(200)
    expect((await report()).townships[0]).toMatchObject({ drawnDistricts: 1, submittedDistricts: 0, districtRate: 0.5 })
    // …and the moment in between is still reproducible.
    expect((await report(whileDrawn)).townships[0]).toMatchObject({ drawnDistricts: 2, submittedDistricts: 1 })
    expect((await report(loaded)).townships[0]).toMatchObject({ drawnDistricts: 1, submittedDistricts: 0 })
  })

  it('agrees with the live tables after small areas, buildings and statuses change', async () => {
    // The eastern district, drawn again, gets a small area of its own.
    expect((await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: 3, boundary: box(117.15, 35.05, 117.2, 35.1) })).status).toBe(200)
    const added = await city.api.post('/small-areas', { districtCode: TINY.undrawnDistrict, boundary: box(117.15, 35.05, 117.2, 35.1) })
    expect(added.body).toMatchObject({ properties: { districtCode: TINY.undrawnDistrict } })
    expect((await city.api.post('/buildings', { districtCode: TINY.district, location: { type: 'Point', coordinates: [117.14, 35.06] }, use: 'residential', floors: 2, households: 7 })).status).toBe(201)
    expect((await city.api.patch('/buildings/3704810030380002', { version: 1, households: 30 })).status).toBe(200)
    expect((await city.api.delete('/buildings/3704810030380003?version=1')).status).toBe(200)
    const { body: district } = await city.api.get(`/districts/${TINY.district}`)
    expect((await city.api.patch(`/districts/${TINY.district}`, { version: district.properties.version, status: 'approved' })).status).toBe(200)
    expect((await city.api.delete(`/small-areas/${added.body.properties.code}?version=1`)).status).toBe(200)

    const { townships } = await report()
    expect(townships.map(({ expectedBuildingsOn: _, districtRate: _d, approvedRate: _a, buildingRate: _b, ...counts }) => counts)).toEqual(await liveTallies())
    expect(townships[0]).toMatchObject({ drawnDistricts: 2, approvedDistricts: 1, smallAreas: 2, buildingsMarked: 5, households: 28 - 24 + 30 + 7 })
    // The past is untouched by today's edits.
    expect((await report(loaded)).townships[0]).toMatchObject({ approvedDistricts: 0, buildingsMarked: 5, households: 28, smallAreas: 2 })
  })
})

describe('the series', () => {
  it('has every campaign day up to the moment asked, with each township’s running counts', async () => {
    const { status, body } = await city.api.get<CompletionSeries>(`/report/series?until=${encodeURIComponent('2026-10-22T12:00:00+08:00')}`)
    expect(status).toBe(200)
    // 1 October 08:00 China time (the lists) to 22 October noon: 21 whole days and the last, partial one.
    expect(body.days).toHaveLength(22)
    expect(body.days[0]).toBe('2026-10-01T16:00:00.000Z')
    expect(body.days.at(-1)).toBe('2026-10-22T04:00:00.000Z')
    const [township] = body.townships
    expect(township).toMatchObject({ code: TINY.township, expectedDistricts: 2, expectedBuildings: 10 })
    const day19 = body.days.indexOf('2026-10-19T16:00:00.000Z')
    expect(township!.drawnDistricts[day19]).toBe(0)
    expect(township!.drawnDistricts[day19 + 1]).toBe(1)
    expect(township!.buildingsMarked.slice(day19, day19 + 3)).toEqual([0, 5, 5])
  })

  it('ends at now by default, where it matches the report', async () => {
    const [{ body: series }, now] = await Promise.all([city.api.get<CompletionSeries>('/report/series'), report()])
    expect(series.townships[0]!.buildingsMarked.at(-1)).toBe(now.city.buildingsMarked)
    expect(series.townships[0]!.drawnDistricts.at(-1)).toBe(now.city.drawnDistricts)
  })
})
