/**
 * The `topology` benchmark (issue 3), on a database that already holds a demo city (run.ts loads
 * it once and keeps it):
 * - the full validation of the city (every coverage, building and load check), median of 3 runs;
 * - the per-township summary of the dashboard, computed and as stored at the county's revision;
 * - the overlaps of small areas found the naive way (every pair of siblings through
 *   ST_Intersection, no bounding-box prefilter), pair by pair through the index (what the checks do
 *   where edges do not prove a district tiled), and our way (the proof by edges, then the pairs of
 *   the districts it leaves), with the ratios; all three must find the same pairs;
 * - the on-save check of one small area, and a whole save through the app (clip, write, history,
 *   re-derive buildings, findings), p50 and p95 over many small areas.
 */
import { loadavg } from 'node:os'
// bench/ is no package of its own: drizzle comes from the server's, so its SQL values are the server's type.
import { sql, type SQL } from '../server/node_modules/drizzle-orm/index.js'
import { createApp } from '../server/src/app.ts'
import type { Database } from '../server/src/db/client.ts'
import { OVERLAY_GRID, withoutJit } from '../server/src/db/geometry.sql.ts'
import { censusFindings, districtCoverage } from '../server/src/topology/census.sql.ts'
import { unsettledParents } from '../server/src/topology/coverage.sql.ts'
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
  const [sizes] = await db.rows<{ districts: number; smallAreas: number; buildings: number }>(sql`
    SELECT (SELECT count(*) FROM district)::int AS districts, (SELECT count(*) FROM small_area)::int AS "smallAreas", (SELECT count(*) FROM building)::int AS buildings`)
  // Other work on the machine slows every number here: its load is kept beside them.
  const numbers: Record<string, number> = { ...sizes!, loadAverageAtStart: +loadavg()[0]!.toFixed(1) }

  const full: number[] = []
  for (let i = 0; i < 3; i++) {
    const [ms, findings] = await timed(() => db.transaction('bench', (tx) => censusFindings(tx, county!.code)))
    full.push(ms)
    numbers.findings = findings.length
  }
  numbers.fullValidationMedianMs = quantile(full.sort((a, b) => a - b), 0.5)

  // The per-township summary the dashboard fetches, through the app: computed (nothing stored at the
  // county's revision: each run starts without it), then as stored (nothing changed since), median of each.
  const app = createApp({ db })
  const summary = async () => {
    const response = await app.request(`/api/topology/summary?county=${county!.code}`)
    if (!response.ok) throw new Error(`summary: HTTP ${response.status} ${await response.text()}`)
    return response.json()
  }
  const computed: number[] = []
  for (let i = 0; i < 3; i++) {
    await db.rows(sql`DELETE FROM topology_summary WHERE county_code = ${county!.code}`)
    computed.push((await timed(summary))[0])
  }
  const stored: number[] = []
  for (let i = 0; i < 10; i++) stored.push((await timed(summary))[0])
  numbers.summaryComputedMedianMs = quantile(computed.sort((a, b) => a - b), 0.5)
  numbers.summaryStoredMedianMs = quantile(stored.sort((a, b) => a - b), 0.5)

  // Overlaps of small areas, three ways, on the same data; each answers the pairs the overlap check reports.
  const coverage = districtCoverage(county!.code, {})
  const pairs = (rows: { a: string; b: string }[]) => rows.map((r) => `${r.a}/${r.b}`).sort().join(' ')
  // All three without JIT compilation, as the checks run (see withoutJit).
  const pairsOf = (query: SQL) => db.transaction('bench', async (tx) => (await withoutJit(tx), tx.rows<{ a: string; b: string }>(query)))
  // Naive: every pair of siblings overlaid (materialized, so none is skipped), then the same test as ours.
  const [naiveMs, naive] = await timed(() =>
    pairsOf(sql`WITH overlaid AS MATERIALIZED (
                  SELECT a.code AS a, b.code AS b, a.boundary AS ga, b.boundary AS gb, ST_Intersection(a.boundary, b.boundary, ${OVERLAY_GRID}) AS shared
                  FROM small_area a JOIN small_area b ON b.county_code = a.county_code AND b.district_code = a.district_code AND b.code > a.code
                  WHERE a.county_code = ${county!.code})
                SELECT a, b FROM overlaid WHERE ST_Relate(ga, gb, '2********') AND NOT ST_IsEmpty(ST_CollectionExtract(shared, 3))`),
  )
  const indexedPairs = (only: SQL) => sql`SELECT a.id AS a, b.id AS b FROM (${coverage.children}) a JOIN (${coverage.children}) b
                ON b.parent_id = a.parent_id AND b.id > a.id AND b.geom && a.geom
                WHERE ${only} AND ST_Relate(a.geom, b.geom, '2********')
                  AND NOT ST_IsEmpty(ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${OVERLAY_GRID}), 3))`
  const [indexedMs, indexed] = await timed(() => pairsOf(indexedPairs(sql`true`)))
  const [oursMs, ours] = await timed(() =>
    db.transaction('bench', async (tx) => {
      await withoutJit(tx)
      const unsettled = await unsettledParents(tx, coverage)
      numbers.districtsLeftByProof = unsettled.length
      return unsettled.length === 0 ? [] : tx.rows<{ a: string; b: string }>(indexedPairs(sql`a.parent_id IN ${unsettled}`))
    }),
  )
  if (pairs(naive) !== pairs(indexed) || pairs(naive) !== pairs(ours)) throw new Error(`the overlap checks disagree: ${pairs(naive)} | ${pairs(indexed)} | ${pairs(ours)}`)
  numbers.overlappingPairs = naive.length
  numbers.overlapNaiveMs = +naiveMs.toFixed(1)
  numbers.overlapIndexedMs = +indexedMs.toFixed(1)
  numbers.overlapOursMs = +oursMs.toFixed(1)
  numbers.naiveOverIndexedRatio = +(naiveMs / indexedMs).toFixed(1)
  numbers.naiveOverOursRatio = +(naiveMs / oursMs).toFixed(1)

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
  numbers.loadAverageAtEnd = +loadavg()[0]!.toFixed(1)
  return numbers
}
