import { sql, type SQL } from 'drizzle-orm'
import { countyOf, type ListQuery } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { geometryOut } from '../db/geometry.sql.ts'
import { featureCollectionText, oneFeature, scopeFilter } from './features.sql.ts'

function townshipFeatures(where: SQL): SQL {
  return sql`
    SELECT t.code, json_build_object('type', 'Feature', 'id', t.code, 'geometry', ${geometryOut(sql`t.boundary`)},
      'properties', json_build_object('code', t.code, 'name', t.name, 'kind', t.kind,
        'expectedBuildings', t.expected_buildings, 'version', t.version)) AS feature
    FROM township t WHERE ${where}`
}

export function listTownships(tx: Executor, query: ListQuery): Promise<string> {
  return featureCollectionText(tx, townshipFeatures(scopeFilter(query, { county: sql`t.county_code`, township: sql`t.code`, geometry: sql`t.boundary` })))
}

export function readTownship(tx: Executor, code: string): Promise<unknown> {
  return oneFeature(tx, townshipFeatures(sql`t.county_code = ${countyOf(code)} AND t.code = ${code}`))
}
