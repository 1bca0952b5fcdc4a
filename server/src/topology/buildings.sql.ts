/**
 * The building half of 区不漏户: every building in exactly one small area of its district, no
 * building marked twice, and each small area a load one enumerator can carry.
 */
import { sql, type SQL } from 'drizzle-orm'
import { loadBounds, type FindingFacts, type TopologyOptions } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { degreesCovering } from './coverage.sql.ts'
import { geometryOut } from '../db/geometry.sql.ts'
import { collectFacts } from './facts.sql.ts'

/** Which buildings and small areas to check: conditions on the tables aliased `b` and `s`. */
export interface BuildingScope {
  buildings: SQL
  smallAreas: SQL
  /** The districts whose small areas are not proven to tile them (unsettledParents). */
  unsettled: string[]
}

/** In none of the small areas of a district that has some (an undivided district is not yet a fault). */
function outside(scope: BuildingScope): SQL {
  return sql`
    SELECT 'building_outside' AS type, b.district_code AS parent, ARRAY[b.code] AS codes, ${geometryOut(sql`b.location`)} AS geometry,
           NULL::float8 AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM building b
    WHERE ${scope.buildings} AND b.small_area_code IS NULL
      AND EXISTS (SELECT 1 FROM small_area s WHERE s.county_code = b.county_code AND s.district_code = b.district_code)`
}

/**
 * On the boundary of one or more small areas: which one it belongs to is a matter of rounding.
 * Where the small areas tile their district, a building is on a boundary exactly when it is not
 * inside the small area it was assigned to (inside it, any other boundary through it would be an
 * overlap): one point-in-polygon test per building finds the few, and the boundaries through them
 * are then looked up. Elsewhere the boundaries are cut into short pieces so that the location index
 * finds the few buildings near each piece.
 */
function onBoundary(scope: BuildingScope): SQL {
  const unsettled = scope.unsettled.length > 0 ? sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(scope.unsettled)}::json))` : sql`'{}'::text[]`
  // Materialized, or the planner turns it round into a search of every boundary.
  return sql`
    WITH off_centre AS MATERIALIZED (
      SELECT b.county_code, b.code, b.district_code, b.location
      FROM building b JOIN small_area own ON own.county_code = b.county_code AND own.code = b.small_area_code
      WHERE ${scope.buildings} AND NOT b.district_code = ANY(${unsettled}) AND NOT ST_Contains(own.boundary, b.location)
    )
    SELECT 'building_on_boundary' AS type, b.district_code AS parent, ARRAY[b.code] || array_agg(DISTINCT s.code ORDER BY s.code) AS codes,
           ${geometryOut(sql`b.location`)} AS geometry, NULL::float8 AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM off_centre b
    JOIN small_area s ON s.county_code = b.county_code AND s.district_code = b.district_code
                     AND s.boundary && b.location AND ST_Intersects(ST_Boundary(s.boundary), b.location)
    GROUP BY b.code, b.district_code, b.location
    UNION ALL
    SELECT 'building_on_boundary', b.district_code, ARRAY[b.code] || array_agg(DISTINCT s.code ORDER BY s.code),
           ${geometryOut(sql`b.location`)}, NULL::float8, NULL::float8, NULL::int
    FROM small_area s
    CROSS JOIN LATERAL ST_Subdivide(ST_Boundary(s.boundary), 16) piece
    JOIN building b ON b.county_code = s.county_code AND b.district_code = s.district_code
                   AND b.location && piece AND ST_Intersects(piece, b.location)
    WHERE ${scope.smallAreas} AND s.district_code = ANY(${unsettled})
    GROUP BY b.code, b.district_code, b.location`
}

/**
 * Pairs closer than the limit, measured in metres. Clustering the scope's locations first (one
 * pass with a tree inside PostGIS) is about three times faster than one index probe per building;
 * the pairs are then taken within each small cluster.
 */
function tooClose(scope: BuildingScope, metres: number): SQL {
  return sql`
    WITH near AS (
      SELECT * FROM (
        SELECT b.code, b.district_code, b.location, ST_ClusterDBSCAN(b.location, ${degreesCovering(metres)}, 2) OVER () AS cluster
        FROM building b WHERE ${scope.buildings}
      ) clustered WHERE cluster IS NOT NULL
    )
    SELECT 'buildings_too_close' AS type, b.district_code AS parent, ARRAY[b.code, o.code] AS codes,
           ${geometryOut(sql`ST_MakeLine(b.location, o.location)`)} AS geometry,
           NULL::float8 AS area_m2, ST_Distance(b.location::geography, o.location::geography, false) AS distance_m, NULL::int AS households
    FROM near b
    JOIN near o ON o.cluster = b.cluster AND o.code > b.code AND ST_DWithin(b.location::geography, o.location::geography, ${metres}, false)`
}

/**
 * Households per small area outside the target band (virtual small areas, 900–999, hold
 * institutions and may be small, so only the hard limit applies to them).
 */
function load(scope: BuildingScope, options: TopologyOptions): SQL {
  const { low, high, limit } = loadBounds(options)
  return sql`
    SELECT 'load' AS type, s.district_code AS parent, ARRAY[s.code] AS codes, ${geometryOut(sql`ST_PointOnSurface(s.boundary)`)} AS geometry,
           NULL::float8 AS area_m2, NULL::float8 AS distance_m, h.households
    FROM small_area s
    CROSS JOIN LATERAL (SELECT coalesce(sum(b.households), 0)::int AS households FROM building b
                        WHERE b.county_code = s.county_code AND b.small_area_code = s.code) h
    WHERE ${scope.smallAreas}
      AND (h.households > ${limit} OR (right(s.code, 3)::int < 900 AND (h.households < ${low} OR h.households > ${high})))`
}

export function buildingFacts(tx: Executor, scope: BuildingScope, options: TopologyOptions): Promise<FindingFacts[]> {
  return collectFacts(tx, [outside(scope), onBoundary(scope), tooClose(scope, options.buildingsTooCloseM), load(scope, options)])
}
