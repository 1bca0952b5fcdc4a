/**
 * A city small enough to reason about in a test: one township of 北辛街道 as a 0.1° × 0.05° box,
 * the pilot district 汤庄居委会 drawn on its western half and split into two small areas, its
 * eastern neighbour not yet drawn, and five buildings. Loaded with the real demo loader.
 */
import type { MultiPolygon, Position } from 'geojson'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../app.ts'
import type { Database } from '../db/client.ts'
import type { DemoCity } from '../demo/generate.ts'
import { loadCity, type LoadOptions } from '../demo/load.ts'
import { apiClient } from './api-client.ts'
import { openTestDatabase, type TestDatabase } from './database.ts'

export function box(west: number, south: number, east: number, north: number): MultiPolygon {
  const ring: Position[] = [[west, south], [east, south], [east, north], [west, north], [west, south]]
  return { type: 'MultiPolygon', coordinates: [[ring]] }
}

export const TINY = {
  county: '370481',
  township: '370481003',
  district: '370481003038',
  undrawnDistrict: '370481003001',
  westSmallArea: '370481003038001',
  eastSmallArea: '370481003038002',
} as const

const at = '2026-10-20T03:00:00Z'

export const tinyCity: DemoCity = {
  countyCode: TINY.county,
  townships: [{ code: TINY.township, name: '北辛街道', kind: 'subdistrict', boundary: box(117.1, 35.05, 117.2, 35.1), expectedBuildings: 10 }],
  districts: [
    { code: TINY.district, name: '汤庄居委会', townshipCode: TINY.township, urbanRuralCode: '112', boundary: box(117.1, 35.05, 117.15, 35.1), status: 'drawn', drawnAt: at },
    { code: TINY.undrawnDistrict, name: '北辛村委会', townshipCode: TINY.township, urbanRuralCode: '220', boundary: null, status: 'not_started', drawnAt: null },
  ],
  smallAreas: [
    { code: TINY.westSmallArea, districtCode: TINY.district, boundary: box(117.1, 35.05, 117.125, 35.1), status: 'drawn', enumerator: '张三', drawnAt: at },
    { code: TINY.eastSmallArea, districtCode: TINY.district, boundary: box(117.125, 35.05, 117.15, 35.1), status: 'drawn', enumerator: null, drawnAt: at },
  ],
  buildings: [
    { code: '3704810030380001', districtCode: TINY.district, location: [117.11, 35.06], use: 'residential', floors: 2, households: 1, address: '汤庄 1 号', markedAt: at },
    { code: '3704810030380002', districtCode: TINY.district, location: [117.111, 35.061], use: 'residential', floors: 6, households: 24, address: '汤庄 2 号楼', markedAt: at },
    { code: '3704810030380003', districtCode: TINY.district, location: [117.112, 35.07], use: 'non_residential', floors: 1, households: 0, address: '汤庄小学', markedAt: at },
    { code: '3704810030380004', districtCode: TINY.district, location: [117.13, 35.08], use: 'mixed', floors: 3, households: 2, address: '汤庄 4 号', markedAt: at },
    { code: '3704810030380005', districtCode: TINY.district, location: [117.14, 35.09], use: 'residential', floors: 1, households: 1, address: '汤庄 5 号', markedAt: at },
  ],
}

export const TINY_LOAD: LoadOptions = {
  dataset: 'test:tiny',
  countyName: '滕州市',
  countyOutline: box(117.0, 35.0, 117.3, 35.2),
  campaignStart: new Date('2026-10-01T00:00:00Z'),
  deadline: '2026-11-15',
}

export interface TinyCityApp {
  /** Set once the file's `beforeAll` ran. */
  db: Database
  api: ReturnType<typeof apiClient>
}

/**
 * Gives the calling test file a database of its own with the tiny city loaded and the real app's
 * API over it (in-process), disposed after the file. Register further set-up in a later `beforeAll`.
 */
export function useTinyCityApp(): TinyCityApp {
  const city = {} as TinyCityApp & { testDb: TestDatabase }
  beforeAll(async () => {
    city.testDb = await openTestDatabase()
    city.db = city.testDb.db
    await loadCity(city.db, tinyCity, TINY_LOAD)
    city.api = apiClient(createApp({ db: city.db }))
  })
  afterAll(() => city.testDb.dispose())
  return city
}
