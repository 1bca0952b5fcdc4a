/**
 * The base map from a folder of tiles on this machine (BASEMAP_DIR): `GET /basemap/{z}/{x}/{y}`.
 * The imagery a census office trusts is often the city's own recent orthophoto, cut into tiles and
 * never put on the internet; served from here, it works where the office has no internet at all.
 */
import { readdirSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'
import { basemapTileSchema, formatBilingual, type Basemap } from '@census/shared'
import { alreadyHeld, parse } from '../http/input.ts'

/** The tile template the page is given for the folder (maplibre asks for it relative to the page). */
export const BASEMAP_FOLDER_TILES = '/api/basemap/{z}/{x}/{y}'

export interface TileFolder {
  dir: string
  /** Rows numbered from the north (xyz) or from the south (tms). */
  scheme: 'xyz' | 'tms'
}

/**
 * What the server's configuration makes of the base map: a tile server's template (BASEMAP_URL) as
 * it is, or a folder (BASEMAP_DIR) served from here; and the folder, if any. Neither: the offline map.
 */
export function configuredBasemap(config: { url?: string; dir?: string; scheme: TileFolder['scheme']; attribution: string }): {
  basemap: Basemap | null
  tileFolder: TileFolder | null
} {
  if (config.dir) {
    const tileFolder = { dir: config.dir, scheme: config.scheme }
    return { basemap: { url: BASEMAP_FOLDER_TILES, attribution: config.attribution, maxZoom: deepestZoom(config.dir) }, tileFolder }
  }
  return { basemap: config.url ? { url: config.url, attribution: config.attribution } : null, tileFolder: null }
}

/**
 * The deepest zoom a tile folder was cut to (its highest-numbered folder): the map enlarges those
 * tiles beyond it rather than asking for tiles that are not there. A folder without any is a mistake.
 */
function deepestZoom(dir: string): number {
  const zooms = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^(0|[1-9][0-9]?)$/.test(entry.name))
    .map((entry) => Number(entry.name))
  if (zooms.length === 0) {
    throw new Error(
      formatBilingual({
        zh: `底图瓦片文件夹 ${dir} 中没有缩放级别文件夹（应为 {z}/{x}/{y}.png，如 12/3371/1617.png）`,
        en: `The base-map folder ${dir} has no zoom folders (it should hold {z}/{x}/{y}.png, e.g. 12/3371/1617.png)`,
      }),
    )
  }
  return Math.max(...zooms)
}

/** The image formats tile cutters write, in the order a tile's file is looked for. */
const FORMATS = [
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['webp', 'image/webp'],
] as const

export function basemapRoutes(folder: TileFolder): Hono {
  const app = new Hono()
  app.get('/basemap/:z/:x/:y', async (c) => {
    const { z, x, y } = parse(basemapTileSchema, c.req.param())
    const row = folder.scheme === 'tms' ? 2 ** z - 1 - y : y
    for (const [extension, type] of FORMATS) {
      const file = join(folder.dir, String(z), String(x), `${row}.${extension}`)
      const found = await stat(file).catch(() => null)
      if (!found?.isFile()) continue
      // A newer cut of the imagery replaces the files: their size and time tell the browser.
      const etag = `"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}"`
      // An hour before asking again: a map pans over the same tiles all day, and new imagery is rare.
      const headers = { etag, 'cache-control': 'public, max-age=3600' }
      if (alreadyHeld(c, etag)) return c.body(null, 304, headers)
      return c.body(new Uint8Array(await readFile(file)), 200, { ...headers, 'content-type': type })
    }
    // Beyond what was cut (the imagery covers the city, the map shows its neighbours too): no image
    // there, which maplibre draws as clear ground. A 404 would have it ask for every tile above it,
    // and the browser log each one as an error.
    return c.body(null, 204, { 'cache-control': 'public, max-age=3600' })
  })
  return app
}
