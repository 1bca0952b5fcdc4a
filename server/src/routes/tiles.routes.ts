/**
 * Vector tiles over HTTP: `GET /tiles/{layer}/{z}/{x}/{y}.mvt?county=…`. Every tile of a county
 * carries the county's revision as its ETag and must be revalidated (`no-cache`): an
 * unchanged county answers 304 from one index lookup, an edited one the new tile at once.
 */
import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { tileAddressSchema, tileQuerySchema } from '@census/shared'
import type { Database } from '../db/client.ts'
import { withoutJit } from '../db/geometry.sql.ts'
import { alreadyHeld, parse, readQuery } from '../http/input.ts'
import { detectTileEncoder, renderTile, tileVersion, type TileEncoder } from '../store/tiles.store.ts'

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile'

export function tileRoutes(db: Database): Hono {
  const app = new Hono()
  // Asked of the database once, at the first tile: what its PostGIS can do does not change.
  let encoder: Promise<TileEncoder> | null = null
  app.get('/tiles/:layer/:z/:x/:y', async (c) => {
    const tile = parse(tileAddressSchema, c.req.param())
    const { county } = readQuery(c, tileQuerySchema)
    const etag = `W/"${await tileVersion(db, county)}"`
    const headers = { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' }
    if (alreadyHeld(c, etag)) return c.body(null, 304, headers)
    encoder ??= detectTileEncoder(db)
    const way = await encoder
    // In a transaction only to scope the setting: JIT compiling costs more than a tile's query (measured 767 → 427 ms).
    const body = await db.transaction('tile', async (tx) => {
      await withoutJit(tx)
      return renderTile(tx, county, tile, { shape: way, encode: way })
    })
    if (!body) return c.body(null, 204, headers)
    // Tiles shrink to about a third; gzip of one costs about a millisecond.
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
    return c.body(new Uint8Array(gzip ? gzipSync(body) : body), 200, {
      ...headers,
      'content-type': MVT_CONTENT_TYPE,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    })
  })
  return app
}
