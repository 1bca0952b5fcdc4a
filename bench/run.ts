/**
 * Benchmarks, with their numbers written to bench/results.json (one entry per suite, size and
 * database, replaced on each run) so claims about speed rest on measurements.
 *
 *   pnpm bench load [--size tengzhou|tengzhou-complete|xian] [--server postgres://…]
 *
 * `load`: generating a city and loading it into a fresh database (embedded PGlite in a temporary
 * folder, or a fresh database created on the server), with the counts that were loaded.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
  numbers: Record<string, number>
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

async function benchLoad(size: string, server: string | undefined) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) }
  let cleanup = () => {}
  if (server) {
    const name = `census_bench_${size.replace(/\W/g, '_')}`
    const admin = postgres(server, { onnotice: () => {} })
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(server)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'census-bench-'))
    env.DATA_DIR = dir
    delete env.DATABASE_URL
    cleanup = () => rmSync(dir, { recursive: true, force: true })
  }
  const output = execFileSync('node', ['--import', 'tsx', 'server/src/cli/main.ts', 'load-demo', '--size', size], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 })
  cleanup()
  const steps = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>)
  const generated = steps.find((s) => s.step === 'generated')!
  const loaded = steps.find((s) => s.step === 'loaded')!
  const numbers: Record<string, number> = {}
  for (const [k, v] of Object.entries({ ...generated, loadSeconds: loaded.seconds })) if (typeof v === 'number') numbers[k === 'seconds' ? 'generateSeconds' : k] = v
  record({ suite: 'load', size, database: server ? 'server' : 'embedded', measuredAt: new Date().toISOString(), machine: machine(), numbers })
}

const [suite, ...args] = process.argv.slice(2)
const { values } = parseArgs({ args, options: { size: { type: 'string', default: 'tengzhou' }, server: { type: 'string' } } })
switch (suite) {
  case 'load':
    await benchLoad(values.size!, values.server)
    break
  default:
    console.error('usage: pnpm bench load [--size tengzhou|tengzhou-complete|xian] [--server postgres://…]')
    process.exit(2)
}
