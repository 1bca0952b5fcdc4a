/**
 * The completion report's counts, reconstructed for any moment from history: the townships as their
 * latest recorded images before that moment, and each township's counts as the sum of the effects
 * of every change up to it: whole days from report_day, the moment's own day from report_change
 * (see migrations/0003_report.sql). "Now" is the same query with the moment set to now, so live
 * and past figures cannot differ in definition, nor much in cost.
 */
import { sql } from 'drizzle-orm'
import { CHINA_OFFSET_MS, chinaDayStart, DAY_MS, type CompletionSeries, type TownshipTally } from '@census/shared'
import type { Executor } from '../db/client.ts'

export async function townshipTallies(tx: Executor, county: string, asOf: Date): Promise<TownshipTally[]> {
  const at = sql`${asOf.toISOString()}::timestamptz`
  return tx.rows<TownshipTally>(sql`
    WITH township_at AS (
      SELECT DISTINCT ON (code) code, operation, after
      FROM change_log
      WHERE county_code = ${county} AND entity = 'township' AND at <= ${at}
      ORDER BY code, at DESC, id DESC
    ), effects AS (
      SELECT township_code, districts, drawn, submitted, approved, returned, small_areas, buildings, households
      FROM report_day WHERE county_code = ${county} AND day < census_china_day(${at})
      UNION ALL
      SELECT township_code, districts, drawn, submitted, approved, returned, small_areas, buildings, households
      FROM report_change
      WHERE county_code = ${county} AND at <= ${at} AND at >= (census_china_day(${at})::timestamp - interval '8 hours') AT TIME ZONE 'UTC'
    ), counted AS (
      SELECT township_code, sum(districts)::int AS districts, sum(drawn)::int AS drawn, sum(submitted)::int AS submitted,
             sum(approved)::int AS approved, sum(returned)::int AS returned, sum(small_areas)::int AS small_areas,
             sum(buildings)::int AS buildings, sum(households)::int AS households
      FROM effects GROUP BY township_code
    )
    SELECT t.code, t.after->>'name' AS name,
           coalesce(c.districts, 0) AS "expectedDistricts", coalesce(c.drawn, 0) AS "drawnDistricts",
           coalesce(c.submitted, 0) AS "submittedDistricts", coalesce(c.approved, 0) AS "approvedDistricts",
           coalesce(c.returned, 0) AS "returnedDistricts", coalesce(c.small_areas, 0) AS "smallAreas",
           coalesce(c.buildings, 0) AS "buildingsMarked", coalesce(c.households, 0) AS households,
           (t.after->>'expected_buildings')::int AS "expectedBuildings", t.after->>'expected_buildings_on' AS "expectedBuildingsOn"
    FROM township_at t LEFT JOIN counted c ON c.township_code = t.code
    WHERE t.operation <> 'delete'
    ORDER BY t.code`)
}

/** Campaign days are China days: a day ends at 24:00 UTC+8, which is 16:00 UTC. */
function endOfChinaDay(at: number): number {
  return chinaDayStart(at) + DAY_MS
}

/**
 * Each township's drawn districts and marked buildings at the end of every China day from the first
 * recorded change to `until`, whose own point is `until` itself (the report as of then).
 */
export async function completionSeries(tx: Executor, county: string, until: Date): Promise<CompletionSeries> {
  const townships = await townshipTallies(tx, county, until)
  // A China date's start as epoch milliseconds of that date at 00:00 UTC: no session time zone involved.
  const daily = await tx.rows<{ township: string; day: number; drawn: number; buildings: number }>(sql`
    SELECT township_code AS township, (extract(epoch FROM day::timestamp) * 1000)::float8 AS day, drawn, buildings
    FROM report_day
    WHERE county_code = ${county} AND day < census_china_day(${until.toISOString()}::timestamptz)`)
  const [first] = await tx.rows<{ at: number | null }>(sql`
    SELECT (extract(epoch FROM min(at)) * 1000)::float8 AS at FROM change_log WHERE county_code = ${county}`)
  if (first?.at == null || townships.length === 0) return { days: [], townships: [] }

  const ends: number[] = []
  for (let end = endOfChinaDay(first.at); end < until.getTime(); end += DAY_MS) ends.push(end)
  const index = new Map(ends.map((end, i) => [end, i]))
  const perDay = new Map(townships.map((t) => [t.code, { drawn: ends.map(() => 0), marked: ends.map(() => 0) }]))
  for (const row of daily) {
    const series = perDay.get(row.township)
    const i = index.get(row.day + DAY_MS - CHINA_OFFSET_MS)
    if (!series || i === undefined) continue
    series.drawn[i]! += row.drawn
    series.marked[i]! += row.buildings
  }
  const cumulative = (xs: number[]) => xs.map(((sum) => (x: number) => (sum += x))(0))
  return {
    days: [...ends, until.getTime()].map((d) => new Date(d).toISOString()),
    townships: townships.map((t) => ({
      code: t.code,
      name: t.name,
      expectedDistricts: t.expectedDistricts,
      expectedBuildings: t.expectedBuildings,
      drawnDistricts: [...cumulative(perDay.get(t.code)!.drawn), t.drawnDistricts],
      buildingsMarked: [...cumulative(perDay.get(t.code)!.marked), t.buildingsMarked],
    })),
  }
}
