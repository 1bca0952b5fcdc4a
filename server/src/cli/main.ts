/**
 * Command-line tools: `pnpm --silent cli <command>`. Each command works on the embedded database
 * (DATA_DIR) or on DATABASE_URL, like the server.
 *
 *   load-demo --size tengzhou|tengzhou-complete|xian|dense-township [--seed N]
 *       Generates a city and loads it into an empty database (for benchmarks: xian is about 3,200
 *       districts, 63,000 small areas and 1.35 million buildings; dense-township three townships, two
 *       of them of 1,000 small areas and 50,000 buildings). Prints what it did and how long.
 *
 *   validate <children.geojson> [--parent <parent.geojson>] [--gap-width <metres>] [--json]
 *       Checks polygons from elsewhere before import, on an in-memory embedded database (no server,
 *       no DATA_DIR): overlaps, gaps (against the parent, or holes in the union without one), parts
 *       outside the parent, near misses within the gap width (default 0.5 m), invalid geometry,
 *       duplicates. Prints { valid, issues }; exits 0 when valid, 1 when not, 2 on unreadable input.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { fileReport, formatBilingual, readFeatureCollection, TOPOLOGY_DEFAULTS, type FileFeature } from '@census/shared'
import { openDatabase, openEmbedded } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { CAMPAIGN_DAYS, DEMO_SEED, demoDeadline } from '../demo/tengzhou-demo.ts'
import { DENSE_TOWNSHIP_CENSUS, generateCity, largeCitySource, XIAN_CENSUS, type CitySize, type CitySource, type GenerateOptions } from '../demo/generate.ts'
import { datasetState, INTERRUPTED_LOAD, loadCity } from '../demo/load.ts'
import { loadTengzhouSource } from '../demo/tengzhou.ts'
import { paths, readEnv } from '../env.ts'
import { checkFiles, UnusableParent } from '../topology/file-check.ts'

const SIZES = {
  tengzhou: { progress: 'campaign', city: null },
  'tengzhou-complete': { progress: 'complete', city: null },
  xian: { progress: 'complete', city: XIAN_CENSUS },
  'dense-township': { progress: 'complete', city: DENSE_TOWNSHIP_CENSUS },
} as const satisfies Record<string, { progress: GenerateOptions['progress']; city: CitySize | null }>

function fail(message: string, code = 2): never {
  console.error(message)
  process.exit(code)
}

async function loadDemo(args: string[]) {
  const { values } = parseArgs({ args, options: { size: { type: 'string', default: 'tengzhou' }, seed: { type: 'string', default: String(DEMO_SEED) } } })
  const size = SIZES[values.size as keyof typeof SIZES]
  if (!size) fail(`未知规模 / unknown size "${values.size}": use ${Object.keys(SIZES).join(', ')}`)
  const env = readEnv()
  const base = loadTengzhouSource(`${paths.fixtures}/tengzhou`)
  const source: CitySource = size.city ? largeCitySource(base, size.city) : base
  const now = new Date()
  const campaignStart = new Date(now.getTime() - CAMPAIGN_DAYS * 86_400_000)
  const dataset = `demo:${values.size}`

  // Asked before the minutes of generating: a city cannot be loaded on top of itself or of half of itself.
  let t = performance.now()
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR })
  await migrate(db, paths.migrations)
  const state = await datasetState(db, source.countyCode, dataset)
  if (state !== 'absent') {
    await db.close()
    fail(state === 'loaded' ? `${dataset} 已在该数据库中 / is already loaded in this database` : formatBilingual(INTERRUPTED_LOAD))
  }
  const openSeconds = (performance.now() - t) / 1000

  t = performance.now()
  const city = generateCity(source, { seed: Number(values.seed), progress: size.progress, campaignStart, asOf: now })
  const generateSeconds = (performance.now() - t) / 1000
  const households = city.buildings.reduce((sum, b) => sum + b.households, 0)
  console.log(JSON.stringify({ step: 'generated', seconds: +generateSeconds.toFixed(1), townships: city.townships.length, districts: city.districts.length, drawnDistricts: city.districts.filter((d) => d.boundary).length, smallAreas: city.smallAreas.length, buildings: city.buildings.length, households }))

  t = performance.now()
  const options = { dataset, countyName: source.countyName, countyOutline: source.outline, campaignStart, deadline: demoDeadline(campaignStart) }
  await loadCity(db, city, options, (m) => console.error(`[load] ${m}`))
  await db.close()
  console.log(JSON.stringify({ step: 'loaded', database: db.kind, seconds: +((performance.now() - t) / 1000 + openSeconds).toFixed(1) }))
}

function readFeatures(path: string, role: 'children' | 'parent'): FileFeature[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    fail(`无法读取 / cannot read ${path}: ${(error as Error).message}`)
  }
  const reading = readFeatureCollection(json, role)
  if (!reading.ok) fail(`${path}: ${formatBilingual(reading.message)}`)
  return reading.features
}

async function validate(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { parent: { type: 'string' }, 'gap-width': { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  if (positionals.length !== 1) fail('用法 / usage: pnpm --silent cli validate <children.geojson> [--parent <parent.geojson>] [--gap-width <metres>] --json')
  const toleranceM = values['gap-width'] === undefined ? TOPOLOGY_DEFAULTS.nearMissM : Number(values['gap-width'])
  if (!Number.isFinite(toleranceM) || toleranceM < 0) fail(`--gap-width 应为不小于 0 的米数 / must be a number of metres ≥ 0, not "${values['gap-width']}"`)
  const children = readFeatures(positionals[0]!, 'children')
  const parent = values.parent ? readFeatures(values.parent, 'parent')[0]! : null

  const db = await openEmbedded('memory://')
  try {
    await migrate(db, paths.migrations)
    const report = fileReport(await checkFiles(db, { children, parent, toleranceM }))
    if (values.json) console.log(JSON.stringify(report))
    else for (const issue of report.issues) console.log(`${issue.severity}\t${issue.type}\t${issue.ids.join(',')}\t${issue.areaM2 ?? ''}`)
    process.exitCode = report.valid ? 0 : 1
  } catch (error) {
    if (error instanceof UnusableParent) fail(`${values.parent}: ${error.message}`)
    throw error
  } finally {
    await db.close()
  }
}

const [command, ...rest] = process.argv.slice(2)
switch (command) {
  case 'load-demo':
    await loadDemo(rest)
    break
  case 'validate':
    await validate(rest)
    break
  default:
    fail(`用法 / usage: pnpm --silent cli load-demo --size ${Object.keys(SIZES).join('|')} | validate <children.geojson> [--parent <parent.geojson>] [--gap-width <metres>] --json`)
}
