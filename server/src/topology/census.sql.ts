/**
 * The checks of the census tables for a scope: the city (county code), a township or a district.
 * A township's districts tile the township, a district's small areas tile the district, and the
 * buildings of the scope each lie in one small area.
 */
import { sql, type SQL } from 'drizzle-orm'
import { CODE_LENGTH, countFindings, countyOf, toFinding, TOPOLOGY_DEFAULTS, type FindingCounts, type FindingFacts, type TopologyFinding, type TopologyOptions } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { countyRevision } from '../store/county.store.ts'
import { townshipRevision } from '../store/townships.store.ts'
import { buildingFacts } from './buildings.sql.ts'
import { coverageFacts, unsettledParents, type Coverage } from './coverage.sql.ts'
import { withoutJit } from '../db/geometry.sql.ts'

/** A township's drawn districts against its outline (all townships of the county without one). */
export function townshipCoverage(county: string, township: string | null): Coverage {
  const only = (column: SQL) => (township ? sql`AND ${column} = ${township}` : sql``)
  return {
    children: sql`SELECT d.township_code AS parent_id, d.code AS id, d.boundary AS geom FROM district d
                  WHERE d.county_code = ${county} ${only(sql`d.township_code`)} AND d.boundary IS NOT NULL`,
    parents: sql`SELECT t.code AS id, t.boundary AS geom FROM township t
                 WHERE t.county_code = ${county} ${only(sql`t.code`)} AND t.boundary IS NOT NULL`,
    bounded: true,
  }
}

/** The small areas of each drawn district in scope against the district's outline. */
export function districtCoverage(county: string, scope: { township?: string; district?: string }): Coverage {
  const smallAreas = scope.district ? sql`AND s.district_code = ${scope.district}` : scope.township ? sql`AND s.township_code = ${scope.township}` : sql``
  const districts = scope.district ? sql`AND d.code = ${scope.district}` : scope.township ? sql`AND d.township_code = ${scope.township}` : sql``
  return {
    children: sql`SELECT s.district_code AS parent_id, s.code AS id, s.boundary AS geom FROM small_area s WHERE s.county_code = ${county} ${smallAreas}`,
    parents: sql`SELECT d.code AS id, d.boundary AS geom FROM district d WHERE d.county_code = ${county} ${districts} AND d.boundary IS NOT NULL`,
    bounded: true,
  }
}

/** The township a scope lies in: itself, or a district's; none for the city. */
function townshipOfScope(scope: string): string | null {
  return scope.length >= CODE_LENGTH.township ? scope.slice(0, CODE_LENGTH.township) : null
}

/**
 * Every finding in a scope; run it in a transaction (it only reads, see withoutJit). For a district
 * this includes the township-level findings that involve it (its overlaps and near misses with
 * neighbouring districts, the gaps it borders).
 */
export async function censusFindings(tx: Executor, scope: string, options: TopologyOptions = TOPOLOGY_DEFAULTS): Promise<TopologyFinding[]> {
  const county = countyOf(scope)
  const township = townshipOfScope(scope)
  const district = scope.length === CODE_LENGTH.district ? scope : null
  const facts: FindingFacts[] = []
  await withoutJit(tx)

  const townshipLevel = await coverageFacts(tx, townshipCoverage(county, township), options.nearMissM)
  facts.push(...(district ? townshipLevel.filter((f) => f.codes.includes(district)) : townshipLevel))
  const smallAreas = districtCoverage(county, district ? { district } : township ? { township } : {})
  // The building checks lean on the same proof (see onBoundary), so it is found once.
  const unsettled = await unsettledParents(tx, smallAreas)
  facts.push(...(await coverageFacts(tx, smallAreas, options.nearMissM, unsettled)))

  const within = (prefix: string) =>
    district ? sql`${sql.raw(prefix)}.county_code = ${county} AND ${sql.raw(prefix)}.district_code = ${district}`
    : township ? sql`${sql.raw(prefix)}.county_code = ${county} AND ${sql.raw(prefix)}.township_code = ${township}`
    : sql`${sql.raw(prefix)}.county_code = ${county}`
  facts.push(...(await buildingFacts(tx, { buildings: within('b'), smallAreas: within('s'), unsettled }, options)))
  return facts.map((f) => toFinding(f, options))
}

