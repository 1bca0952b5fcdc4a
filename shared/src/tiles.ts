/**
 * Vector tiles of the census layers (`GET /api/tiles/{layer}/{z}/{x}/{y}.mvt?county=…`): the layers,
 * the zooms each is served at, and the checks of a tile's address, shared by the server that
 * makes the tiles and the map that asks for them.
 */
import { z } from 'zod'
import { codeSchema } from './schemas.ts'

/** Each tile layer is named like the API's collection, and is the only layer of its tile. */
export const tileLayers = ['districts', 'small-areas', 'buildings'] as const
export type TileLayer = (typeof tileLayers)[number]

/** Tile coordinates run 0…4095 across a tile (the MVT default); 64 more on each side keep lines and dots whole at the edges. */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64

/**
 * The lowest zoom each layer has features at. Below it a tile would hold a county's worth of
 * sub-pixel shapes (megabytes nobody can see), so it is served empty and the map never asks for it.
 * Buildings start at 13: a z12 tile over a town holds some 19,000 of them, about 0.5 MB and most
 * of a second to cut even on the server (bench/results.json, suite `tiles`).
 */
export const tileMinZoom: Record<TileLayer, number> = { districts: 8, 'small-areas': 10, buildings: 13 }

/** Deeper than any base map; beyond it the map overzooms the last tiles. */
export const TILE_MAX_ZOOM = 22

const layerSchema = z.string().refine((name): name is TileLayer => (tileLayers as readonly string[]).includes(name), {
  message: 'unknown tile layer',
  params: { bilingual: { zh: `没有这个瓦片图层，可用：${tileLayers.join('、')}`, en: `No such tile layer; use one of: ${tileLayers.join(', ')}` } },
})

const tileNumber = (name: 'z' | 'x' | 'y', suffix = '') =>
  z.string().superRefine((text, ctx) => {
    if (!new RegExp(`^(0|[1-9][0-9]{0,7})${suffix.replace('.', '\\.')}$`).test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a whole number${suffix ? ` followed by ${suffix}` : ''}`,
        params: { bilingual: { zh: `${name} 应为非负整数${suffix ? `，并以 ${suffix} 结尾` : ''}`, en: `${name} must be a whole number${suffix ? ` followed by ${suffix}` : ''}` } },
      })
    }
  }).transform((text) => Number.parseInt(text, 10))

/** A tile's zoom, column and row must name a tile that exists. */
function checkTileCoordinates(tile: { z: number; x: number; y: number }, ctx: z.RefinementCtx): void {
  if (tile.z > TILE_MAX_ZOOM) {
    ctx.addIssue({
      code: 'custom',
      path: ['z'],
      message: `z must be at most ${TILE_MAX_ZOOM}`,
      params: { bilingual: { zh: `缩放级别 z 不能大于 ${TILE_MAX_ZOOM}`, en: `The zoom z must be at most ${TILE_MAX_ZOOM}` } },
    })
    return
  }
  const size = 2 ** tile.z
  for (const axis of ['x', 'y'] as const) {
    if (tile[axis] >= size) {
      ctx.addIssue({
        code: 'custom',
        path: [axis],
        message: `${axis} must be below ${size} at zoom ${tile.z}`,
        params: { bilingual: { zh: `缩放级别 ${tile.z} 的 ${axis} 应小于 ${size}`, en: `At zoom ${tile.z}, ${axis} must be below ${size}` } },
      })
    }
  }
}

/** The path parameters of a census tile request; `y` carries the `.mvt` ending. */
export const tileAddressSchema = z
  .object({ layer: layerSchema, z: tileNumber('z'), x: tileNumber('x'), y: tileNumber('y', '.mvt') })
  .superRefine(checkTileCoordinates)
export type TileAddress = z.infer<typeof tileAddressSchema>

/** The path parameters of a base-map tile from the server's tile folder (`/api/basemap/{z}/{x}/{y}`). */
export const basemapTileSchema = z.object({ z: tileNumber('z'), x: tileNumber('x'), y: tileNumber('y') }).superRefine(checkTileCoordinates)

/**
 * `county` scopes every tile (the key tables are sharded by); `v` is the map's own cache-buster,
 * changed after a save so that it fetches the tiles again instead of drawing the ones it kept.
 */
export const tileQuerySchema = z.object({ county: codeSchema('county'), v: z.string().max(40).optional() }).strict()
export type TileQuery = z.infer<typeof tileQuerySchema>
