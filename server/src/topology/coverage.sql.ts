/**
 * The coverage checks of 区不漏户 in PostGIS: the children of each parent must tile it with no gap,
 * no overlap and nothing outside. The same SQL checks a township's districts, a district's small
 * areas and a file's polygons (cli validate), and runs on PostGIS 3.3 as on 3.6: it uses no
 * ST_Coverage* function (those need 3.4; coverage.fixtures.test.ts compares with them where present).
 *
 * A parent whose children's edges prove that they tile it (see unsettledParents) has no finding and
 * is not looked at further; that is nearly every parent of a finished census, found in one pass over
 * the edges. The others go through every check: each join between siblings is bounding-box indexed
 * (`&&`) within one parent, never all pairs; areas and distances are measured on the spheroid's
 * sphere (geography), never in degrees.
 */
import { areaM2, geometryOut, OVERLAY_GRID } from '../db/geometry.sql.ts'
import { sql, type SQL } from 'drizzle-orm'
import { COORDINATE_GRID_DEGREES, TOPOLOGY_DEFAULTS, type FindingFacts } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { collectFacts } from './facts.sql.ts'

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
           ARRAY[a.id, b.id] AS codes, ${geometryOut(sql`x.shared`)} AS geometry, ${areaM2(sql`x.shared`)} AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM (${children}) a
    JOIN (${children}) b ON b.parent_id = a.parent_id AND b.id > a.id AND b.geom && a.geom
    CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${OVERLAY_GRID}), 3) AS shared) x
    -- Interiors that meet only below the grid (a clipped edge's vertices rounded onto it) share nothing at it: rounding, not an overlap.
    WHERE ST_Relate(a.geom, b.geom, '2********') AND NOT ST_IsEmpty(x.shared)`
}

/**
 * Each part of a parent that no child covers, whatever its width, with the children around it: those
 * closer to it than the coordinate grid (about 1 cm, below the 7 decimals we keep).
 */
function gaps({ children, parents }: Coverage): SQL {
  return sql`
    SELECT 'gap' AS type, p.id AS parent,
           coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM (${children}) c
                     WHERE c.parent_id = p.id AND c.geom && ST_Expand(g.geom, ${COORDINATE_GRID_DEGREES}) AND ST_DWithin(c.geom, g.geom, ${COORDINATE_GRID_DEGREES})), '{}') AS codes,
           ${geometryOut(sql`g.geom`)} AS geometry, ${areaM2(sql`g.geom`)} AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
    FROM (${parents}) p
    JOIN (SELECT parent_id, ST_Union(geom, ${OVERLAY_GRID}) AS geom FROM (${children}) c GROUP BY parent_id) u ON u.parent_id = p.id
    CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, u.geom, ${OVERLAY_GRID}), 3)) g`
}

/** The part of each child that lies outside its parent. */
function outsideParent({ children, parents }: Coverage): SQL {
  return sql`
    SELECT 'outside_parent' AS type, p.id AS parent, ARRAY[c.id] AS codes,
           ${geometryOut(sql`o.geom`)} AS geometry, ${areaM2(sql`o.geom`)} AS area_m2, NULL::float8 AS distance_m, NULL::int AS households
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
           ${geometryOut(sql`ST_Collect(DISTINCT v.geom ORDER BY v.geom)`)} AS geometry, NULL::float8 AS area_m2, max(v.d) AS distance_m, NULL::int AS households
    FROM (${children}) a
    JOIN (${children}) b ON b.parent_id = a.parent_id AND b.id <> a.id AND b.geom && ST_Expand(a.geom, ${box})
    CROSS JOIN LATERAL (SELECT ST_Boundary(b.geom) AS edge, ST_Points(b.geom) AS corners) n
    CROSS JOIN LATERAL (
      SELECT p.geom, CASE WHEN m.d < ${COINCIDENT_M} THEN 0 ELSE m.d END AS d, m.halfway
      FROM ST_DumpPoints(a.geom) p
      -- Edges are straight in lon/lat, as every overlay takes them: the distance is to the nearest point of
      -- that line, in metres. The distance to the edge as a geography would be to the great circle through
      -- its ends, which leaves the straight line by up to 0.15 m along a 5 km edge: a vertex exactly on a
      -- neighbour's long edge was called a 0.15 m near miss.
      CROSS JOIN LATERAL (SELECT ST_Distance(p.geom::geography, ST_ClosestPoint(n.edge, p.geom)::geography, false) AS d,
                                 ST_LineInterpolatePoint(ST_ShortestLine(p.geom, n.edge), 0.5) AS halfway) m
      WHERE p.geom && ST_Expand(b.geom, ${box}) AND ST_DWithin(p.geom, n.edge, ${box}) AND NOT ST_Intersects(p.geom, n.corners)
    ) v
    WHERE v.d <= ${toleranceM} AND NOT ST_Relate(a.geom, b.geom, '2********')
      AND (v.d = 0 OR (
        NOT EXISTS (SELECT 1 FROM (${children}) c WHERE c.parent_id = a.parent_id AND c.geom && v.halfway AND ST_Covers(c.geom, v.halfway))
        ${bounded ? sql`AND EXISTS (SELECT 1 FROM (${parents}) o WHERE o.id = a.parent_id AND ST_Covers(o.geom, v.halfway))` : sql``}))
    GROUP BY least(a.id, b.id), greatest(a.id, b.id)`
}

/**
 * The parents that their children are not proven to tile, which the checks must therefore look at.
 * The proof is by edges: with every ring turned counter-clockwise (holes clockwise), when each edge
 * of a child is matched by the reverse edge of a sibling or by the same edge of the parent, and each
 * edge of the parent by one of a child, the children's boundaries add up to the parent's; by their
 * winding numbers the children then cover every point of the parent once and nothing outside it: no
 * gap, no overlap, nothing outside, and no near miss (a vertex of one child on or near another's
 * edge would leave an edge unmatched, or ground between them uncovered). Edges match only bit for
 * bit (their WKB), so rounding never proves anything; what is not proven is merely checked. Children
 * of several parts or with holes prove nothing: a ring touching itself on a neighbour's edge is a
 * T-junction that matched edges do not show. Only for bounded coverages (a parent outline to match).
 */
export async function unsettledParents(tx: Executor, { children, parents }: Coverage): Promise<string[]> {
  const rows = await tx.rows<{ id: string }>(sql`
    WITH edge AS (
      SELECT c.parent_id, 1 AS side, ST_AsBinary(e.geom, 'NDR') AS wkb FROM (${children}) c, ST_DumpSegments(ST_ForcePolygonCCW(c.geom)) e
      UNION ALL
      SELECT p.id, -1, ST_AsBinary(e.geom, 'NDR') FROM (${parents}) p, ST_DumpSegments(ST_ForcePolygonCCW(p.geom)) e
    ), ends AS (
      -- A two-point line's WKB: 9 bytes of header, then x and y of each end (16 bytes each).
      SELECT parent_id, side, substr(wkb, 10, 16) AS a, substr(wkb, 26, 16) AS b FROM edge
    )
    SELECT parent_id AS id FROM ends
    GROUP BY parent_id, least(a, b), greatest(a, b)
    HAVING sum(CASE WHEN a < b THEN side ELSE -side END) <> 0
    UNION
    SELECT c.parent_id FROM (${children}) c WHERE ST_NumGeometries(c.geom) > 1 OR ST_NRings(c.geom) > 1`)
  return rows.map((r) => r.id).sort()
}

/** The coverage of some of its parents only. */
function narrowed({ children, parents, bounded }: Coverage, ids: string[]): Coverage {
  const list = sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(ids)}::json))`
  return {
    children: sql`SELECT * FROM (${children}) c WHERE c.parent_id = ANY(${list})`,
    parents: sql`SELECT * FROM (${parents}) p WHERE p.id = ANY(${list})`,
    bounded,
  }
}

/**
 * Runs every coverage check on the parents not proven to be tiled (all of them when unbounded);
 * `unsettled` is unsettledParents' answer when the caller already has it. The facts come back
 * ordered by type, parent and codes.
 */
export async function coverageFacts(
  tx: Executor,
  coverage: Coverage,
  toleranceM: number = TOPOLOGY_DEFAULTS.nearMissM,
  unsettled?: string[],
): Promise<FindingFacts[]> {
  let checked = coverage
  if (coverage.bounded) {
    const ids = unsettled ?? (await unsettledParents(tx, coverage))
    if (ids.length === 0) return []
    checked = narrowed(coverage, ids)
  }
  return collectFacts(tx, [overlaps(checked), gaps(checked), outsideParent(checked), nearMisses(checked, toleranceM)])
}