export interface TownshipSummary {
  township: string
  counts: FindingCounts
  errors: number
  warnings: number
}

/** Counts per township of the whole city: what the progress report shows beside each township. */
export async function citySummary(tx: Executor, county: string, options: TopologyOptions = TOPOLOGY_DEFAULTS): Promise<TownshipSummary[]> {
  const findings = await censusFindings(tx, county, options)
  const townships = await tx.rows<{ code: string }>(sql`SELECT code FROM township WHERE county_code = ${county} ORDER BY code`)
  return townships.map(({ code }) => {
    const mine = findings.filter((f) => (f.parent ?? f.codes[0] ?? '').startsWith(code))
    return {
      township: code,
      counts: countFindings(mine),
      errors: mine.filter((f) => f.severity === 'error').length,
      warnings: mine.filter((f) => f.severity === 'warning').length,
    }
  })
}

/**
 * A value derived from rows of a county, as stored at a revision of the rows it reads (migrations/0005,
 * 0007): a few milliseconds while none of them changed; otherwise computed (seconds) and stored. The
 * revision N is read first, so what is computed shows every change up to N (and maybe some committed
 * meanwhile); it is served again only while N is the revision, when no later change exists.
 */
async function atRevision<T>(
  tx: Executor,
  revisionNow: () => Promise<number>,
  stored: { read: (revision: number) => SQL; write: (revision: number, value: T) => SQL },
  compute: () => Promise<T>,
): Promise<{ revision: number; value: T }> {
  const revision = await revisionNow()
  const [found] = await tx.rows<{ value: T }>(stored.read(revision))
  if (found) return { revision, value: found.value }
  const value = await compute()
  await tx.rows(stored.write(revision, value))
  return { revision, value }
}

/** The city's summary with the defaults (topology_summary). */
export async function storedCitySummary(tx: Executor, county: string): Promise<{ revision: number; townships: TownshipSummary[] }> {
  const { revision, value } = await atRevision<TownshipSummary[]>(
    tx,
    () => countyRevision(tx, county),
    {
      read: (revision) => sql`SELECT townships AS value FROM topology_summary WHERE county_code = ${county} AND revision = ${revision}`,
      // Never over one computed at a later revision by a request that started after this one.
      write: (revision, townships) => sql`
        INSERT INTO topology_summary AS t (county_code, revision, townships) VALUES (${county}, ${revision}, ${JSON.stringify(townships)}::json)
        ON CONFLICT (county_code) DO UPDATE SET revision = excluded.revision, townships = excluded.townships, computed_at = now()
        WHERE t.revision < excluded.revision`,
    },
    () => citySummary(tx, county),
  )
  return { revision, townships: value }
}

/**
 * The findings of a township or district with the defaults (topology_findings, migrations/0006), at the
 * township's revision: they read only its rows (censusFindings), so an edit elsewhere in the county
 * leaves them stored. The city's own scope goes by the county's revision.
 */
export async function storedFindings(tx: Executor, scope: string): Promise<TopologyFinding[]> {
  const county = countyOf(scope)
  const township = townshipOfScope(scope)
  const { value } = await atRevision<TopologyFinding[]>(
    tx,
    () => (township ? townshipRevision(tx, township) : countyRevision(tx, county)),
    {
      read: (revision) => sql`SELECT findings AS value FROM topology_findings WHERE county_code = ${county} AND scope = ${scope} AND revision = ${revision}`,
      write: (revision, findings) => sql`
        INSERT INTO topology_findings AS t (county_code, scope, revision, findings) VALUES (${county}, ${scope}, ${revision}, ${JSON.stringify(findings)}::json)
        ON CONFLICT (county_code, scope) DO UPDATE SET revision = excluded.revision, findings = excluded.findings, computed_at = now()
        WHERE t.revision < excluded.revision`,
    },
    () => censusFindings(tx, scope),
  )
  return value
}
