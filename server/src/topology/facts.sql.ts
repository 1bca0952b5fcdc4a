/** How a check's rows become findings' facts: every check selects the same columns. */
import { sql, type SQL } from 'drizzle-orm'
import type { Geometry } from 'geojson'
import type { FindingFacts } from '@census/shared'
import type { Executor } from '../db/client.ts'

/**
 * A check is a query of `(type, parent, codes text[], geometry json, area_m2, distance_m,
 * households)`; `geometryOut()` (db/geometry.sql.ts) writes its geometry column.
 */
interface FactRow {
  type: FindingFacts['type']
  parent: string | null
  codes: string[]
  geometry: Geometry | null
  area_m2: number | null
  distance_m: number | null
  households: number | null
}

/** Runs the checks one after the other; facts come back in check order, then by parent and codes. */
export async function collectFacts(tx: Executor, checks: SQL[]): Promise<FindingFacts[]> {
  const facts: FindingFacts[] = []
  for (const check of checks) {
    const rows = await tx.rows<FactRow>(sql`SELECT * FROM (${check}) f ORDER BY f.parent, f.codes`)
    for (const r of rows) {
      facts.push({
        type: r.type,
        parent: r.parent,
        codes: r.codes,
        geometry: r.geometry,
        areaM2: r.area_m2 === null ? null : Number(r.area_m2),
        distanceM: r.distance_m === null ? null : Number(r.distance_m),
        ...(r.households === null || r.households === undefined ? {} : { households: r.households }),
      })
    }
  }
  return facts
}
