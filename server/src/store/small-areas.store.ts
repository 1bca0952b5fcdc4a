import { sql, type SQL } from 'drizzle-orm'
import { checkBelongsTo, countyOf, isVirtualSmallArea, nextSmallAreaCode, parentCode, type ListQuery, type OverlapPolicy, type SmallAreaBoundaries, type SmallAreaCreate, type SmallAreaUpdate } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { geometryOut, validityProblems } from '../db/geometry.sql.ts'
import { conflict, invalidInput, notFound } from '../http/errors.ts'
import { fitBoundary, shareVerticesWithNeighbours, smallAreaFindings, type SaveTopology } from '../topology/on-save.sql.ts'
import { changeVersioned, featureCollectionText, oneFeature, scopeFilter } from './features.sql.ts'

function smallAreaFeatures(where: SQL): SQL {
  return sql`
    SELECT s.code, json_build_object('type', 'Feature', 'id', s.code, 'geometry', ${geometryOut(sql`s.boundary`)},
      'properties', json_build_object('code', s.code, 'districtCode', s.district_code,
        'virtual', right(s.code, 3)::int >= 900, 'enumerator', s.enumerator, 'status', s.status,
        'households', coalesce(load.households, 0), 'buildings', coalesce(load.buildings, 0),
        'version', s.version, 'updatedAt', s.updated_at, 'updatedBy', s.updated_by)) AS feature
    FROM small_area s
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS buildings, sum(b.households)::int AS households
      FROM building b WHERE b.county_code = s.county_code AND b.small_area_code = s.code
    ) load ON true
    WHERE ${where}`
}

export function listSmallAreas(tx: Executor, query: ListQuery): Promise<string> {
  return featureCollectionText(
    tx,
    smallAreaFeatures(scopeFilter(query, { county: sql`s.county_code`, township: sql`s.township_code`, district: sql`s.district_code`, geometry: sql`s.boundary` })),
  )
}

export function readSmallArea(tx: Executor, code: string): Promise<unknown> {
  return oneFeature(tx, smallAreaFeatures(sql`s.county_code = ${countyOf(code)} AND s.code = ${code}`))
}

async function requireDrawnDistrict(tx: Executor, districtCode: string): Promise<void> {
  const [district] = await tx.rows<{ drawn: boolean }>(
    sql`SELECT boundary IS NOT NULL AS drawn FROM district WHERE county_code = ${countyOf(districtCode)} AND code = ${districtCode}`,
  )
  if (!district) throw notFound('district', districtCode)
  if (!district.drawn) {
    throw conflict({
      zh: `普查区“${districtCode}”还没有绘制边界，请先绘制普查区再划分普查小区`,
      en: `The district "${districtCode}" has no boundary yet; draw the district before its small areas`,
    })
  }
}

async function chooseCode(tx: Executor, input: SmallAreaCreate): Promise<string> {
  if (input.code) {
    const problem = checkBelongsTo('smallArea', input.code, input.districtCode)
    if (problem) throw invalidInput([{ path: 'code', message: problem }], 'invalid_code')
    if (isVirtualSmallArea(input.code) !== input.virtual) {
      throw invalidInput(
        [{ path: 'code', message: { zh: '虚拟普查小区的编码为 900–999，普通普查小区为 001–899', en: 'Virtual small areas are numbered 900–999, ordinary ones 001–899' } }],
        'invalid_code',
      )
    }
    return input.code
  }
  return freeSmallAreaCode(tx, input.districtCode, input.virtual)
}

/** The district's next free small-area code (shared `nextSmallAreaCode` over the codes in use); refused when none is left. */
export async function freeSmallAreaCode(tx: Executor, districtCode: string, virtual: boolean): Promise<string> {
  const taken = await tx.rows<{ code: string }>(
    sql`SELECT code FROM small_area WHERE county_code = ${countyOf(districtCode)} AND district_code = ${districtCode}`,
  )
  const code = nextSmallAreaCode(districtCode, taken.map((r) => r.code), virtual)
  if (!code) {
    throw conflict({ zh: `普查区“${districtCode}”的小区编码已用完`, en: `The district "${districtCode}" has no free small area codes left` })
  }
  return code
}

export async function assignBuildings(tx: Executor, districtCode: string): Promise<void> {
  await tx.rows(sql`SELECT census_assign_buildings(${countyOf(districtCode)}, ${districtCode})`)
}

/** The saved feature, with what was clipped off it, the topology findings that involve it, and the neighbours that took its vertices. */
async function readSaved(tx: Executor, code: string, clipped: SaveTopology['clipped'], neighbours: readonly string[]): Promise<unknown> {
  const topology: SaveTopology = {
    clipped,
    findings: await smallAreaFindings(tx, code, parentCode('smallArea', code)),
    neighbours: (await Promise.all(neighbours.map((n) => readSmallArea(tx, n)))) as SaveTopology['neighbours'],
  }
  return { ...((await readSmallArea(tx, code)) as object), topology }
}

