/**
 * The coverage checks of 区不漏户 in PostGIS: the children of each parent must tile it with no gap,
 * no overlap and nothing outside. The same SQL checks a township's districts, a district's small
 * areas and a file's polygons (cli validate), and runs on PostGIS 3.3 as on 3.6: it uses no
 * ST_Coverage* function (those need 3.4; coverage.fixtures.test.ts compares with them where present).
 *
 * Every join between siblings is bounding-box indexed (`&&`) within one parent, never all pairs;
 * areas and distances are measured on the spheroid's sphere (geography), never in degrees.
 */
import { OVERLAY_GRID } from '../db/geometry.sql.ts'
import { sql, type SQL } from 'drizzle-orm'
import { TOPOLOGY_DEFAULTS, type FindingFacts } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { collectFacts, geojson } from './facts.sql.ts'

/**
 * What to check. Both are subqueries (not CTEs), so PostgreSQL can push filters into them and use
 * the tables' spatial indexes.
 */
export interface Coverage {
  /** Rows `(parent_id text, id text, geom geometry)`: the children, each valid. */
  children: SQL
  /** Rows `(id text, geom geometry)`: the outline each parent's children must tile. */
  parents: SQL
  /** False when `parents` is only the children's own filled union (a file without a parent). */
  bounded: boolean
}

/**
 * A metre in degrees, over-estimated for the bounding-box prefilters: a degree of longitude is
 * about 65 km at 54° N, the north of China; exact distances are then taken in metres.
 */
export function degreesCovering(metres: number): number {
  return metres / 65_000
}

/** Closer than this (metres) is the same point: the 7 decimals we keep are about 1 cm. */
const COINCIDENT_M = 0.001

/** Features closer than this (about 1 cm) are neighbours of a gap: below the 7 decimals we keep. */
const ADJACENT_DEGREES = 1e-7

/** Without a parent outline, a coverage is checked against its own union with the holes filled. */
export function filledUnion(children: SQL): SQL {
  return sql`
    SELECT parent_id AS id, ST_Union(ST_MakePolygon(ST_ExteriorRing(part)), ${OVERLAY_GRID}) AS geom
    FROM (SELECT parent_id, (ST_Dump(ST_Union(geom, ${OVERLAY_GRID}))).geom AS part FROM (${children}) c GROUP BY parent_id) parts
    GROUP BY parent_id`
}

/** Two siblings whose interiors meet: the shared part, or `duplicate` when they are the same shape. */
function overlaps({ children }: Coverage): SQL {
  return sql`
    SELECT CASE WHEN ST_Equals(a.geom, b.geom) THEN 'duplicate' ELSE 'overlap' END AS type, a.parent_id AS parent,
           ARRAY[a.id, b.id] AS codes, ${geojson(sql`x.shared`)} AS geometry, ST_Area(x.shared::geography) AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM (${children}) a
    JOIN (${children}) b ON b.parent_id = a.parent_id AND b.id > a.id AND b.geom && a.geom
    CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${OVERLAY_GRID}), 3) AS shared) x
    WHERE ST_Relate(a.geom, b.geom, '2********')`
}

/** Each part of a parent that no child covers, whatever its width, with the children around it. */
function gaps({ children, parents }: Coverage): SQL {
  return sql`
    SELECT 'gap' AS type, p.id AS parent,
           coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM (${children}) c
                     WHERE c.parent_id = p.id AND c.geom && ST_Expand(g.geom, ${ADJACENT_DEGREES}) AND ST_DWithin(c.geom, g.geom, ${ADJACENT_DEGREES})), '{}') AS codes,
           ${geojson(sql`g.geom`)} AS geometry, ST_Area(g.geom::geography) AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM (${parents}) p
    JOIN (SELECT parent_id, ST_Union(geom, ${OVERLAY_GRID}) AS geom FROM (${children}) c GROUP BY parent_id) u ON u.parent_id = p.id
    CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, u.geom, ${OVERLAY_GRID}), 3)) g`
}

