/**
 * Loads a generated city into the database the way the campaign happened: the official lists first,
 * then each day's drawing and marking as its own transaction, backdated to that day, so the history
 * (and every report computed from it) shows the campaign unfolding. Bulk rows travel by COPY into
 * staging tables, then INSERT … SELECT through the normal tables and their history trigger.
 */
import { sql } from 'drizzle-orm'
import type { MultiPolygon } from 'geojson'
import { atChinaHour, chinaDayOf } from '@census/shared'
import type { Database } from '../db/client.ts'
import type { DemoCity } from './generate.ts'

const AUTHOR = 'demo'

/** COPY text format: tab-separated, \N for null; our values never hold tabs, newlines or backslashes. */
function tsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map((v) => (v === null ? '\\N' : String(v))).join('\t')).join('\n') + '\n'
}

function geo(g: MultiPolygon | null): string | null {
  return g === null ? null : JSON.stringify(g)
}

/**
 * The bucket a change is recorded under: 17:00 China time of its day (the office reports "as of
 * 17:00"), but never later than the load itself, so today's work is not stamped in the future.
 */
function bucketOf(iso: string, loadedAt: Date): string {
  const fivePm = atChinaHour(chinaDayOf(new Date(iso)), 17)
  return (fivePm < loadedAt ? fivePm : loadedAt).toISOString()
}

const STAGING = `
  DROP TABLE IF EXISTS demo_stage_district, demo_stage_small_area, demo_stage_building;
  CREATE UNLOGGED TABLE demo_stage_district (code text, boundary text, status text, day timestamptz);
  CREATE UNLOGGED TABLE demo_stage_small_area (code text, district_code text, boundary text, status text, enumerator text, day timestamptz);
  CREATE UNLOGGED TABLE demo_stage_building (code text, district_code text, lon float8, lat float8, use text, floors int,
                                             households int, address text, day timestamptz);
`

export interface LoadProgress {
  (message: string): void
}

export interface LoadOptions {
  /** The dataset's name in dataset_load, e.g. "demo:tengzhou-campaign". */
  dataset: string
  countyName: string
  countyOutline: MultiPolygon | null
  /** When the official lists were loaded: the first entry of every history. */
  campaignStart: Date
  /** The county's deadline for the drawing stage, a China day ("2026-08-15"); none: the office sets it. */
  deadline?: string
}

