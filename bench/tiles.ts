/**
 * The `tiles` benchmark (vector tiles of small areas and buildings), on a database that already
 * holds a demo city, through the real app in-process (no HTTP port, gzip asked for as a browser does):
 * the township with the most buildings, every tile over it at z12–z14 and up to TILES_PER_ZOOM of
 * its tiles with buildings at z15–z17, each layer's latency p50/p95 (after one warming pass: tiles
 * are cut afresh on every request, the pass only warms plans and caches), the largest tile, and the
 * p50 of a revalidation (304).
 *
 * `map-idle`: the real server on such a database, the built page in headless Chromium: the time from
 * picking that township in the header to the map being idle (view fitted, every tile drawn), then
 * from pressing zoom-in until buildings come from the tiles to idle again, then a drag of the map
 * there (the intervals between frames while it follows, then from release to idle; 5 fresh pages);
 * and the same opening once the page has opened another township first (see benchMapIdle); of a
 * cold and a warm opening and of a second pan, the main thread's time in JavaScript (a CPU profile); a third pan
 * with the legend's overlays hidden (only the boundaries drawn), and the same drags of an empty map of
 * the same size (this browser's floor: without a GPU, frames cost what drawing them costs). Before any
 * of it, each fresh page's first view of the county: navigation to settled.
 */
// bench/ is no package of its own: drizzle comes from the server's, so its SQL values are the server's type.
import { sql } from '../server/node_modules/drizzle-orm/index.js'
import { createApp } from '../server/src/app.ts'
import type { Database } from '../server/src/db/client.ts'
import { tileMinZoom } from '../shared/src/tiles.ts'
import { ui } from '../web/src/i18n/strings.ts'
import { palette } from '../web/src/map/palette.ts'
// Types only: the browser driver is loaded with the map-idle benchmark, not with the tile one.
import type { Page, Request } from '../web/e2e/browser.ts'

const TILES_PER_ZOOM = 60
const ZOOMS = [12, 13, 14, 15, 16, 17]

function quantile(sorted: number[], q: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)
}

/** The Web Mercator tile (z/x/y) that holds a lon/lat point. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const phi = (lat * Math.PI) / 180
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)]
}

export interface BusyTownship {
  county: string
  code: string
  name: string
  buildings: number
  smallAreas: number
}

/** The townships with the most buildings, busiest first. */
export async function busiestTownships(db: Database, count = 1): Promise<BusyTownship[]> {
  return db.rows<BusyTownship>(sql`
    SELECT t.county_code AS county, t.code, t.name,
           (SELECT count(*)::int FROM building b WHERE b.county_code = t.county_code AND b.township_code = t.code) AS buildings,
           (SELECT count(*)::int FROM small_area s WHERE s.county_code = t.county_code AND s.township_code = t.code) AS "smallAreas"
    FROM township t ORDER BY buildings DESC, t.code LIMIT ${count}`)
}

/** The tiles to time: all over the township's box up to z14, then those its buildings stand in (spread by code). */
async function tilesOver(db: Database, township: BusyTownship): Promise<Array<[number, number, number]>> {
  const [box] = await db.rows<{ w: number; s: number; e: number; n: number }>(sql`
    SELECT ST_XMin(boundary) AS w, ST_YMin(boundary) AS s, ST_XMax(boundary) AS e, ST_YMax(boundary) AS n
    FROM township WHERE county_code = ${township.county} AND code = ${township.code}`)
  const points = await db.rows<{ lon: number; lat: number }>(sql`
    SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM building
    WHERE county_code = ${township.county} AND township_code = ${township.code} ORDER BY code`)
  const tiles: Array<[number, number, number]> = []
  for (const z of ZOOMS) {
    const [x0, y0] = tileAt(box!.w, box!.n, z)
    const [x1, y1] = tileAt(box!.e, box!.s, z)
    const all: Array<[number, number, number]> = []
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) all.push([z, x, y])
    if (all.length <= TILES_PER_ZOOM) {
      tiles.push(...all)
      continue
    }
    const seen = new Set<string>()
    const step = Math.max(1, Math.floor(points.length / (TILES_PER_ZOOM * 4)))
    for (let i = 0; i < points.length && seen.size < TILES_PER_ZOOM; i += step) {
      const [x, y] = tileAt(points[i]!.lon, points[i]!.lat, z)
      if (!seen.has(`${x}/${y}`)) {
        seen.add(`${x}/${y}`)
        tiles.push([z, x, y])
      }
    }
  }
  return tiles
}

