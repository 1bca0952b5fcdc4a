import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { TILE_EXTENT, type TileAddress, type TileLayer } from '@census/shared'
import { createApp } from '../app.ts'
import { loadCity } from '../demo/load.ts'
import { apiClient } from '../test/api-client.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { TINY, TINY_LOAD, tinyCity } from '../test/tiny-city.ts'
import { decodeTile, tileAt, type DecodedFeature } from '../test/vector-tiles.ts'
import { detectTileEncoder, renderTile, type TileWay } from './tiles.store.ts'

let testDb: TestDatabase

beforeAll(async () => {
  testDb = await openTestDatabase()
  await loadCity(testDb.db, tinyCity, TINY_LOAD)
  // An irregular, wavy small area (a 48-gon) in place of the eastern box, so that clipping and
  // snapping meet slanted edges and not only the tile grid.
  const ring = Array.from({ length: 48 }, (_, i) => {
    const a = (i / 48) * 2 * Math.PI
    const r = 0.011 + 0.004 * Math.sin(5 * a)
    return [+(117.1375 + r * Math.cos(a)).toFixed(7), +(35.075 + r * 1.6 * Math.sin(a)).toFixed(7)]
  })
  const api = apiClient(createApp({ db: testDb.db }))
  const { body } = await api.get(`/small-areas/${TINY.eastSmallArea}`)
  const saved = await api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: body.properties.version, boundary: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } })
  expect(saved.status).toBe(200)
})
afterAll(() => testDb.dispose())

/** Tiles from z12 to z17 at the district's corners, its middle and inside the wavy small area: whole shapes and cut ones. */
function tilesAround(layer: TileLayer): TileAddress[] {
  const points = [[117.1001, 35.0501], [117.1499, 35.0999], [117.125, 35.075], [117.1375, 35.09], [117.1475, 35.075]] as const
  const seen = new Map<string, TileAddress>()
  for (let z = 12; z <= 17; z++) {
    for (const [lon, lat] of points) {
      const t = tileAt(lon, lat, z)
      seen.set(`${z}/${t.x}/${t.y}`, { layer, ...t })
    }
  }
  return [...seen.values()]
}

async function features(tile: TileAddress, way: TileWay): Promise<DecodedFeature[]> {
  const bytes = await renderTile(testDb.db, TINY.county, tile, way)
  return bytes ? decodeTile(bytes)[tile.layer]!.features : []
}

/** How far a point is from the segment p–q. */
function segmentDistance([x, y]: [number, number], [px, py]: [number, number], [qx, qy]: [number, number]): number {
  const [dx, dy] = [qx - px, qy - py]
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - px) * dx + (y - py) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (px + t * dx), y - (py + t * dy))
}

/**
 * How far apart two shapes of a feature are in tile units: the farthest any vertex of one lies from
 * the other's outline (or, for points, from its nearest point), ring by ring, both ways. A vertex in
 * the middle of a straight edge changes nothing drawn: ST_AsMVTGeom drops such vertices (a border
 * shared with a neighbour has them), the portable shaping keeps them.
 */
function vertexDistance(a: DecodedFeature, b: DecodedFeature): number {
  if (a.geometry.length !== b.geometry.length) return Infinity
  const farthest = (from: Array<[number, number]>, to: Array<[number, number]>) =>
    Math.max(
      ...from.map((p) =>
        to.length === 1 ? Math.hypot(p[0] - to[0]![0], p[1] - to[0]![1]) : Math.min(...to.map((q, i) => segmentDistance(p, q, to[(i + 1) % to.length]!))),
      ),
    )
  return Math.max(...a.geometry.map((ring, i) => Math.max(farthest(ring, b.geometry[i]!), farthest(b.geometry[i]!, ring))))
}

describe('tile encoders', () => {
  it('uses the database’s ST_AsMVT where PostGIS has protobuf-c, Node where it does not (PGlite)', async () => {
    expect(await detectTileEncoder(testDb.db)).toBe(testDb.db.kind === 'server' ? 'postgis' : 'node')
  })

  it('draws the wavy small area with slanted edges inside the tile, exterior rings clockwise on screen', async () => {
    const way: TileWay = { shape: await detectTileEncoder(testDb.db), encode: await detectTileEncoder(testDb.db) }
    const [wavy] = (await features({ layer: 'small-areas', ...tileAt(117.1375, 35.075, 12) }, way)).filter((f) => f.properties.code === TINY.eastSmallArea)
    const ring = wavy!.geometry[0]!
    expect(ring.length).toBeGreaterThan(20)
    // The surveyor's formula in y-down tile units: positive for an exterior ring (MVT 2.1, 4.3.4.4).
    const area = ring.reduce((sum, [x, y], i) => {
      const [nx, ny] = ring[(i + 1) % ring.length]!
      return sum + (x * ny - nx * y)
    }, 0)
    expect(area).toBeGreaterThan(0)
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThan(0)
      expect(y).toBeGreaterThan(0)
      expect(x).toBeLessThan(TILE_EXTENT)
      expect(y).toBeLessThan(TILE_EXTENT)
    }
  })

  // Only a PostGIS built with protobuf-c has ST_AsMVTGeom and ST_AsMVT to compare with.
  if (inject('testDatabase').kind === 'server') {
    it('encodes in Node exactly what ST_AsMVT encodes from the same rows', async () => {
      for (const layer of ['districts', 'small-areas', 'buildings'] as const) {
        for (const tile of tilesAround(layer)) {
          const inDatabase = await features(tile, { shape: 'postgis', encode: 'postgis' })
          expect(await features(tile, { shape: 'postgis', encode: 'node' }), `${layer} ${tile.z}/${tile.x}/${tile.y}`).toEqual(inDatabase)
        }
      }
    })

    it('shapes features without ST_AsMVTGeom (as on PGlite) like ST_AsMVTGeom, to within a tile unit where an edge is cut', async () => {
      let compared = 0
      for (const layer of ['districts', 'small-areas', 'buildings'] as const) {
        for (const tile of tilesAround(layer)) {
          const where = `${layer} ${tile.z}/${tile.x}/${tile.y}`
          const postgis = await features(tile, { shape: 'postgis', encode: 'node' })
          const portable = await features(tile, { shape: 'node', encode: 'node' })
          expect(portable.map((f) => [f.type, f.properties]), where).toEqual(postgis.map((f) => [f.type, f.properties]))
          // Points are only scaled and rounded: exactly the same. A cut slanted edge may round to the next unit (GEOS and wagyu snap differently).
          portable.forEach((f, i) => expect(vertexDistance(f, postgis[i]!), where).toBeLessThanOrEqual(layer === 'buildings' ? 0 : Math.SQRT2))
          compared += postgis.length
        }
      }
      expect(compared).toBeGreaterThan(50)
    })
  }
})
