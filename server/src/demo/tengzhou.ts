/**
 * Reads the Tengzhou fixtures (fixtures/tengzhou/, see its SOURCES.md) into the generator's CitySource.
 * A malformed fixture is a bug in the repository, not a user mistake, so this throws.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MultiPolygon } from 'geojson'
import { checkBelongsTo, checkCode, townshipCodeFromNbs } from '@census/shared'
import type { CitySource } from './generate.ts'

export function loadTengzhouSource(fixturesDir: string): CitySource {
  const townships = readCsv(join(fixturesDir, 'townships.csv'), ['code', 'name']).map((row) => ({
    code: townshipCodeFromNbs(row.code!),
    name: row.name!,
    kind: row.name!.endsWith('街道') ? ('subdistrict' as const) : ('town' as const),
  }))
  const districts = readCsv(join(fixturesDir, 'villages.csv'), ['code', 'name', 'township_code', 'urban_rural_code']).map((row) => ({
    code: row.code!,
    name: row.name!,
    townshipCode: townshipCodeFromNbs(row.township_code!),
    urbanRuralCode: row.urban_rural_code === '' ? null : row.urban_rural_code!,
  }))

  const boundaryFile = join(fixturesDir, 'county-boundary.wgs84-from-gcj02.geojson')
  const collection = JSON.parse(readFileSync(boundaryFile, 'utf8')) as {
    features: { properties: { adcode: number; name: string }; geometry: MultiPolygon }[]
  }
  const county = collection.features[0]
  if (collection.features.length !== 1 || county?.geometry.type !== 'MultiPolygon') {
    throw new Error(`${boundaryFile}: expected one MultiPolygon feature`)
  }
  const countyCode = String(county.properties.adcode)

  for (const problem of [
    checkCode('county', countyCode),
    ...districts.map((d) => checkCode('district', d.code) ?? checkBelongsTo('district', d.code, d.townshipCode)),
    ...townships.map((t) => checkBelongsTo('township', t.code, countyCode)),
  ]) {
    if (problem) throw new Error(`${fixturesDir}: ${problem.en}`)
  }
  return { countyCode, countyName: county.properties.name, outline: county.geometry, townships, districts }
}

/**
 * The fixtures are plain CSV: a header, commas, no quoting (SOURCES.md). A quote would mean a field
 * with a comma in it, which this reader cannot split, so it refuses instead of guessing.
 */
function readCsv(file: string, required: string[]): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '')
  const header = lines[0]?.split(',') ?? []
  const missing = required.filter((column) => !header.includes(column))
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`)
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`${file}:${i + 2}: quoted fields are not supported`)
    const fields = line.replace(/\r$/, '').split(',')
    if (fields.length !== header.length) throw new Error(`${file}:${i + 2}: ${fields.length} fields, expected ${header.length}`)
    return Object.fromEntries(header.map((column, k) => [column, fields[k]!]))
  })
}
