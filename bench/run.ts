/**
 * Benchmarks, with their numbers written to bench/results.json (one entry per suite, size and
 * database, replaced on each run) so claims about speed rest on measurements.
 *
 *   pnpm bench load|report|topology|tiles|map-idle [--size tengzhou|tengzhou-complete|xian|dense-township] [--server postgres://…]
 *
 * `load`: generating a city and loading it into a fresh database (embedded PGlite in a temporary
 * folder, or a fresh database created on the server), with the counts that were loaded.
 * `report`: the completion report on that loaded city through the real app in-process (no HTTP
 * port): the whole-city report now and as of past moments, and the daily series; medians and p95s;
 * and the topology summary the dashboard fetches beside it (computed once, then as stored: median of five).
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'

const root = resolve(import.meta.dirname, '..')
const resultsFile = join(root, 'bench/results.json')

interface Result {
  suite: string
  size: string
  database: 'embedded' | 'server'
  measuredAt: string
  machine: string
  /** Measurements, and the names of what was measured (a township's, say). */
  numbers: Record<string, number | string>
}

function record(result: Result) {
  const all: Result[] = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : []
  const kept = all.filter((r) => !(r.suite === result.suite && r.size === result.size && r.database === result.database))
  writeFileSync(resultsFile, JSON.stringify([...kept, result], null, 2) + '\n')
  console.log(JSON.stringify(result))
}

function machine(): string {
  const cpus = execFileSync('nproc').toString().trim()
  return `${cpus} cores, node ${process.version}`
}

interface FreshDemo {
  /** The database it was loaded into: a server URL or an embedded data folder. */
  database: { url: string } | { dir: string }
  numbers: Record<string, number>
  cleanup: () => void
}

/** Generates a city of `size` and loads it into a fresh database with the CLI, as an installation would. */
async function freshDemo(size: string, server: string | undefined): Promise<FreshDemo> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) }
  let cleanup = () => {}
  let database: FreshDemo['database']
  if (server) {
    const name = `census_bench_${size.replace(/\W/g, '_')}`
    const admin = postgres(server, { onnotice: () => {} })
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(server)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
    database = { url: env.DATABASE_URL }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'census-bench-'))
    env.DATA_DIR = dir
    delete env.DATABASE_URL
    database = { dir }
    cleanup = () => rmSync(dir, { recursive: true, force: true })
  }
  const output = execFileSync('node', ['--import', 'tsx', 'server/src/cli/main.ts', 'load-demo', '--size', size], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 })
  const steps = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>)
  const generated = steps.find((s) => s.step === 'generated')!
  const loaded = steps.find((s) => s.step === 'loaded')!
  const numbers: Record<string, number> = {}
  for (const [k, v] of Object.entries({ ...generated, loadSeconds: loaded.seconds })) if (typeof v === 'number') numbers[k === 'seconds' ? 'generateSeconds' : k] = v
  return { database, numbers, cleanup }
}

