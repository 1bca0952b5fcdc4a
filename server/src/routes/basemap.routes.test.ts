import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { BASEMAP_FOLDER_TILES, configuredBasemap, type TileFolder } from './basemap.routes.ts'

// A folder as tile cutters leave it: z/x/y with the image's own extension. The bytes only need to be told apart.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1])
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 2])
let folder: string
let testDb: TestDatabase

const put = (path: string, bytes: Buffer) => {
  mkdirSync(join(folder, path, '..'), { recursive: true })
  writeFileSync(join(folder, path), bytes)
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'census-basemap-'))
  put('12/3371/1617.png', PNG)
  put('12/3371/1618.jpg', JPEG)
  // Row 0 of zoom 1 counted from the south (tms) is row 1 counted from the north.
  put('1/1/0.png', PNG)
  testDb = await openTestDatabase()
})
afterAll(async () => {
  await testDb.dispose()
  rmSync(folder, { recursive: true, force: true })
})

const appWith = (tileFolder: TileFolder | null) => createApp({ db: testDb.db, ...configuredBasemap({ dir: tileFolder?.dir, scheme: tileFolder?.scheme ?? 'xyz', attribution: '滕州市自然资源局 2026 年影像' }) })

describe('base-map tiles from a folder (BASEMAP_DIR)', () => {
  it('tells the page to ask this server for them, with their credit', async () => {
    const response = await appWith({ dir: folder, scheme: 'xyz' }).request('/api/config')
    // Cut to zoom 12 (its deepest folder): beyond it the map enlarges those tiles.
    expect(((await response.json()) as { basemap: unknown }).basemap).toEqual({ url: BASEMAP_FOLDER_TILES, attribution: '滕州市自然资源局 2026 年影像', maxZoom: 12 })
    expect(BASEMAP_FOLDER_TILES).toBe('/api/basemap/{z}/{x}/{y}')
  })

  it('serves each tile as the image it is, with a validator the browser revalidates with', async () => {
    const app = appWith({ dir: folder, scheme: 'xyz' })
    const png = await app.request('/api/basemap/12/3371/1617')
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG)
    expect(png.headers.get('cache-control')).toBe('public, max-age=3600')
    const jpeg = await app.request('/api/basemap/12/3371/1618')
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await jpeg.arrayBuffer())).toEqual(JPEG)

    const etag = png.headers.get('etag')!
    expect((await app.request('/api/basemap/12/3371/1617', { headers: { 'if-none-match': etag } })).status).toBe(304)
    // Imagery cut again: the file's new time is a new tag, so the browser takes the new image.
    utimesSync(join(folder, '12/3371/1617.png'), new Date(), new Date(Date.now() + 60_000))
    const recut = await app.request('/api/basemap/12/3371/1617', { headers: { 'if-none-match': etag } })
    expect(recut.status).toBe(200)
    expect(recut.headers.get('etag')).not.toBe(etag)
  })

  it('counts rows from the south when the folder is tms', async () => {
    expect((await appWith({ dir: folder, scheme: 'tms' }).request('/api/basemap/1/1/1')).status).toBe(200)
    expect((await appWith({ dir: folder, scheme: 'xyz' }).request('/api/basemap/1/1/1')).status).toBe(204)
    expect((await appWith({ dir: folder, scheme: 'xyz' }).request('/api/basemap/1/1/0')).status).toBe(200)
  })

  it('answers a tile beyond what was cut with no content, which the map draws as clear ground', async () => {
    const response = await appWith({ dir: folder, scheme: 'xyz' }).request('/api/basemap/13/6742/3234')
    expect(response.status).toBe(204)
    expect((await response.arrayBuffer()).byteLength).toBe(0)
  })

  it('refuses what is no tile, naming the coordinate, and never reads outside the folder', async () => {
    const app = appWith({ dir: folder, scheme: 'xyz' })
    for (const [path, field] of [
      ['/api/basemap/12/4096/1617', 'x'],
      ['/api/basemap/12/3371/1617.png', 'y'],
      ['/api/basemap/23/0/0', 'z'],
      ['/api/basemap/12/..%2F..%2F/1617', 'x'],
    ] as const) {
      const response = await app.request(path)
      expect(response.status, path).toBe(400)
      const { error } = (await response.json()) as { error: { problems: Array<{ path: string }> } }
      expect(error.problems[0]!.path, path).toBe(field)
    }
  })

  it('is no endpoint at all without a folder, and a tile server’s template is passed on as it is', async () => {
    const response = await appWith(null).request('/api/basemap/12/3371/1617')
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: { message: { en: string } } }).error.message.en).toBe('No such API endpoint')
    const server = configuredBasemap({ url: 'https://tiles.example.cn/{z}/{x}/{y}.png', scheme: 'xyz', attribution: '示例' })
    expect(server).toEqual({ basemap: { url: 'https://tiles.example.cn/{z}/{x}/{y}.png', attribution: '示例' }, tileFolder: null })
    expect(configuredBasemap({ scheme: 'xyz', attribution: '' })).toEqual({ basemap: null, tileFolder: null })
  })

  it('stops at start when the folder holds no zoom folders, saying how tiles are laid out', () => {
    const empty = mkdtempSync(join(tmpdir(), 'census-basemap-empty-'))
    try {
      expect(() => configuredBasemap({ dir: empty, scheme: 'xyz', attribution: '' })).toThrow(/中没有缩放级别文件夹（应为 \{z\}\/\{x\}\/\{y\}\.png.*has no zoom folders/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
