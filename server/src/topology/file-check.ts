/**
 * Checks boundaries from a file (cli validate) with the same SQL as the census tables: the
 * polygons go into temporary tables that vanish with the transaction, so nothing is written.
 */
import { sql } from 'drizzle-orm'
import type { Point } from 'geojson'
import { checkPolygonal, problemLocation, toFinding, TOPOLOGY_DEFAULTS, type FileFeature, type FindingFacts, type TopologyFinding } from '@census/shared'
import type { Database } from '../db/client.ts'
import { GEOJSON_DECIMALS, withoutJit } from '../db/geometry.sql.ts'
import { coverageFacts, filledUnion } from './coverage.sql.ts'

/** The parent id findings carry when the file has no parent. */
const NO_PARENT = ''

export interface FileCheckInput {
  children: FileFeature[]
  parent: FileFeature | null
  toleranceM?: number
}

export class UnusableParent extends Error {}

function invalid(id: string, reason: FindingFacts['reason'], location: Point | null): FindingFacts {
  return { type: 'invalid_geometry', parent: null, codes: [id], geometry: location, areaM2: null, distanceM: null, reason }
}

export async function checkFiles(db: Database, { children, parent, toleranceM = TOPOLOGY_DEFAULTS.nearMissM }: FileCheckInput): Promise<TopologyFinding[]> {
  // The shared checks name the ring and vertex; what passes them goes to GEOS for the final word.
  const facts: FindingFacts[] = []
  const readable: FileFeature[] = []
  for (const f of children) {
    const [problem] = checkPolygonal(f.geometry, '')
    if (problem) facts.push(invalid(f.id, problem.message, problemLocation(f.geometry, problem.path)))
    else readable.push(f)
  }
  const parentProblem = parent ? checkPolygonal(parent.geometry, '')[0] : undefined
  if (parentProblem) throw new UnusableParent(`${parentProblem.message.zh} / ${parentProblem.message.en}`)

  const checked = await db.transaction('cli validate', async (tx) => {
    await withoutJit(tx)
    await tx.rows(sql`CREATE TEMP TABLE topology_child (parent_id text, id text, geom geometry, valid boolean, reason text, location geometry) ON COMMIT DROP`)
    await tx.rows(sql`
      INSERT INTO topology_child (parent_id, id, geom)
      SELECT ${NO_PARENT}, f->>'id', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
      FROM json_array_elements(${JSON.stringify(readable)}::json) f`)
    await tx.rows(sql`
      UPDATE topology_child SET (valid, reason, location) = (SELECT d.valid, d.reason, d.location FROM ST_IsValidDetail(geom) d)`)
    await tx.rows(sql`CREATE INDEX ON topology_child USING gist (geom)`)
    await tx.rows(sql`ANALYZE topology_child`)
    const invalidRows = await tx.rows<{ id: string; reason: string; location: Point | null }>(sql`
      SELECT id, reason, ST_AsGeoJSON(location, ${sql.raw(String(GEOJSON_DECIMALS))})::json AS location FROM topology_child WHERE NOT valid ORDER BY id`)
    const found = invalidRows.map((r) => invalid(r.id, { zh: `几何图形无效（${r.reason}）`, en: r.reason }, r.location))

    const validChildren = sql`SELECT parent_id, id, geom FROM topology_child WHERE valid`
    let parents = filledUnion(validChildren)
    if (parent) {
      await tx.rows(sql`CREATE TEMP TABLE topology_parent ON COMMIT DROP AS SELECT ${NO_PARENT}::text AS id, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parent.geometry)}), 4326) AS geom`)
      const [p] = await tx.rows<{ reason: string | null }>(sql`SELECT CASE WHEN NOT ST_IsValid(geom) THEN ST_IsValidReason(geom) END AS reason FROM topology_parent`)
      if (p?.reason) throw new UnusableParent(`上级边界无效 / the parent outline is invalid: ${p.reason}`)
      parents = sql`SELECT id, geom FROM topology_parent`
    }
    return [...found, ...(await coverageFacts(tx, { children: validChildren, parents, bounded: parent !== null }, toleranceM))]
  })
  const options = { ...TOPOLOGY_DEFAULTS, nearMissM: toleranceM }
  return [...facts, ...checked].map((f) => toFinding({ ...f, parent: null }, options))
}
