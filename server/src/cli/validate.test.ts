/**
 * `pnpm --silent cli validate` as a script uses it: a child process on its own in-memory embedded
 * database, its JSON on stdout and its exit code (0 valid, 1 not, 2 unreadable input).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { paths } from '../env.ts'

const run = promisify(execFile)

async function validate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'server/src/cli/main.ts', 'validate', ...args], { cwd: paths.repoRoot })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const fixture = (name: string, file: string) => join(paths.fixtures, 'topology', name, file)

describe('cli validate', () => {
  it('prints the issues and exits 1 for an invalid coverage, 0 for a valid one, 2 for an unreadable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'census-validate-'))
    writeFileSync(join(dir, 'points.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 1 }, geometry: { type: 'Point', coordinates: [117.1, 35.05] } }] }))
    const [overlap, valid, unreadable, missing] = await Promise.all([
      validate(fixture('overlap', 'children.geojson'), '--parent', fixture('overlap', 'parent.geojson'), '--json'),
      validate(fixture('gap-narrower-than-tolerance', 'children.geojson'), '--gap-width', '0.1', '--json'),
      validate(join(dir, 'points.geojson'), '--json'),
      validate(join(dir, 'nothing-here.geojson'), '--json'),
    ])

    expect(overlap.code).toBe(1)
    const report = JSON.parse(overlap.stdout)
    expect(report.valid).toBe(false)
    expect(report.issues).toHaveLength(1)
    expect(report.issues[0]).toMatchObject({ type: 'overlap', severity: 'error', ids: ['a', 'b'], geometry: { type: 'Polygon' } })
    expect(Object.keys(report.issues[0]).sort()).toEqual(['areaM2', 'geometry', 'ids', 'severity', 'type'])

    // Without the parent the 0.18 m slot is open at both ends (no hole), and 0.1 m is too tight a gap width to call it a near miss.
    expect(valid.code, valid.stderr).toBe(0)
    expect(JSON.parse(valid.stdout)).toEqual({ valid: true, issues: [] })

    expect(unreadable.code).toBe(2)
    expect(unreadable.stderr).toContain('is not a Polygon or MultiPolygon')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot read')
  }, 240_000)
})
