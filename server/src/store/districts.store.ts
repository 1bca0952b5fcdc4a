import { sql, type SQL } from 'drizzle-orm'
import { countyOf, parentCode, type DistrictUpdate, type ListQuery, type OverlapPolicy, type SaveTopology } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { geometryOut, validityProblems } from '../db/geometry.sql.ts'
import { conflict, invalidInput } from '../http/errors.ts'
import { districtSaveFindings, fitBoundary, refuseSmallAreasLeftOutside, shareDistrictVerticesWithSmallAreas, shareVerticesWithNeighbours } from '../topology/on-save.sql.ts'
import { changeVersioned, featureCollectionText, oneFeature, scopeFilter } from './features.sql.ts'
import { readSmallArea } from './small-areas.store.ts'

function districtFeatures(where: SQL): SQL {
  return sql`
    SELECT d.code, json_build_object('type', 'Feature', 'id', d.code, 'geometry', ${geometryOut(sql`d.boundary`)},
      'properties', json_build_object('code', d.code, 'name', d.name, 'townshipCode', d.township_code,
        'urbanRuralCode', d.urban_rural_code, 'status', d.status,
        'smallAreas', (SELECT count(*) FROM small_area s WHERE s.county_code = d.county_code AND s.district_code = d.code),
        'version', d.version,
        'updatedAt', d.updated_at, 'updatedBy', d.updated_by)) AS feature
    FROM district d WHERE ${where}`
}

export function listDistricts(tx: Executor, query: ListQuery): Promise<string> {
  return featureCollectionText(
    tx,
    districtFeatures(scopeFilter(query, { county: sql`d.county_code`, township: sql`d.township_code`, district: sql`d.code`, geometry: sql`d.boundary` })),
  )
}

export function readDistrict(tx: Executor, code: string): Promise<unknown> {
  return oneFeature(tx, districtFeatures(sql`d.county_code = ${countyOf(code)} AND d.code = ${code}`))
}

/**
 * Draws, redraws or removes a district's boundary and/or moves its status. A drawn boundary is
 * clipped against the township's other districts and its outline, as a small area's is in its
 * district (or refused with the overlaps, `overlaps`), and refused when it would leave some of the
 * district's small areas sticking out. Drawing an undrawn district makes it "drawn"; removing the
 * boundary makes it "not started", and is refused while small areas still lie in it (they would be
 * orphans). The other districts of the township take a saved boundary's vertices that lie on their
 * edges (a shared border has the same vertices on both sides), as small areas do in a district, and
 * pass them on to their small areas along it. A saved boundary comes back with what was clipped, the
 * districts and small areas that took its vertices, and the findings that involve it.
 */
export async function updateDistrict(tx: Executor, code: string, change: DistrictUpdate, author: string, overlaps: OverlapPolicy = 'clip'): Promise<unknown> {
  const county = countyOf(code)
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${author}`]
  let clipped: SaveTopology['clipped'] | null = null
  if (change.boundary) {
    const problems = await validityProblems(tx, change.boundary, 'boundary')
    if (problems.length > 0) throw invalidInput(problems, 'invalid_geometry')
    const fitted = await fitBoundary(tx, 'district', parentCode('district', code), code, change.boundary, overlaps)
    await refuseSmallAreasLeftOutside(tx, code, fitted.boundary)
    clipped = fitted.clipped
    sets.push(
      sql`boundary = ${fitted.boundary}::geometry`,
      sql`status = coalesce(${change.status ?? null}::text, CASE WHEN status = 'not_started' THEN 'drawn' ELSE status END)`,
    )
  } else if (change.boundary === null) {
    const [row] = await tx.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM small_area WHERE county_code = ${county} AND district_code = ${code}`)
    if (row && row.n > 0) {
      throw conflict({
        zh: `普查区“${code}”内还有 ${row.n} 个普查小区，请先删除或合并它们再删除边界`,
        en: `The district "${code}" still holds ${row.n} small areas; delete or merge them before removing its boundary`,
      })
    }
    sets.push(sql`boundary = NULL`, sql`status = 'not_started'`)
  } else if (change.status) {
    sets.push(sql`status = ${change.status}`)
  }
  await changeVersioned(
    tx,
    'district',
    code,
    change.version,
    sql`UPDATE district SET ${sql.join(sets, sql`, `)}
        WHERE county_code = ${county} AND code = ${code} AND version = ${change.version} RETURNING code`,
    readDistrict,
  )
  if (!clipped) return readDistrict(tx, code)
  const districts = await shareVerticesWithNeighbours(tx, 'district', parentCode('district', code), [code], author, { whenInvalid: 'leave' })
  const smallAreas = await shareDistrictVerticesWithSmallAreas(tx, [code, ...districts], author)
  const neighbours = [...(await Promise.all(districts.map((n) => readDistrict(tx, n)))), ...(await Promise.all(smallAreas.map((n) => readSmallArea(tx, n))))]
  const topology: SaveTopology = { clipped, findings: await districtSaveFindings(tx, code), neighbours: neighbours as SaveTopology['neighbours'] }
  return { ...((await readDistrict(tx, code)) as object), topology }
}
