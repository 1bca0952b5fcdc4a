import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createApp } from '../app.ts'
import { loadCity } from '../demo/load.ts'
import { apiClient } from '../test/api-client.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { TINY, TINY_LOAD, tinyCity } from '../test/tiny-city.ts'
import { decodeTile, tileAt } from '../test/vector-tiles.ts'

let testDb: TestDatabase
let app: Hono

beforeAll(async () => {
  testDb = await openTestDatabase()
  await loadCity(testDb.db, tinyCity, TINY_LOAD)
  app = createApp({ db: testDb.db })
})
afterAll(() => testDb.dispose())

// The tiny district (117.10–117.15 E, 35.05–35.10 N) lies inside one z12 tile; buildings start at z13,
// where the tile of building 1 (117.110 E, 35.060 N) also holds building 2 (117.111 E, 35.061 N) and no other.
const district = tileAt(117.125, 35.075, 12)
const buildingsTile = tileAt(117.11, 35.06, 13)
const tilePath = (layer: string, { z, x, y }: { z: number; x: number; y: number }, query = `county=${TINY.county}`) => `/api/tiles/${layer}/${z}/${x}/${y}.mvt?${query}`

async function getTile(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { response, bytes }
}

describe('vector tiles', () => {
  it("serves a tile's buildings as one multipoint per district, in code order, with their count", async () => {
    const { response, bytes } = await getTile(tilePath('buildings', buildingsTile))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    const layers = decodeTile(bytes)
    expect(Object.keys(layers)).toEqual(['buildings'])
    expect(layers.buildings!.extent).toBe(4096)
    const features = layers.buildings!.features
    expect(features).toHaveLength(1)
    expect(features[0]).toMatchObject({ type: 1, properties: { districtCode: TINY.district, buildings: 2 } })
    const dots = features[0]!.geometry.flat()
    expect(dots).toHaveLength(2)
    for (const [x, y] of dots) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(4096)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(y).toBeLessThan(4096)
    }
    // Building 1 first (code order); west is left and north is up: building 2 lies right of and above it.
    const [first, second] = dots as [[number, number], [number, number]]
    expect(second[0]).toBeGreaterThan(first[0])
    expect(second[1]).toBeLessThan(first[1])
  })

  it('serves small areas and drawn districts as polygons with their status', async () => {
    const smallAreas = decodeTile((await getTile(tilePath('small-areas', district))).bytes)['small-areas']!.features
    expect(smallAreas.map((f) => [f.type, f.properties])).toEqual([
      [3, { code: TINY.westSmallArea, districtCode: TINY.district, status: 'drawn', virtual: false }],
      [3, { code: TINY.eastSmallArea, districtCode: TINY.district, status: 'drawn', virtual: false }],
    ])
    const districts = decodeTile((await getTile(tilePath('districts', district))).bytes).districts!.features
    // The undrawn district has no shape, so no feature.
    expect(districts.map((f) => f.properties)).toEqual([{ code: TINY.district, townshipCode: TINY.township, name: '汤庄居委会', status: 'drawn' }])
  })

  it('cuts shapes at the tile edge, keeping the buffer', async () => {
    // At z16 the western small area spans several tiles; the one at its south-west corner holds a corner of it.
    const corner = tileAt(117.1001, 35.0501, 16)
    const [feature] = decodeTile((await getTile(tilePath('small-areas', corner))).bytes)['small-areas']!.features
    expect(feature!.properties.code).toBe(TINY.westSmallArea)
    const xs = feature!.geometry.flat().map(([x]) => x)
    const ys = feature!.geometry.flat().map(([, y]) => y)
    expect(Math.min(...xs)).toBeGreaterThan(0)
    expect(Math.max(...xs)).toBe(4096 + 64)
    expect(Math.min(...ys)).toBe(-64)
    expect(Math.max(...ys)).toBeLessThan(4096)
  })

  it('answers 204 for a tile with nothing in it, and below the layer’s first zoom', async () => {
    for (const path of [tilePath('buildings', tileAt(116.4, 39.9, 14)), tilePath('buildings', tileAt(117.125, 35.075, 12)), tilePath('small-areas', tileAt(117.125, 35.075, 9))]) {
      const { response, bytes } = await getTile(path)
      expect(response.status, path).toBe(204)
      expect(bytes.length).toBe(0)
    }
    // Another county's tiles are empty: the county scopes every row.
    expect((await getTile(tilePath('buildings', buildingsTile, 'county=370402'))).response.status).toBe(204)
  })

  it('refuses a bad address or query with 400 in Chinese and English', async () => {
    const { z, x, y } = district
    const cases: Array<[string, string]> = [
      [`/api/tiles/buildings/abc/${x}/${y}.mvt?county=${TINY.county}`, 'z'],
      [`/api/tiles/buildings/${z}/${x}/${y}?county=${TINY.county}`, 'y'],
      [`/api/tiles/buildings/${z}/${2 ** z}/${y}.mvt?county=${TINY.county}`, 'x'],
      [`/api/tiles/buildings/23/0/0.mvt?county=${TINY.county}`, 'z'],
      [`/api/tiles/roads/${z}/${x}/${y}.mvt?county=${TINY.county}`, 'layer'],
      [`/api/tiles/buildings/${z}/${x}/${y}.mvt`, 'county'],
      [`/api/tiles/buildings/${z}/${x}/${y}.mvt?county=3704`, 'county'],
      [`/api/tiles/buildings/${z}/${x}/${y}.mvt?county=${TINY.county}&bbox=1,2,3,4`, '(body)'],
    ]
    for (const [path, field] of cases) {
      const response = await app.request(path)
      expect(response.status, path).toBe(400)
      const body = (await response.json()) as { error: { code: string; message: { zh: string; en: string }; problems: Array<{ path: string }> } }
      expect(body.error.code).toBe('invalid_input')
      expect(body.error.message.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(body.error.message.en).toMatch(/[a-z]/)
      expect(body.error.problems[0]!.path, path).toBe(field)
    }
  })

  it('carries the county’s revision as ETag: 304 while nothing changed, the new tile after an edit', async () => {
    const path = tilePath('buildings', buildingsTile)
    const first = await getTile(path)
    const etag = first.response.headers.get('etag')!
    expect(etag).toMatch(/^W\/"370481-\d+"$/)
    expect(first.response.headers.get('cache-control')).toBe('no-cache')
    expect((await getTile(path, { 'if-none-match': etag })).response.status).toBe(304)

    const api = apiClient(app)
    const dots = (bytes: Uint8Array) => decodeTile(bytes).buildings!.features[0]!.geometry.flat()
    const { body: building } = await api.get('/buildings/3704810030380001')
    const moved = { type: 'Point', coordinates: [117.1105, 35.06] }
    expect((await api.patch('/buildings/3704810030380001', { version: building.properties.version, location: moved })).status).toBe(200)

    const after = await getTile(path, { 'if-none-match': etag })
    expect(after.response.status).toBe(200)
    expect(after.response.headers.get('etag')).not.toBe(etag)
    // Building 1 (the first dot) is drawn where it was moved to, east of where it stood.
    expect(dots(after.bytes)[0]![0]).toBeGreaterThan(dots(first.bytes)[0]![0])
    // An empty tile changes version too, and answers 304 when it has not.
    const empty = await getTile(tilePath('buildings', tileAt(116.4, 39.9, 14)))
    expect((await getTile(tilePath('buildings', tileAt(116.4, 39.9, 14)), { 'if-none-match': empty.response.headers.get('etag')! })).response.status).toBe(304)
  })

  it('gzips a tile for a client that accepts it', async () => {
    const plain = await getTile(tilePath('small-areas', district))
    const zipped = await getTile(tilePath('small-areas', district), { 'accept-encoding': 'gzip, deflate' })
    expect(zipped.response.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.response.headers.get('vary')).toBe('accept-encoding')
    expect(new Uint8Array(gunzipSync(zipped.bytes))).toEqual(plain.bytes)
  })
})