export async function loadCity(db: Database, city: DemoCity, options: LoadOptions, progress: LoadProgress = () => {}): Promise<void> {
  const county = city.countyCode
  const { dataset: name, campaignStart } = options
  const loadedAt = new Date()
  const dayOf = (iso: string) => bucketOf(iso, loadedAt)
  await db.rows(sql`INSERT INTO dataset_load (county_code, name) VALUES (${county}, ${name})`)

  await db.transaction(
    AUTHOR,
    async (tx) => {
      await tx.rows(sql`
        INSERT INTO county (county_code, name, boundary, deadline, updated_by)
        VALUES (${county}, ${options.countyName}, ST_SetSRID(ST_GeomFromGeoJSON(${geo(options.countyOutline)}), 4326), ${options.deadline ?? null}, ${AUTHOR})`)
      for (const t of city.townships) {
        await tx.rows(sql`
          INSERT INTO township (county_code, code, name, kind, boundary, expected_buildings, expected_buildings_on, updated_by)
          VALUES (${county}, ${t.code}, ${t.name}, ${t.kind}, ST_SetSRID(ST_GeomFromGeoJSON(${geo(t.boundary)}), 4326),
                  ${t.expectedBuildings}, ${chinaDayOf(campaignStart)}, ${AUTHOR})`)
      }
    },
    campaignStart,
  )
  progress(`townships: ${city.townships.length}`)

  await db.exec(STAGING)
  await db.copyIn('demo_stage_district', ['code', 'boundary', 'status', 'day'], tsv(city.districts.map((d) => [d.code, geo(d.boundary), d.status, d.drawnAt && dayOf(d.drawnAt)])))
  await db.copyIn(
    'demo_stage_small_area',
    ['code', 'district_code', 'boundary', 'status', 'enumerator', 'day'],
    tsv(city.smallAreas.map((s) => [s.code, s.districtCode, geo(s.boundary), s.status, s.enumerator, dayOf(s.drawnAt)])),
  )
  const chunk = 100_000
  for (let i = 0; i < city.buildings.length; i += chunk) {
    await db.copyIn(
      'demo_stage_building',
      ['code', 'district_code', 'lon', 'lat', 'use', 'floors', 'households', 'address', 'day'],
      tsv(city.buildings.slice(i, i + chunk).map((b) => [b.code, b.districtCode, b.location[0], b.location[1], b.use, b.floors, b.households, b.address, dayOf(b.markedAt)])),
    )
  }
  await db.exec(`
    CREATE INDEX ON demo_stage_district (day); CREATE INDEX ON demo_stage_small_area (day); CREATE INDEX ON demo_stage_building (day);
    ANALYZE demo_stage_district; ANALYZE demo_stage_small_area; ANALYZE demo_stage_building;`)

  // The official list of districts exists from day one; drawing them is an update later.
  await db.transaction(
    AUTHOR,
    (tx) =>
      tx.rows(sql`
        INSERT INTO district (county_code, code, township_code, name, urban_rural_code, updated_by)
        SELECT ${county}, code, left(code, 9), name, urban_rural_code, ${AUTHOR}
        FROM json_to_recordset(${JSON.stringify(city.districts.map((d) => ({ code: d.code, name: d.name, urban_rural_code: d.urbanRuralCode })))}::json)
             AS d(code text, name text, urban_rural_code text)`),
    campaignStart,
  )
  progress(`districts: ${city.districts.length}`)

  const days = [...new Set([...city.districts.flatMap((d) => (d.drawnAt ? [dayOf(d.drawnAt)] : [])), ...city.smallAreas.map((s) => dayOf(s.drawnAt)), ...city.buildings.map((b) => dayOf(b.markedAt))])].sort()
  for (const [index, day] of days.entries()) {
    await db.transaction(
      AUTHOR,
      async (tx) => {
        await tx.rows(sql`
          UPDATE district d SET boundary = ST_SetSRID(ST_GeomFromGeoJSON(s.boundary), 4326), status = s.status,
                 version = d.version + 1, updated_at = s.day
          FROM demo_stage_district s
          WHERE d.county_code = ${county} AND d.code = s.code AND s.day = ${day}::timestamptz`)
        await tx.rows(sql`
          INSERT INTO small_area (county_code, code, district_code, boundary, enumerator, status, updated_at, updated_by)
          SELECT ${county}, code, district_code, ST_SetSRID(ST_GeomFromGeoJSON(boundary), 4326), enumerator, status, day, ${AUTHOR}
          FROM demo_stage_small_area WHERE day = ${day}::timestamptz`)
        // Each building is looked up among the small areas: with the table's statistics still those of
        // an empty one (autovacuum comes when it comes), the planner scans every small area for every
        // building, and a large city's load takes hours instead of minutes.
        await tx.rows(sql`ANALYZE small_area`)
        await tx.rows(sql`
          INSERT INTO building (county_code, code, district_code, small_area_code, location, use, floors, households, address, updated_at, updated_by)
          SELECT ${county}, b.code, b.district_code, sa.code, p.location, b.use, b.floors, b.households, b.address, b.day, ${AUTHOR}
          FROM demo_stage_building b
          CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(b.lon, b.lat), 4326) AS location) p
          LEFT JOIN LATERAL census_small_area_covering(${county}, b.district_code, p.location) sa ON true
          WHERE b.day = ${day}::timestamptz`)
      },
      new Date(day),
    )
    if (index % 10 === 9 || index === days.length - 1) progress(`campaign day ${index + 1}/${days.length}`)
  }
  await db.exec('DROP TABLE demo_stage_district, demo_stage_small_area, demo_stage_building; ANALYZE;')
  await db.rows(sql`UPDATE dataset_load SET finished_at = now() WHERE county_code = ${county} AND name = ${name}`)
}

export type DatasetState = 'absent' | 'loaded' | 'interrupted'

/**
 * A load stopped half-way (the process killed, the disk full) leaves part of a city behind: loading
 * it again on top would collide with what is there, so the folder or database must start afresh.
 */
export const INTERRUPTED_LOAD = {
  zh: '演示数据上次未加载完成，请删除数据目录（或数据库）后重试',
  en: 'The demo data load was interrupted last time: delete the data folder (or database) and try again',
} as const

export async function datasetState(db: Database, county: string, name: string): Promise<DatasetState> {
  const [row] = await db.rows<{ finished: boolean }>(sql`SELECT finished_at IS NOT NULL AS finished FROM dataset_load WHERE county_code = ${county} AND name = ${name}`)
  return row === undefined ? 'absent' : row.finished ? 'loaded' : 'interrupted'
}
