import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import type { MultiPolygon } from 'geojson'
import { beforeEach, afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { loadCity } from '../demo/load.ts'
import { apiClient } from '../test/api-client.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { siblingOverlapM2 } from '../test/overlap.ts'
import { shareVerticesWithNeighbours } from './on-save.sql.ts'
import { box, TINY, TINY_LOAD, tinyCity } from '../test/tiny-city.ts'

// Each test starts from the tiny city: district 汤庄 (117.1–117.15) split into 001 (west) and 002 (east).
let testDb: TestDatabase
let api: ReturnType<typeof apiClient>

beforeEach(async () => {
  testDb = await openTestDatabase()
  await loadCity(testDb.db, tinyCity, TINY_LOAD)
  api = apiClient(createApp({ db: testDb.db }))
})
afterEach(() => testDb.dispose())

describe('saving a small area', () => {
  it('clips a boundary drawn over its neighbour and outside its district, and says what was cut', async () => {
    // 002 shrinks to free 117.138–117.15; the new one covers 117.135–117.155: 0.003° over 002, 0.005° outside.
    expect((await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: box(117.125, 35.05, 117.138, 35.1) })).status).toBe(200)
    const { status, body } = await api.post('/small-areas', { districtCode: TINY.district, boundary: box(117.135, 35.05, 117.155, 35.1) })
    expect(status).toBe(201)
    expect(body.topology.clipped.map((p: any) => [p.code, p.reason])).toEqual([
      [TINY.district, 'outside_parent'],
      [TINY.eastSmallArea, 'sibling'],
    ])
    // 0.005° × 0.05° at 35° N ≈ 456 m × 5.55 km; 0.003° ≈ 274 m.
    const [outside, sibling] = body.topology.clipped.map((p: any) => p.areaM2)
    expect(outside).toBeGreaterThan(2.45e6)
    expect(outside).toBeLessThan(2.6e6)
    expect(sibling).toBeGreaterThan(1.45e6)
    expect(sibling).toBeLessThan(1.6e6)
    expect(body.topology.findings).toEqual([])
    expect(await siblingOverlapM2(testDb.db, 'small_area')).toBe(0)
    expect(body.properties.buildings).toBe(1)
  })

  it('refuses an overlapping boundary when asked to, showing the overlap, and changes nothing', async () => {
    const before = await testDb.db.rows(sql`SELECT code, version FROM small_area ORDER BY code`)
    const { status, body } = await api.patch(`/small-areas/${TINY.westSmallArea}?overlaps=refuse`, { version: 1, boundary: box(117.1, 35.05, 117.13, 35.1) })
    expect(status).toBe(409)
    expect(body.error.message.en).toContain('overlaps')
    expect(body.error.current.clipped).toMatchObject([{ code: TINY.eastSmallArea, reason: 'sibling', geometry: { type: 'Polygon' } }])
    expect(await testDb.db.rows(sql`SELECT code, version FROM small_area ORDER BY code`)).toEqual(before)
  })

  it('refuses an overlap policy it does not know, naming the parameter, and changes nothing', async () => {
    const before = await testDb.db.rows(sql`SELECT code, version FROM small_area ORDER BY code`)
    const { status, body } = await api.patch(`/small-areas/${TINY.westSmallArea}?overlaps=sometimes`, { version: 1, boundary: box(117.1, 35.05, 117.13, 35.1) })
    expect(status).toBe(400)
    expect(JSON.stringify(body.error)).toContain('overlaps')
    expect(await testDb.db.rows(sql`SELECT code, version FROM small_area ORDER BY code`)).toEqual(before)
  })

  it('refuses a boundary with nothing left once clipped', async () => {
    const { status, body } = await api.post('/small-areas', { districtCode: TINY.district, boundary: box(117.1, 35.05, 117.11, 35.06) })
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain('没有剩余')
  })

  it('answers with the findings that involve the saved small area', async () => {
    const { status, body } = await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.12, 35.1) })
    expect(status).toBe(200)
    expect(body.topology.clipped).toEqual([])
    expect(body.topology.findings.map((f: any) => [f.type, f.severity, f.codes])).toEqual([['gap', 'error', [TINY.westSmallArea, TINY.eastSmallArea]]])
    expect(body.topology.findings[0].message.zh).toContain('漏划')
  })

  it('a boundary clipped along a slanted neighbour reports no overlap with it, not even one of 0 m²', async () => {
    // Where the drawn edge crosses the slanted one, the cut's vertices land on the overlay grid, a hair
    // off the neighbour's edge: no area at that grid, so no overlap (the page saw "重叠 0 平方米").
    const slanted = { type: 'MultiPolygon' as const, coordinates: [[[[117.1251, 35.05], [117.15, 35.05], [117.15, 35.1], [117.1373, 35.1], [117.1251, 35.05]]]] }
    expect((await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.11, 35.1) })).status).toBe(200)
    expect((await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: slanted })).status).toBe(200)
    for (const [i, north] of [35.0713, 35.0857, 35.0991].entries()) {
      const { status, body } = await api.post('/small-areas', { districtCode: TINY.district, boundary: box(117.11 + i * 0.0001, 35.05, 117.1413, north) })
      expect(status).toBe(201)
      expect(body.topology.clipped.map((p: any) => p.code)).toContain(TINY.eastSmallArea)
      expect(body.topology.findings.filter((f: any) => f.type === 'overlap')).toEqual([])
      await api.delete(`/small-areas/${body.properties.code}?version=1`)
    }
  })

  it('takes a vertex snapped onto the middle of a neighbour\'s long edge, kept to 7 decimals, for no overlap', async () => {
    // A third of the way up 002's slanted edge (1.9 km), rounded to 7 decimals: 2.5e-8° into 002, so the
    // drawn edge to it lies a sliver over 002, 2 mm wide at most but ~2 m² long. That is rounding: with
    // clipping refused it is still saved (fitted to 002's edge), and nothing is reported clipped.
    expect((await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.11, 35.1) })).status).toBe(200)
    const slanted = { type: 'MultiPolygon' as const, coordinates: [[[[117.1251, 35.05], [117.15, 35.05], [117.15, 35.1], [117.1373, 35.1], [117.1251, 35.05]]]] }
    expect((await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: slanted })).status).toBe(200)
    const onEdge = [117.1291667, 35.0666667]
    const ring = [[117.11, 35.05], [117.1251, 35.05], onEdge, [117.11, 35.075], [117.11, 35.05]]
    const { status, body } = await api.post('/small-areas?overlaps=refuse', { districtCode: TINY.district, boundary: { type: 'MultiPolygon', coordinates: [[ring]] } })
    expect(body.error).toBeUndefined()
    expect(status).toBe(201)
    expect(body.topology.clipped).toEqual([])
    expect(body.topology.findings.filter((f: any) => f.type === 'overlap')).toEqual([])
    // Its vertices on 001's and 002's edges went into those edges, so the borders have the same vertices
    // on both sides: no T-junction left to warn about, and the neighbours come back with their new versions.
    expect(body.topology.findings.filter((f: any) => f.type === 'near_miss')).toEqual([])
    expect(body.topology.neighbours.map((n: any) => [n.properties.code, n.properties.version])).toEqual([
      [TINY.westSmallArea, 3],
      [TINY.eastSmallArea, 3],
    ])
    const vertices = (g: any) => new Set<string>(g.coordinates.flat(2).map((p: number[]) => p.join(',')))
    const own = vertices(body.geometry)
    const [west, east] = body.topology.neighbours.map((n: any) => vertices(n.geometry))
    expect([...own].filter((p) => p.startsWith('117.11,') && !west.has(p))).toEqual([])
    expect([...own].find((p) => p.startsWith('117.129') && east.has(p))).toBeDefined()
    expect(body.geometry.coordinates).toHaveLength(1)
    expect(await siblingOverlapM2(testDb.db, 'small_area')).toBe(0)
  })

  it('fills the hairline a vertex snapped onto a neighbour\'s edge leaves on its own side, so no gap is reported', async () => {
    // Rounded to 7 decimals, the vertex on 002's slanted edge lands 4.8e-8° west of it (≈4 mm): the drawn
    // edges to it leave a sliver of ground between them and 002, which no one could see or draw into.
    expect((await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.11, 35.1) })).status).toBe(200)
    const slanted = { type: 'MultiPolygon' as const, coordinates: [[[[117.1251, 35.05], [117.15, 35.05], [117.15, 35.1], [117.1373, 35.1], [117.1251, 35.05]]]] }
    expect((await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: slanted })).status).toBe(200)
    const ring = [[117.11, 35.05], [117.1251, 35.05], [117.1291657, 35.0666629], [117.1373, 35.1], [117.11, 35.1], [117.11, 35.05]]
    const { status, body } = await api.post('/small-areas', { districtCode: TINY.district, boundary: { type: 'MultiPolygon', coordinates: [[ring]] } })
    expect(status).toBe(201)
    expect(body.topology.clipped).toEqual([])
    expect(body.topology.findings).toEqual([])
    expect(body.geometry.coordinates).toHaveLength(1)
    expect(await siblingOverlapM2(testDb.db, 'small_area')).toBe(0)
  })

  it('drops a piece of rounding size left beyond a neighbour, so the saved small area is one polygon', async () => {
    // A spike drawn across 002 pokes out of its far side by 1e-6° (a triangle of ~0.005 m²): cut from the
    // rest by 002, it would be kept as a second part, a speck no one drew on purpose.
    expect((await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.11, 35.1) })).status).toBe(200)
    expect((await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: box(117.12, 35.05, 117.13, 35.1) })).status).toBe(200)
    const ring = [[117.11, 35.06], [117.12, 35.06], [117.12, 35.07], [117.13, 35.07], [117.130001, 35.0700005], [117.13, 35.070001], [117.12, 35.070001], [117.12, 35.09], [117.11, 35.09], [117.11, 35.06]]
    const { status, body } = await api.post('/small-areas', { districtCode: TINY.district, boundary: { type: 'MultiPolygon', coordinates: [[ring]] } })
    expect(status).toBe(201)
    expect(body.topology.clipped.map((p: any) => [p.code, p.reason])).toEqual([[TINY.eastSmallArea, 'sibling']])
    expect(body.geometry.coordinates).toHaveLength(1)
    expect(Math.max(...body.geometry.coordinates.flat(2).map((p: number[]) => p[0]))).toBe(117.12)
    expect(await siblingOverlapM2(testDb.db, 'small_area')).toBe(0)
  })

  it('never leaves an overlap, whatever is drawn (seeded property)', async () => {
    // Free most of the district, then draw random boxes over it, its small areas and beyond.
    await api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.11, 35.06) })
    await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 1, boundary: box(117.14, 35.09, 117.15, 35.1) })
    const coordinate = (from: number, span: number) => fc.integer({ min: 0, max: 100 }).map((i) => +(from + (span * i) / 100).toFixed(5))
    const drawn = fc.tuple(coordinate(117.095, 0.06), coordinate(35.045, 0.06), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }))
    await fc.assert(
      fc.asyncProperty(drawn, async ([west, south, w, h]) => {
        const { status } = await api.post('/small-areas', { districtCode: TINY.district, boundary: box(west, south, +(west + w * 0.001).toFixed(5), +(south + h * 0.001).toFixed(5)) })
        expect([201, 409]).toContain(status)
        expect(await siblingOverlapM2(testDb.db, 'small_area')).toBeLessThan(0.01)
      }),
      { seed: 3_370_481, numRuns: 25 },
    )
  }, 120_000)
})