export async function benchTiles(db: Database): Promise<Record<string, number>> {
  const township = (await busiestTownships(db))[0]!
  const tiles = await tilesOver(db, township)
  const app = createApp({ db })
  const numbers: Record<string, number> = { townshipBuildings: township.buildings, townshipSmallAreas: township.smallAreas, tiles: tiles.length }
  for (const layer of ['small-areas', 'buildings'] as const) {
    const path = ([z, x, y]: [number, number, number]) => `/api/tiles/${layer}/${z}/${x}/${y}.mvt?county=${township.county}`
    // One pass warms the plans and the database's caches: a map meets a server in use, not one just started.
    for (const tile of tiles) await (await app.request(path(tile), { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer()
    const times: number[] = []
    const byZoom = new Map<number, number[]>()
    let bytes = 0
    let etag = ''
    for (const tile of tiles) {
      const t = performance.now()
      const response = await app.request(path(tile), { headers: { 'accept-encoding': 'gzip' } })
      const body = await response.arrayBuffer()
      const ms = performance.now() - t
      if (response.status !== 200 && response.status !== 204) throw new Error(`${path(tile)}: HTTP ${response.status} ${new TextDecoder().decode(body)}`)
      times.push(ms)
      byZoom.set(tile[0], [...(byZoom.get(tile[0]) ?? []), ms])
      bytes = Math.max(bytes, body.byteLength)
      etag = response.headers.get('etag') ?? etag
    }
    times.sort((a, b) => a - b)
    const name = layer === 'buildings' ? 'buildings' : 'smallAreas'
    numbers[`${name}P50Ms`] = quantile(times, 0.5)
    numbers[`${name}P95Ms`] = quantile(times, 0.95)
    numbers[`${name}MaxKb`] = +(bytes / 1024).toFixed(1)
    for (const [z, list] of byZoom) numbers[`${name}Z${z}P95Ms`] = quantile(list.sort((a, b) => a - b), 0.95)
    const revalidations: number[] = []
    for (const tile of tiles.slice(0, 50)) {
      const t = performance.now()
      const response = await app.request(path(tile), { headers: { 'if-none-match': etag } })
      await response.arrayBuffer()
      if (response.status !== 304) throw new Error(`${path(tile)}: expected 304, got ${response.status}`)
      revalidations.push(performance.now() - t)
    }
    numbers[`${name}NotModifiedP50Ms`] = quantile(revalidations.sort((a, b) => a - b), 0.5)
  }
  return numbers
}

/** Where the map-idle benchmark's server finds its city: a server database or an embedded data folder. */
export type BenchDatabase = { url: string } | { dir: string }

/**
 * `township` is opened on a fresh page (cold: the page's code not yet compiled hot, as at a person's
 * first township of the day), and again on a fresh page that has first opened `before` and gone back
 * to the county (warm: as every later township of the day; nothing of `township` cached).
 */
export async function benchMapIdle(database: BenchDatabase, township: BusyTownship, before: BusyTownship, runs = 5): Promise<Record<string, number | string>> {
  const { spawn } = await import('node:child_process')
  const { mkdtemp, rm } = await import('node:fs/promises')
  const { loadavg, tmpdir } = await import('node:os')
  const { join, resolve } = await import('node:path')
  const { freePort, run, stop, waitForHealth } = await import('../web/e2e/global-setup.ts')
  const { launchBrowser, openPage } = await import('../web/e2e/browser.ts')
  const root = resolve(import.meta.dirname, '..')

  // The production build, as people get it (NODE_ENV=production: React's production bundle).
  const webDist = await mkdtemp(join(tmpdir(), 'census-bench-web-'))
  await run(process.execPath, [join(root, 'web/node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', webDist, '--emptyOutDir'], {
    cwd: join(root, 'web'),
    env: { ...process.env, NODE_ENV: 'production' },
  })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), WEB_DIST: webDist, DEMO: 'none' }
  delete env['BASEMAP_URL']
  delete env['DATABASE_URL']
  if ('url' in database) env['DATABASE_URL'] = database.url
  else env['DATA_DIR'] = database.dir
  const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const baseUrl = `http://127.0.0.1:${port}`
  const browser = await launchBrowser()
  try {
    await waitForHealth(baseUrl, server, () => log)
    const countyIdle: number[] = []
    const firstRead: number[] = []
    const idle: number[] = []
    const warmIdle: number[] = []
    let tileRequests = 0
    let tileBytes = 0
    let fitted = { zoom: 0, buildings: 0, smallAreas: 0 }
    let zoomed = fitted
    const zoomedIn: number[] = []
    const panned: number[] = []
    const panFrames: number[] = []
    const bareFrames: number[] = []
    let mapSize = { width: 0, height: 0 }
    const drawn = "({ zoom: window.__censusMap.zoom(), buildings: window.__censusMap.renderedCodes('building').length + window.__censusMap.renderedBuildingDots(), smallAreas: window.__censusMap.renderedCodes('smallArea').length })"
    const picker = (page: Page) => page.getByLabel('乡镇（街道）')
    // settled(): no data on its way, the fitted view's every source loaded, every tile drawn, maplibre idle, not moving.
    const settled = (page: Page) => page.waitForFunction('window.__censusMap?.settled() === true', undefined, { timeout: 60_000, polling: 20 })
    const freshPage = async () => {
      // A fresh page each time: nothing cached, as for a person opening the township.
      const { page } = await openPage(browser)
      await page.goto(baseUrl)
      // Page expressions as text: bench/ is compiled without the DOM's types.
      await page.waitForFunction("!document.querySelector('.load-status') && window.__censusMap?.settled() === true", undefined, { timeout: 120_000, polling: 20 })
      // The county's first view, on the page's own clock from the navigation: when it was settled, and
      // when its first read of the API started (what the page's code had to load before it).
      const first = await page.evaluate<{ settled: number; firstRead: number }>(
        "({ settled: performance.now(), firstRead: Math.min(...performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => e.startTime)) })",
      )
      countyIdle.push(first.settled)
      firstRead.push(first.firstRead)
      return page
    }
    const open = async (page: Page, name: string) => {
      const t = performance.now()
      await picker(page).selectOption({ label: name })
      await settled(page)
      return performance.now() - t
    }
    // Where the page's main thread spends its time: in the page's JavaScript (the app and maplibre), or
    // in the browser's own work, which for a map is mostly drawing WebGL (in software here). The sampling
    // profiler costs a little, so the headline numbers (cold openings, the first pan) run without it.
    const inScript = async <T>(page: Page, action: () => Promise<T>): Promise<{ result: T; scriptMs: number }> => {
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
      const result = await action()
      const { profile } = await cdp.send('Profiler.stop')
      await cdp.detach()
      const sampled = new Map<number, number>()
      profile.samples?.forEach((id, k) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas?.[k] ?? 0)))
      const notScript = new Set(['(program)', '(idle)', '(root)'])
      let script = 0
      for (const node of profile.nodes) if (!notScript.has(node.callFrame.functionName)) script += sampled.get(node.id) ?? 0
      return { result, scriptMs: script / 1000 }
    }
    const openScriptMs: number[] = []
    const coldOpenScriptMs: number[] = []
    const panScriptMsPerFrame: number[] = []
    // A drag of the map as a person would, from the middle by (dx, dy): the intervals between the browser's frames while it follows.
    const drag = async (page: Page, dx: number, dy: number): Promise<number[]> => {
      await page.evaluate("window.__frames = []; window.__framesDone = false; (function tick(t) { window.__frames.push(t); if (!window.__framesDone) requestAnimationFrame(tick) })(performance.now())")
      const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!
      const [x, y] = [canvas.x + canvas.width / 2, canvas.y + canvas.height / 2]
      await page.mouse.move(x, y)
      await page.mouse.down()
      await page.mouse.move(x + dx, y + dy, { steps: 20 })
      await page.mouse.up()
      const frames = await page.evaluate<number[]>('window.__framesDone = true; window.__frames')
      return frames.slice(1).map((t, f) => t - frames[f]!)
    }
    for (let i = 0; i < runs; i++) {
      const page = await freshPage()
      // Their sizes are asked for once the timing is over: fetching bodies meanwhile would load the browser.
      const tiles: Request[] = []
      page.on('requestfinished', (request) => {
        if (request.url().includes('/api/tiles/')) tiles.push(request)
      })
      idle.push(await open(page, township.name))
      const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!
      mapSize = { width: Math.round(canvas.width), height: Math.round(canvas.height) }
      fitted = await page.evaluate<typeof fitted>(drawn)
      // Then in, with the map's own button, to where buildings are drawn from the tiles.
      const z = performance.now()
      while ((await page.evaluate<number>('window.__censusMap.zoom()')) < tileMinZoom.buildings) {
        await page.getByRole('button', { name: '放大' }).click()
        await settled(page)
      }
      zoomedIn.push(performance.now() - z)
      zoomed = await page.evaluate<typeof fitted>(drawn)
      // A pan there, dragging the map by 400 px as a person would: the intervals between the
      // browser's frames while it follows the mouse, and the time from letting go until it is idle again.
      panFrames.push(...(await drag(page, -400, -100)))
      const released = performance.now()
      // Then what came into view is fetched and drawn.
      await settled(page)
      panned.push(performance.now() - released)
      // And back, profiled: the page's own JavaScript per frame of a pan, against a frame's 16.7 ms at 60 Hz.
      const back = await inScript(page, () => drag(page, 400, 100))
      panScriptMsPerFrame.push(back.scriptMs / Math.max(1, back.result.length))
      await settled(page)
      // The same pan with the legend's overlays hidden (status colours, buildings, names): only the
      // boundaries drawn. What the frames lose is what our content costs the renderer; what is left
      // is this renderer's price of a frame of the map at all.
      for (const overlay of [ui.overlayFills, ui.overlayBuildings, ui.overlayLabels]) await page.getByTestId('legend').getByLabel(overlay.zh).setChecked(false)
      await settled(page)
      bareFrames.push(...(await drag(page, -400, -100)))
      await settled(page)
      tileRequests = tiles.length
      tileBytes = 0
      for (const request of tiles) tileBytes += (await request.sizes()).responseBodySize
      await page.context().close()

      const warm = await freshPage()
      await open(warm, before.name)
      await picker(warm).selectOption({ index: 0 })
      await settled(warm)
      const { result: warmMs, scriptMs } = await inScript(warm, () => open(warm, township.name))
      warmIdle.push(warmMs)
      openScriptMs.push(scriptMs)
      await warm.context().close()

      // A cold opening again, profiled: what of it is the page's JavaScript (first runs of its code,
      // the shaders compiled once) rather than drawing.
      const profiled = await freshPage()
      coldOpenScriptMs.push((await inScript(profiled, () => open(profiled, township.name))).scriptMs)
      await profiled.context().close()
    }
    // The floor: this browser's frames for a map of the same size with nothing on it but a background,
    // dragged the same way. What a frame of ours costs above it is our layers' drawing.
    const emptyFrames: number[] = []
    {
      const { page } = await openPage(browser)
      await emptyMapPage(page, mapSize)
      for (let i = 0; i < runs; i++) emptyFrames.push(...(await drag(page, i % 2 ? 400 : -400, i % 2 ? 100 : -100)))
      await page.context().close()
    }
    idle.sort((a, b) => a - b)
    return {
      // Headless Chromium draws WebGL in software (SwiftShader) on these two cores: each frame of a
      // township costs a few hundred milliseconds once the machine is busy, so the load is part of the number.
      loadAverage1m: +loadavg()[0]!.toFixed(1),
      townshipBuildings: township.buildings,
      townshipSmallAreas: township.smallAreas,
      runs,
      // Fresh pages: the cold ones and the warm ones before their first township.
      openCountyToIdleMedianMs: quantile(countyIdle.sort((a, b) => a - b), 0.5),
      openCountyToIdleMaxMs: quantile(countyIdle, 1),
      countyFirstApiReadMedianMs: quantile(firstRead.sort((a, b) => a - b), 0.5),
      openTownshipToIdleMedianMs: quantile(idle, 0.5),
      openTownshipToIdleMaxMs: quantile(idle, 1),
      openedBefore: before.name,
      openTownshipWarmToIdleMedianMs: quantile(warmIdle.sort((a, b) => a - b), 0.5),
      openTownshipWarmToIdleMaxMs: quantile(warmIdle, 1),
      // Of a cold and a warm opening, the main thread's time in JavaScript (garbage collection included); the rest is the browser's.
      openTownshipColdScriptMedianMs: quantile(coldOpenScriptMs.sort((a, b) => a - b), 0.5),
      openTownshipWarmScriptMedianMs: quantile(openScriptMs.sort((a, b) => a - b), 0.5),
      fittedZoom: +fitted.zoom.toFixed(2),
      buildingsDrawn: fitted.buildings,
      smallAreasDrawn: fitted.smallAreas,
      zoomInToBuildingTilesMedianMs: quantile(zoomedIn.sort((a, b) => a - b), 0.5),
      zoomInToBuildingTilesMaxMs: quantile(zoomedIn, 1),
      panReleaseToIdleMedianMs: quantile(panned.sort((a, b) => a - b), 0.5),
      panFrameIntervalP50Ms: quantile(panFrames.sort((a, b) => a - b), 0.5),
      panFrameIntervalP95Ms: quantile(panFrames, 0.95),
      mapWidthPx: mapSize.width,
      mapHeightPx: mapSize.height,
      panEmptyMapFrameIntervalP50Ms: quantile(emptyFrames.sort((a, b) => a - b), 0.5),
      panEmptyMapFrameIntervalP95Ms: quantile(emptyFrames, 0.95),
      panBoundariesOnlyFrameIntervalP50Ms: quantile(bareFrames.sort((a, b) => a - b), 0.5),
      panBoundariesOnlyFrameIntervalP95Ms: quantile(bareFrames, 0.95),
      // Of a pan's frame, the page's JavaScript (the rest is the browser's drawing, which a GPU does).
      panScriptPerFrameMedianMs: quantile(panScriptMsPerFrame.sort((a, b) => a - b), 0.5),
      zoomedInZoom: +zoomed.zoom.toFixed(2),
      zoomedInBuildingsDrawn: zoomed.buildings,
      zoomedInSmallAreasDrawn: zoomed.smallAreas,
      // Opening, zooming in and the pan; the bytes as sent (gzipped).
      tileRequests,
      tileKbSent: +(tileBytes / 1024).toFixed(1),
    }
  } finally {
    await browser.close()
    await stop(server)
    await rm(webDist, { recursive: true, force: true })
  }
}

/**
 * Opens, in this page, a map of this size with nothing on it but a background: maplibre from the web
 * package, served from a made-up origin (nothing leaves the machine).
 */
async function emptyMapPage(page: Page, size: { width: number; height: number }): Promise<void> {
  const { readFile } = await import('node:fs/promises')
  const { join, resolve } = await import('node:path')
  const dist = join(resolve(import.meta.dirname, '..'), 'web/node_modules/maplibre-gl/dist')
  const html = `<!doctype html><html><body style="margin:0"><div id="map" style="width:${size.width}px;height:${size.height}px"></div>
    <script type="module">
      import * as maplibregl from '/maplibre-gl.mjs'
      maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs')
      window.emptyMap = new maplibregl.Map({ container: 'map', center: [117.2, 35.1], zoom: 12, fadeDuration: 0,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '${palette.background}' } }] } })
    </script></body></html>`
  await page.route('http://empty-map.test/**', async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1)
    if (name === '') return route.fulfill({ contentType: 'text/html', body: html })
    return route.fulfill({ contentType: 'text/javascript', body: await readFile(join(dist, name)) })
  })
  await page.goto('http://empty-map.test/')
  await page.waitForFunction('window.emptyMap?.loaded() === true', undefined, { timeout: 30_000 })
}