export async function createSmallArea(tx: Executor, input: SmallAreaCreate, author: string, overlaps: OverlapPolicy = 'clip'): Promise<unknown> {
  const problems = await validityProblems(tx, input.boundary, 'boundary')
  if (problems.length > 0) throw invalidInput(problems, 'invalid_geometry')
  await requireDrawnDistrict(tx, input.districtCode)
  const code = await chooseCode(tx, input)
  const fitted = await fitBoundary(tx, 'smallArea', input.districtCode, null, input.boundary, overlaps)
  await tx.rows(sql`
    INSERT INTO small_area (county_code, code, district_code, boundary, enumerator, status, updated_by)
    VALUES (${countyOf(code)}, ${code}, ${input.districtCode}, ${fitted.boundary}::geometry, ${input.enumerator ?? null}, ${input.status}, ${author})`)
  const neighbours = await shareVerticesWithNeighbours(tx, 'smallArea', input.districtCode, [code], author, { whenInvalid: 'leave' })
  await assignBuildings(tx, input.districtCode)
  return readSaved(tx, code, fitted.clipped, neighbours)
}

export async function updateSmallArea(tx: Executor, code: string, change: SmallAreaUpdate, author: string, overlaps: OverlapPolicy = 'clip'): Promise<unknown> {
  const clipped = await writeSmallArea(tx, code, change, author, overlaps)
  let neighbours: string[] = []
  if (change.boundary) {
    const district = parentCode('smallArea', code)
    neighbours = await shareVerticesWithNeighbours(tx, 'smallArea', district, [code], author, { whenInvalid: 'leave' })
    await assignBuildings(tx, district)
  }
  return readSaved(tx, code, clipped, neighbours)
}

/**
 * Boundaries of small areas of one district saved together, all or none, in the caller's
 * transaction: a border two of them share, moved on both sides. Each is checked, fitted and
 * version-checked as its PATCH would be, against the new shapes of those written before it (those
 * still to come are pending, not obstacles), so the batch cannot overlap itself; any stale version
 * refuses the lot (409 with that small area's current state). Returns them as saved, in order.
 */
export async function updateSmallAreaBoundaries(tx: Executor, changes: SmallAreaBoundaries, author: string, overlaps: OverlapPolicy = 'clip'): Promise<unknown[]> {
  const clipped: SaveTopology['clipped'][] = []
  for (const [i, { code, version, boundary }] of changes.entries()) {
    const pending = changes.slice(i + 1).map((c) => c.code)
    clipped.push(await writeSmallArea(tx, code, { version, boundary }, author, overlaps, pending, `[${i}].`))
  }
  const district = parentCode('smallArea', changes[0]!.code)
  // Each one's vertices go into the edges of the district's others, the batch's own excepted (they
  // were fitted to each other); a neighbour taking several is named by each, the last with its version.
  const sent = changes.map((c) => c.code)
  const neighbours: string[][] = []
  for (const { code } of changes) neighbours.push(await shareVerticesWithNeighbours(tx, 'smallArea', district, [code], author, { whenInvalid: 'leave', untouched: sent }))
  await assignBuildings(tx, district)
  const saved: unknown[] = []
  for (const [i, { code }] of changes.entries()) saved.push(await readSaved(tx, code, clipped[i]!, neighbours[i]!))
  return saved
}

/**
 * One small area's version-checked UPDATE, its boundary checked and fitted first; returns what the
 * fitting cut off. `pending` and `path` are a joint save's (see `updateSmallAreaBoundaries`).
 */
async function writeSmallArea(
  tx: Executor,
  code: string,
  change: SmallAreaUpdate,
  author: string,
  overlaps: OverlapPolicy,
  pending: readonly string[] = [],
  path = '',
): Promise<SaveTopology['clipped']> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${author}`]
  let clipped: SaveTopology['clipped'] = []
  if (change.boundary) {
    const problems = await validityProblems(tx, change.boundary, `${path}boundary`)
    if (problems.length > 0) throw invalidInput(problems, 'invalid_geometry')
    const fitted = await fitBoundary(tx, 'smallArea', parentCode('smallArea', code), code, change.boundary, overlaps, pending)
    clipped = fitted.clipped
    sets.push(sql`boundary = ${fitted.boundary}::geometry`)
  }
  if (change.enumerator !== undefined) sets.push(sql`enumerator = ${change.enumerator}`)
  if (change.status) sets.push(sql`status = ${change.status}`)
  await changeVersioned(
    tx,
    'small_area',
    code,
    change.version,
    sql`UPDATE small_area SET ${sql.join(sets, sql`, `)}
        WHERE county_code = ${countyOf(code)} AND code = ${code} AND version = ${change.version} RETURNING code`,
    readSmallArea,
  )
  return clipped
}

export async function deleteSmallArea(tx: Executor, code: string, version: number): Promise<void> {
  await changeVersioned(
    tx,
    'small_area',
    code,
    version,
    sql`DELETE FROM small_area WHERE county_code = ${countyOf(code)} AND code = ${code} AND version = ${version} RETURNING code`,
    readSmallArea,
  )
  await assignBuildings(tx, parentCode('smallArea', code))
}