async function benchLoad(size: string, server: string | undefined) {
  const { numbers, cleanup } = await freshDemo(size, server)
  cleanup()
  record({ suite: 'load', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

function quantile(sorted: number[], q: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)
}

async function benchReport(size: string, server: string | undefined) {
  const demo = await freshDemo(size, server)
  const { createApp } = await import('../server/src/app.ts')
  const { openEmbedded, openServer } = await import('../server/src/db/client.ts')
  const db = 'url' in demo.database ? await openServer(demo.database.url) : await openEmbedded(demo.database.dir)
  const app = createApp({ db })
  const now = Date.now()
  const day = 86_400_000
  const paths: Record<string, string> = {
    reportNow: '/api/report',
    report7DaysAgo: `/api/report?asOf=${new Date(now - 7 * day).toISOString()}`,
    report21DaysAgo: `/api/report?asOf=${new Date(now - 21 * day).toISOString()}`,
    report35DaysAgo: `/api/report?asOf=${new Date(now - 35 * day).toISOString()}`,
    series: '/api/report/series',
  }
  const numbers: Record<string, number> = { districts: demo.numbers.districts!, buildings: demo.numbers.buildings! }
  for (const [name, path] of Object.entries(paths)) {
    const times: number[] = []
    for (let i = 0; i < 25; i++) {
      const t = performance.now()
      const response = await app.request(path)
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`)
      await response.arrayBuffer()
      // The first runs warm the caches and plans; a person opening the dashboard meets a warm server.
      if (i >= 5) times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    numbers[`${name}MedianMs`] = quantile(times, 0.5)
    numbers[`${name}P95Ms`] = quantile(times, 0.95)
  }
  // The page fetches the open findings per township beside the report: computed on the first request
  // after a change (seconds, not milliseconds: the reason they stay out of /api/report), then served
  // as stored at the county's revision.
  const summaryTimes: number[] = []
  for (let i = 0; i < 6; i++) {
    const t = performance.now()
    const response = await app.request('/api/topology/summary')
    if (!response.ok) throw new Error(`/api/topology/summary: HTTP ${response.status} ${await response.text()}`)
    await response.arrayBuffer()
    summaryTimes.push(performance.now() - t)
  }
  numbers.topologySummaryComputedMs = +summaryTimes[0]!.toFixed(1)
  numbers.topologySummaryStoredMedianMs = quantile(summaryTimes.slice(1).sort((a, b) => a - b), 0.5)
  await db.close()
  demo.cleanup()
  record({ suite: 'report', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

/**
 * `topology`: issue 3's checks on the loaded city (see bench/topology.ts for what is measured), on a
 * copy of a city loaded once and kept (`census_topology_<size>`): the saves it measures change the
 * boundaries they write, so every run starts from the city as loaded.
 */
async function benchTopologySuite(size: string, server: string | undefined) {
  const kept = await keptDemo(size, server, 'topology')
  let database: { url: string } | { dir: string }
  let dropCopy: () => Promise<void>
  if ('url' in kept) {
    const name = `${new URL(kept.url).pathname.slice(1)}_run`
    const admin = postgres(server!, { onnotice: () => {} })
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${new URL(kept.url).pathname.slice(1)}`)
    const url = new URL(kept.url)
    url.pathname = `/${name}`
    database = { url: url.toString() }
    dropCopy = async () => {
      await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.end()
    }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'census-bench-'))
    cpSync(kept.dir, dir, { recursive: true })
    database = { dir }
    dropCopy = async () => rmSync(dir, { recursive: true, force: true })
  }
  const { benchTopology } = await import('./topology.ts')
  const { openEmbedded, openServer } = await import('../server/src/db/client.ts')
  const db = 'url' in database ? await openServer(database.url) : await openEmbedded(database.dir)
  const numbers = await benchTopology(db)
  await db.close()
  await dropCopy()
  record({ suite: 'topology', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

/**
 * A demo city loaded once into a database of its own (`census_<purpose>_<size>` on the server, or
 * data/bench-<purpose>-<size>) and kept: xian takes over ten minutes to load, the tile suites only read it.
 */
async function keptDemo(size: string, server: string | undefined, purpose = 'tiles'): Promise<{ url: string } | { dir: string }> {
  const name = `census_${purpose}_${size.replace(/\W/g, '_')}`
  const env: Record<string, string> = { ...(process.env as Record<string, string>) }
  let database: { url: string } | { dir: string }
  const admin = server ? postgres(server, { onnotice: () => {} }) : null
  if (server) {
    const url = new URL(server)
    url.pathname = `/${name}`
    database = { url: url.toString() }
    const [found] = await admin!`SELECT 1 FROM pg_database WHERE datname = ${name}`
    if (!found) await admin!.unsafe(`CREATE DATABASE ${name}`)
    env.DATABASE_URL = database.url
  } else {
    database = { dir: join(root, 'data', `bench-${purpose}-${size}`) }
    env.DATA_DIR = database.dir
    delete env.DATABASE_URL
  }
  const { openEmbedded, openServer } = await import('../server/src/db/client.ts')
  const { migrate } = await import('../server/src/db/migrate.ts')
  const { datasetState } = await import('../server/src/demo/load.ts')
  const { loadTengzhouSource } = await import('../server/src/demo/tengzhou.ts')
  const db = 'url' in database ? await openServer(database.url) : await openEmbedded(database.dir)
  // A city kept from an earlier run gets the migrations written since, as the server would at start.
  await migrate(db, join(root, 'migrations'))
  // Every size is a city under Tengzhou's county code.
  const state = await datasetState(db, loadTengzhouSource(join(root, 'fixtures/tengzhou')).countyCode, `demo:${size}`)
  await db.close()
  // A run stopped while loading left half a city: start that database afresh.
  if (state === 'interrupted') {
    if (admin) {
      await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.unsafe(`CREATE DATABASE ${name}`)
    } else if ('dir' in database) rmSync(database.dir, { recursive: true, force: true })
  }
  await admin?.end()
  if (state !== 'loaded') execFileSync('node', ['--import', 'tsx', 'server/src/cli/main.ts', 'load-demo', '--size', size], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  return database
}

/** `tiles`: vector tile latency over the busiest township (bench/tiles.ts). */
async function benchTilesSuite(size: string, server: string | undefined) {
  const database = await keptDemo(size, server)
  const { benchTiles } = await import('./tiles.ts')
  const { openEmbedded, openServer } = await import('../server/src/db/client.ts')
  const db = 'url' in database ? await openServer(database.url) : await openEmbedded(database.dir)
  const numbers = await benchTiles(db)
  await db.close()
  record({ suite: 'tiles', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

/** `map-idle`: opening the busiest township in headless Chromium until the map is idle (bench/tiles.ts). */
async function benchMapIdleSuite(size: string, server: string | undefined) {
  const database = await keptDemo(size, server)
  const { benchMapIdle, busiestTownships } = await import('./tiles.ts')
  const { openEmbedded, openServer } = await import('../server/src/db/client.ts')
  const db = 'url' in database ? await openServer(database.url) : await openEmbedded(database.dir)
  const [township, next] = await busiestTownships(db, 2)
  await db.close()
  const numbers = await benchMapIdle(database, township!, next ?? township!)
  record({ suite: 'map-idle', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

const [suite, ...args] = process.argv.slice(2)
const { values } = parseArgs({ args, options: { size: { type: 'string', default: 'tengzhou' }, server: { type: 'string' } } })
switch (suite) {
  case 'load':
    await benchLoad(values.size!, values.server)
    break
  case 'report':
    await benchReport(values.size!, values.server)
    break
  case 'topology':
    await benchTopologySuite(values.size!, values.server)
    break
  case 'tiles':
    await benchTilesSuite(values.size!, values.server)
    break
  case 'map-idle':
    await benchMapIdleSuite(values.size!, values.server)
    break
  default:
    console.error('usage: pnpm bench load|report|topology|tiles|map-idle [--size tengzhou|tengzhou-complete|xian|dense-township] [--server postgres://…]')
    process.exit(2)
}
