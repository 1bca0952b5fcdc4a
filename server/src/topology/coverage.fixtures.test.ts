/**
 * Every folder of fixtures/topology is a case: children.geojson, an optional parent.geojson, and
 * expected.json listing exactly the findings (type, severity, ids, and area or distance within 2 %
 * or 2 cm). Adding a case is adding a folder. Runs on whichever database the suite targets, and
 * compares the near-miss and overlap findings with PostGIS 3.4+'s ST_CoverageInvalidEdges.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileReport, readFeatureCollection, TOPOLOGY_DEFAULTS, type FileFeature, type TopologyFinding } from '@census/shared'
import { paths } from '../env.ts'
import { type Database, openEmbedded } from '../db/client.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { checkFiles } from './file-check.ts'

interface ExpectedIssue {
  type: string
  severity: string
  ids: string[]
  areaM2?: number
  distanceM?: number
}

const root = join(paths.fixtures, 'topology')
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'children.geojson'))).sort()

function features(file: string, role: 'children' | 'parent'): FileFeature[] {
  const reading = readFeatureCollection(JSON.parse(readFileSync(file, 'utf8')), role)
  if (!reading.ok) throw new Error(`${file}: ${reading.message.en}`)
  return reading.features
}

function load(name: string) {
  const dir = join(root, name)
  const parentFile = join(dir, 'parent.geojson')
  return {
    children: features(join(dir, 'children.geojson'), 'children'),
    parent: existsSync(parentFile) ? features(parentFile, 'parent')[0]! : null,
    expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { valid: boolean; issues: ExpectedIssue[] },
  }
}

const key = (f: { type: string; severity: string; ids: string[] }) => `${f.type}/${f.severity}/${f.ids.join(',')}`

let testDb: TestDatabase
/**
 * The second implementation: PostGIS 3.4+'s ST_CoverageInvalidEdges. Where the database under test
 * lacks it (Debian's 3.3), an embedded PGlite (3.6) answers instead, so the 3.3 path is checked too.
 */
let reference: Database

beforeAll(async () => {
  testDb = await openTestDatabase()
  const [row] = await testDb.db.rows<{ has: boolean }>(sql`SELECT to_regproc('st_coverageinvalidedges') IS NOT NULL AS has`)
  if (row!.has) {
    reference = testDb.db
  } else {
    reference = await openEmbedded('memory://')
    await reference.exec('CREATE EXTENSION postgis')
  }
}, 120_000)
afterAll(async () => {
  if (reference !== testDb.db) await reference.close()
  await testDb.dispose()
})

it('has cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(10)
})

describe.each(cases)('fixtures/topology/%s', (name) => {
  let findings: TopologyFinding[]
  const { children, parent, expected } = load(name)

  beforeAll(async () => {
    findings = await checkFiles(testDb.db, { children, parent })
  })

  it('finds exactly the expected issues', () => {
    const found = findings.map((f) => ({ ...f, ids: f.codes }))
    expect(found.map(key).sort()).toEqual(expected.issues.map(key).sort())
    for (const want of expected.issues) {
      const got = found.find((f) => key(f) === key(want))!
      if (want.areaM2 !== undefined) expect(got.areaM2! / want.areaM2, `area of ${key(want)}: ${got.areaM2}`).toBeCloseTo(1, 1.7)
      if (want.distanceM !== undefined) expect(Math.abs(got.distanceM! - want.distanceM), `distance of ${key(want)}: ${got.distanceM}`).toBeLessThan(0.02)
      expect(got.message.zh.length).toBeGreaterThan(0)
      expect(got.message.en.length).toBeGreaterThan(0)
      if (want.type !== 'invalid_geometry' || got.geometry) expect(got.geometry).not.toBeNull()
    }
    expect(fileReport(findings).valid).toBe(expected.valid)
  })

  it('agrees with ST_CoverageInvalidEdges', async () => {
    const valid = children.filter((c) => !findings.some((f) => f.type === 'invalid_geometry' && f.codes[0] === c.id))
    // The gap width is in degrees: the tolerance over a degree of latitude.
    const rows = await reference.rows<{ id: string }>(sql`
      SELECT id FROM (
        SELECT f->>'id' AS id, ST_CoverageInvalidEdges(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), ${TOPOLOGY_DEFAULTS.nearMissM / 111_320}) OVER () AS edges
        FROM json_array_elements(${JSON.stringify(valid)}::json) f) x
      WHERE edges IS NOT NULL ORDER BY id`)
    const ours = new Set(findings.filter((f) => ['overlap', 'near_miss', 'duplicate'].includes(f.type)).flatMap((f) => f.codes))
    expect([...ours].sort()).toEqual(rows.map((r) => r.id))
  })
})
