/**
 * Before the end-to-end tests: build the page, start the real server on a free port with a fresh
 * embedded database (the demo city loads on first start), and hand its URL to the tests.
 * After them: stop the server and delete its data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { assertChromiumInstalled } from './browser.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const webDir = resolve(import.meta.dirname, '..')
const repoRoot = resolve(webDir, '..')
const serverEntry = join(repoRoot, 'server/src/main.ts')
/**
 * The first start migrates an empty database and loads the demo city: a minute on a quiet machine,
 * several on a busy one. The server reports each step, so it is given up on only when it has said
 * nothing for this long.
 */
const SERVER_SILENCE_LIMIT_MS = 180_000

/** Runs a command to completion, failing with its output. */
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', fail)
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`))))
  })
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))))
    })
  })
}

export async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  let lastOutput = output()
  let deadline = Date.now() + SERVER_SILENCE_LIMIT_MS
  while (Date.now() < deadline) {
    if (output() !== lastOutput) {
      lastOutput = output()
      deadline = Date.now() + SERVER_SILENCE_LIMIT_MS
    }
    if (server.exitCode !== null) throw new Error(`The server exited (code ${server.exitCode}) before it was ready:\n${output()}`)
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (healthy) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`The server said nothing for ${SERVER_SILENCE_LIMIT_MS / 1000} s and did not answer /api/health:\n${output()}`)
}

export function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve()
  return new Promise((done) => {
    // SIGTERM lets the embedded database close cleanly; SIGKILL only if it hangs.
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000)
    server.once('exit', () => {
      clearTimeout(force)
      done()
    })
    server.kill('SIGTERM')
  })
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromiumInstalled()
  if (!existsSync(serverEntry)) throw new Error(`The end-to-end tests drive the real server, but ${serverEntry} does not exist yet.`)

  // In its own process: vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  // Into a folder of this run's own, so that two runs at once (or a running app) never share a build.
  const vite = join(webDir, 'node_modules/vite/bin/vite.js')
  const webDist = await mkdtemp(join(tmpdir(), 'census-e2e-web-'))
  await run(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', webDist, '--emptyOutDir'], { cwd: webDir, env: { ...process.env, NODE_ENV: 'production' } })

  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'census-e2e-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, WEB_DIST: webDist }
  // Always the fresh embedded database and the offline map, whatever the developer's shell has set.
  delete env['DATABASE_URL']
  delete env['BASEMAP_URL']
  const server = spawn(process.execPath, ['--import', 'tsx', serverEntry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))

  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(baseUrl, server, () => log)
  } catch (error) {
    await stop(server)
    await Promise.all([dataDir, webDist].map((dir) => rm(dir, { recursive: true, force: true })))
    throw error
  }
  project.provide('baseUrl', baseUrl)

  return async () => {
    await stop(server)
    await Promise.all([dataDir, webDist].map((dir) => rm(dir, { recursive: true, force: true })))
  }
}