describe('sharing vertices with a neighbour that they would make invalid', () => {
  // The neighbour (east of x0) has a slit 1e-9° wide running into it from x0, with a vertex on the
  // slit's lower edge; the saved one (west of x0) ends in a hair-thin spike whose tip lies just
  // above the slit's upper edge, within the sharing tolerance (2e-9°) of that vertex. Snapped to the
  // tip, the vertex crosses the upper edge: the neighbour's ring would cross itself.
  const slitNeighbour = (x0: number, east: number): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: [[[[x0, 35.05], [east, 35.05], [east, 35.1], [x0, 35.1], [x0, 35.070000001], [x0 + 0.015, 35.070000001], [x0 + 0.015, 35.07], [x0 + 0.005, 35.07], [x0, 35.07], [x0, 35.05]]]],
  })
  const spiked = (west: number, x0: number): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: [[[[west, 35.05], [x0, 35.05], [x0, 35.0700000012], [x0 + 0.005, 35.0700000015], [x0, 35.0700000018], [x0, 35.1], [west, 35.1], [west, 35.05]]]],
  })
  const levels = [
    { level: 'smallArea', table: 'small_area', parent: TINY.district, saved: TINY.westSmallArea, neighbour: TINY.eastSmallArea, west: 117.1, x0: 117.125, east: 117.15, name: 'small area', words: '相邻普查小区' },
    { level: 'district', table: 'district', parent: TINY.township, saved: TINY.district, neighbour: TINY.undrawnDistrict, west: 117.1, x0: 117.15, east: 117.2, name: 'district', words: '相邻普查区' },
  ] as const

  const setBoundary = (table: string, code: string, boundary: MultiPolygon) =>
    testDb.db.transaction('测试', (tx) => tx.rows(sql`UPDATE ${sql.raw(table)} SET boundary = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(boundary)}), 4326) WHERE code = ${code}`))
  const stateOf = async (table: string, code: string) =>
    (await testDb.db.rows<{ wkt: string; version: number }>(sql`SELECT ST_AsText(boundary) AS wkt, version FROM ${sql.raw(table)} WHERE code = ${code}`))[0]

  for (const { level, table, parent, saved, neighbour, west, x0, east, name, words } of levels) {
    it(`a repair is refused, naming the neighbouring ${name} and why, and the neighbour is as it was`, async () => {
      await setBoundary(table, neighbour, slitNeighbour(x0, east))
      await setBoundary(table, saved, spiked(west, x0))
      const before = await stateOf(table, neighbour)
      const refusal = testDb.db.transaction('测试', (tx) => shareVerticesWithNeighbours(tx, level, parent, [saved], '测试'))
      await expect(refusal).rejects.toMatchObject({ status: 409, bilingual: { zh: expect.stringContaining(`${words}“${neighbour}”`), en: expect.stringContaining('would become invalid') } })
      await expect(refusal).rejects.toMatchObject({ bilingual: { zh: expect.stringContaining('Self-intersection') } })
      expect(await stateOf(table, neighbour)).toEqual(before)
    })

    it(`a save leaves such a neighbouring ${name} as it was, and says it changed none`, async () => {
      await setBoundary(table, neighbour, slitNeighbour(x0, east))
      await setBoundary(table, saved, spiked(west, x0))
      const before = await stateOf(table, neighbour)
      const changed = await testDb.db.transaction('测试', (tx) => shareVerticesWithNeighbours(tx, level, parent, [saved], '测试', { whenInvalid: 'leave' }))
      expect(changed).toEqual([])
      expect(await stateOf(table, neighbour)).toEqual(before)
    })
  }
})
