/**
 * Command-line tools: `pnpm --silent cli <command>`. Each command works on the embedded database
 * (DATA_DIR) or on DATABASE_URL, like the server.
 *
 *   load-demo --size tengzhou|tengzhou-complete|xian [--seed N]
 *       Generates a city and loads it into an empty database (for benchmarks: xian is about 3,200
 *       districts, 63,000 small areas and 1.35 million buildings). Prints what it did and how long.
 */
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { CAMPAIGN_DAYS, DEMO_SEED } from '../demo/tengzhou-demo.ts'
import { generateCity, largeCitySource, type CitySource, type GenerateOptions } from '../demo/generate.ts'
import { loadCity } from '../demo/load.ts'
import { loadTengzhouSource } from '../demo/tengzhou.ts'
import { paths, readEnv } from '../env.ts'

const SIZES = {
  tengzhou: { progress: 'campaign', districts: null },
  'tengzhou-complete': { progress: 'complete', districts: null },
  xian: { progress: 'complete', districts: 3200 },
} as const satisfies Record<string, { progress: GenerateOptions['progress']; districts: number | null }>

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
  const source: CitySource = size.districts ? largeCitySource(base, size.districts) : base
  const now = new Date()
  const campaignStart = new Date(now.getTime() - CAMPAIGN_DAYS * 86_400_000)

  let t = performance.now()
  const city = generateCity(source, { seed: Number(values.seed), progress: size.progress, campaignStart, asOf: now })
  const generateSeconds = (performance.now() - t) / 1000
  const households = city.buildings.reduce((sum, b) => sum + b.households, 0)
  console.log(JSON.stringify({ step: 'generated', seconds: +generateSeconds.toFixed(1), townships: city.townships.length, districts: city.districts.length, drawnDistricts: city.districts.filter((d) => d.boundary).length, smallAreas: city.smallAreas.length, buildings: city.buildings.length, households }))

  t = performance.now()
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR })
  await migrate(db, paths.migrations)
  await loadCity(db, city, { dataset: `demo:${values.size}`, countyName: source.countyName, countyOutline: source.outline, campaignStart }, (m) => console.error(`[load] ${m}`))
  await db.close()
  console.log(JSON.stringify({ step: 'loaded', database: db.kind, seconds: +((performance.now() - t) / 1000).toFixed(1) }))
}

const [command, ...rest] = process.argv.slice(2)
switch (command) {
  case 'load-demo':
    await loadDemo(rest)
    break
  default:
    fail(`用法 / usage: pnpm --silent cli load-demo --size ${Object.keys(SIZES).join('|')}`)
}
