/**
 * The `topology` benchmark (issue 3), on a database that already holds a demo city
 * (`pnpm --silent cli load-demo --size tengzhou-complete`):
 * - the full validation of the city (every coverage, building and load check), median of 3 runs;
 * - each coverage check done our way (indexed, per parent) against the naive way (every pair of
 *   siblings through ST_Intersection, no index), and the ratio;
 * - the on-save check of one small area, and a whole save through the app (clip, write, history,
 *   re-derive buildings, findings), p50 and p95 over many small areas.
 */
// bench/ is no package of its own: drizzle comes from the server's, so its SQL values are the server's type.
import { sql } from '../server/node_modules/drizzle-orm/index.js'
import { createApp } from '../server/src/app.ts'
import type { Database } from '../server/src/db/client.ts'
import { censusFindings, districtCoverage } from '../server/src/topology/census.sql.ts'
import { smallAreaFindings } from '../server/src/topology/on-save.sql.ts'

function quantile(sorted: number[], q: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const value = await fn()
  return [performance.now() - t, value]
}

export async function benchTopology(db: Database, saves = 100): Promise<Record<string, number>> {
  const [county] = await db.rows<{ code: string }>(sql`SELECT county_code AS code FROM county LIMIT 1`)
  const numbers: Record<string, number> = {}

  const full: number[] = []
  for (let i = 0; i < 3; i++) {
    const [ms, findings] = await timed(() => db.transaction('bench', (tx) => censusFindings(tx, county!.code)))
    full.push(ms)
    numbers.findings = findings.length
  }
  numbers.fullValidationMedianMs = quantile(full.sort((a, b) => a - b), 0.5)

  // Overlaps of small areas, the check with a naive twin: ours joins siblings through the index.
  const coverage = districtCoverage(county!.code, {})
  const [indexedMs] = await timed(() =>
    db.rows(sql`SELECT count(*) FROM (${coverage.children}) a JOIN (${coverage.children}) b
                ON b.parent_id = a.parent_id AND b.id > a.id AND b.geom && a.geom
                WHERE ST_Relate(a.geom, b.geom, '2********')`),
  )
  const [naiveMs] = await timed(() =>
    db.rows(sql`SELECT count(*) FROM small_area a JOIN small_area b ON b.county_code = a.county_code AND b.district_code = a.district_code AND b.code > a.code
                WHERE a.county_code = ${county!.code} AND ST_Area(ST_Intersection(a.boundary, b.boundary)) > 0`),
  )
  numbers.overlapIndexedMs = +indexedMs.toFixed(1)
  numbers.overlapNaiveMs = +naiveMs.toFixed(1)
  numbers.naiveOverIndexedRatio = +(naiveMs / indexedMs).toFixed(1)

  // Spread over the city: every n-th small area.
  const all = await db.rows<{ code: string; district: string; version: number; boundary: unknown }>(
    sql`SELECT code, district_code AS district, version, ST_AsGeoJSON(boundary)::json AS boundary FROM small_area WHERE county_code = ${county!.code} ORDER BY code`,
  )
  const picked = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / saves)) === 0).slice(0, saves)
  const checks: number[] = []
  for (const s of picked) checks.push((await timed(() => db.transaction('bench', (tx) => smallAreaFindings(tx, s.code, s.district))))[0])
  checks.sort((a, b) => a - b)
  numbers.onSaveCheckP50Ms = quantile(checks, 0.5)
  numbers.onSaveCheckP95Ms = quantile(checks, 0.95)

  const app = createApp({ db })
  const writes: number[] = []
  for (const s of picked) {
    const [ms, response] = await timed(async () =>
      app.request(`/api/small-areas/${s.code}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'X-Census-User': 'bench' },
        body: JSON.stringify({ version: s.version, boundary: s.boundary }),
      }),
    )
    if (!response.ok) throw new Error(`PATCH ${s.code}: HTTP ${response.status} ${await response.text()}`)
    writes.push(ms)
  }
  writes.sort((a, b) => a - b)
  numbers.saveP50Ms = quantile(writes, 0.5)
  numbers.saveP95Ms = quantile(writes, 0.95)
  numbers.saves = picked.length
  return numbers
}
