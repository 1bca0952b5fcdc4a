import { sql, type SQL } from 'drizzle-orm'
import type { Position } from 'geojson'
import { checkFootprint, countyOf, nextBuildingCode, type BuildingCreate, type BuildingUpdate, type ListQuery } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { geometryIn, geometryOut, validityProblems } from '../db/geometry.sql.ts'
import { conflict, invalidInput, notFound } from '../http/errors.ts'
import { changeVersioned, featureCollectionText, oneFeature, scopeFilter } from './features.sql.ts'

function buildingFeatures(where: SQL): SQL {
  return sql`
    SELECT b.code, json_build_object('type', 'Feature', 'id', b.code, 'geometry', ${geometryOut(sql`b.location`)},
      'properties', json_build_object('code', b.code, 'districtCode', b.district_code, 'smallAreaCode', b.small_area_code,
        'use', b.use, 'floors', b.floors, 'households', b.households, 'address', b.address, 'note', b.note,
        'footprint', ${geometryOut(sql`b.footprint`)},
        'version', b.version, 'updatedAt', b.updated_at, 'updatedBy', b.updated_by)) AS feature
    FROM building b WHERE ${where}`
}

export function listBuildings(tx: Executor, query: ListQuery): Promise<string> {
  return featureCollectionText(
    tx,
    buildingFeatures(scopeFilter(query, { county: sql`b.county_code`, township: sql`b.township_code`, district: sql`b.district_code`, geometry: sql`b.location` })),
  )
}

export function readBuilding(tx: Executor, code: string): Promise<unknown> {
  return oneFeature(tx, buildingFeatures(sql`b.county_code = ${countyOf(code)} AND b.code = ${code}`))
}

/**
 * A building's footprint, when traced, must be valid (PostGIS has the last word) and fit the
 * building's point (shared `checkFootprint`, which the create schema has checked already; an update
 * may send the footprint alone, so it is checked here against the point the building will have).
 */
async function requireValidFootprint(tx: Executor, footprint: BuildingCreate['footprint'], location: Position): Promise<void> {
  if (!footprint) return
  const problems = [...checkFootprint(footprint, location), ...(await validityProblems(tx, footprint, 'footprint'))]
  if (problems.length > 0) throw invalidInput(problems, 'invalid_geometry')
}

export async function createBuilding(tx: Executor, input: BuildingCreate, author: string): Promise<unknown> {
  await requireValidFootprint(tx, input.footprint, input.location.coordinates)
  const county = countyOf(input.districtCode)
  // Codes are never reused, even after a delete (a restored building gets its own back): the
  // highest code ever created in the district is in its history.
  const [district] = await tx.rows<{ highest: string | null }>(sql`
    SELECT (SELECT max(code) FROM change_log
            WHERE county_code = ${county} AND entity = 'building'
              AND code BETWEEN ${input.districtCode + '0000'} AND ${input.districtCode + '9999'}) AS highest
    FROM district WHERE county_code = ${county} AND code = ${input.districtCode}`)
  if (!district) throw notFound('district', input.districtCode)
  const code = nextBuildingCode(input.districtCode, district.highest)
  if (!code) throw conflict({ zh: `普查区“${input.districtCode}”的建筑物编码已用完`, en: `The district "${input.districtCode}" has no free building codes left` })
  const location = geometryIn(input.location)
  await tx.rows(sql`
    INSERT INTO building (county_code, code, district_code, small_area_code, location, footprint, use, floors, households, address, note, updated_by)
    VALUES (${county}, ${code}, ${input.districtCode}, (SELECT code FROM census_small_area_covering(${county}, ${input.districtCode}, ${location})), ${location},
            ${input.footprint ? geometryIn(input.footprint) : null}, ${input.use}, ${input.floors}, ${input.households},
            ${input.address}, ${input.note}, ${author})`)
  return readBuilding(tx, code)
}

export async function updateBuilding(tx: Executor, code: string, change: BuildingUpdate, author: string): Promise<unknown> {
  if (change.footprint) {
    const [row] = await tx.rows<{ x: number; y: number }>(
      sql`SELECT ST_X(location) AS x, ST_Y(location) AS y FROM building WHERE county_code = ${countyOf(code)} AND code = ${code}`,
    )
    if (!row) throw notFound('building', code)
    await requireValidFootprint(tx, change.footprint, change.location?.coordinates ?? [row.x, row.y])
  }
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${author}`]
  if (change.location) {
    const location = geometryIn(change.location)
    sets.push(sql`location = ${location}`, sql`small_area_code = (SELECT sa.code FROM census_small_area_covering(county_code, district_code, ${location}) sa)`)
    // A building dragged to where it really stands takes its outline along (SET reads the row as it was).
    if (change.footprint === undefined) sets.push(sql`footprint = ST_Translate(footprint, ST_X(${location}) - ST_X(location), ST_Y(${location}) - ST_Y(location))`)
  }
  if (change.footprint !== undefined) sets.push(sql`footprint = ${change.footprint ? geometryIn(change.footprint) : null}`)
  if (change.use) sets.push(sql`use = ${change.use}`)
  if (change.floors !== undefined) sets.push(sql`floors = ${change.floors}`)
  if (change.households !== undefined) sets.push(sql`households = ${change.households}`)
  if (change.address !== undefined) sets.push(sql`address = ${change.address}`)
  if (change.note !== undefined) sets.push(sql`note = ${change.note}`)
  await changeVersioned(
    tx,
    'building',
    code,
    change.version,
    sql`UPDATE building SET ${sql.join(sets, sql`, `)}
        WHERE county_code = ${countyOf(code)} AND code = ${code} AND version = ${change.version} RETURNING code`,
    readBuilding,
  )
  return readBuilding(tx, code)
}

export async function deleteBuilding(tx: Executor, code: string, version: number): Promise<void> {
  await changeVersioned(
    tx,
    'building',
    code,
    version,
    sql`DELETE FROM building WHERE county_code = ${countyOf(code)} AND code = ${code} AND version = ${version} RETURNING code`,
    readBuilding,
  )
}
