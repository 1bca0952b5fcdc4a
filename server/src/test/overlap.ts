/** What tests ask of a level's coverage, in PostGIS itself rather than through the code under test. */
import { sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'

/** The area (m²) that siblings of a level (districts of a township, small areas of a district) share. */
export async function siblingOverlapM2(db: Executor, level: 'district' | 'small_area'): Promise<number> {
  const [table, parent] = level === 'district' ? [sql`district`, sql`township_code`] : [sql`small_area`, sql`district_code`]
  const [row] = await db.rows<{ area: number }>(sql`
    SELECT coalesce(sum(ST_Area(ST_Intersection(a.boundary, b.boundary)::geography)), 0) AS area
    FROM ${table} a JOIN ${table} b ON b.${parent} = a.${parent} AND b.code > a.code AND a.boundary && b.boundary
    WHERE ST_Relate(a.boundary, b.boundary, '2********')`)
  return Number(row!.area)
}