/** The part of each child that lies outside its parent. */
function outsideParent({ children, parents }: Coverage): SQL {
  return sql`
    SELECT 'outside_parent' AS type, p.id AS parent, ARRAY[c.id] AS codes,
           ${geojson(sql`o.geom`)} AS geometry, ST_Area(o.geom::geography) AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM (${children}) c
    JOIN (${parents}) p ON p.id = c.parent_id
    CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Difference(c.geom, p.geom, ${OVERLAY_GRID}), 3) AS geom) o
    WHERE NOT ST_CoveredBy(c.geom, p.geom) AND NOT ST_IsEmpty(o.geom)`
}

/**
 * Neighbours whose edges almost coincide: a vertex of one within the tolerance of the other's
 * boundary that is not one of its vertices, either exactly on it (a T-junction: distance 0) or
 * with uncovered ground between them (a sliver: halfway to the neighbour, no sibling covers the
 * point, which the parent does). The halfway test keeps out the short edges of a valid coverage
 * near a junction of three areas or the parent's outline. This is what ST_CoverageInvalidEdges
 * (3.4+) reports, found on 3.3 as well. Siblings that overlap are left to the overlap finding, the
 * error to fix; distances under a millimetre are rounding of the coordinates, so they count as 0.
 */
function nearMisses({ children, parents, bounded }: Coverage, toleranceM: number): SQL {
  const box = degreesCovering(toleranceM)
  return sql`
    SELECT 'near_miss' AS type, min(a.parent_id) AS parent, ARRAY[least(a.id, b.id), greatest(a.id, b.id)] AS codes,
           ${geojson(sql`ST_Collect(DISTINCT v.geom ORDER BY v.geom)`)} AS geometry, NULL::float8 AS area_m2, max(v.d) AS distance_m, NULL::int AS households
    FROM (${children}) a
    JOIN (${children}) b ON b.parent_id = a.parent_id AND b.id <> a.id AND b.geom && ST_Expand(a.geom, ${box})
    CROSS JOIN LATERAL (SELECT ST_Boundary(b.geom) AS edge, ST_Boundary(b.geom)::geography AS metric_edge, ST_Points(b.geom) AS corners) n
    CROSS JOIN LATERAL (
      SELECT p.geom, CASE WHEN m.d < ${COINCIDENT_M} THEN 0 ELSE m.d END AS d, m.halfway
      FROM ST_DumpPoints(a.geom) p
      CROSS JOIN LATERAL (SELECT ST_Distance(p.geom::geography, n.metric_edge, false) AS d,
                                 ST_LineInterpolatePoint(ST_ShortestLine(p.geom, n.edge), 0.5) AS halfway) m
      WHERE p.geom && ST_Expand(b.geom, ${box}) AND ST_DWithin(p.geom, n.edge, ${box}) AND NOT ST_Intersects(p.geom, n.corners)
    ) v
    WHERE v.d <= ${toleranceM} AND NOT ST_Relate(a.geom, b.geom, '2********')
      AND (v.d = 0 OR (
        NOT EXISTS (SELECT 1 FROM (${children}) c WHERE c.parent_id = a.parent_id AND c.geom && v.halfway AND ST_Covers(c.geom, v.halfway))
        ${bounded ? sql`AND EXISTS (SELECT 1 FROM (${parents}) o WHERE o.id = a.parent_id AND ST_Covers(o.geom, v.halfway))` : sql``}))
    GROUP BY least(a.id, b.id), greatest(a.id, b.id)`
}

/** Runs every coverage check; the facts come back ordered by type, parent and codes. */
export function coverageFacts(tx: Executor, coverage: Coverage, toleranceM: number = TOPOLOGY_DEFAULTS.nearMissM): Promise<FindingFacts[]> {
  return collectFacts(tx, [overlaps(coverage), gaps(coverage), outsideParent(coverage), nearMisses(coverage, toleranceM)])
}
