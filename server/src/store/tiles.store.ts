/**
 * Vector tiles (MVT) of districts, small areas and buildings, cut by PostGIS from one county's rows.
 *
 * Two ways, chosen once per database by what its PostGIS can do (`detectTileEncoder`):
 * - `postgis`: ST_AsMVTGeom shapes each feature and ST_AsMVT encodes the tile, all in the database
 *   (the server's PostGIS, built with protobuf-c);
 * - `node`: PGlite's WASM PostGIS has neither function (both raise "Compiled without protobuf-c
 *   support"), so the database shapes the features with plain PostGIS (transform, scale to tile
 *   units, clip with a grid size of one unit, orient rings as MVT wants) and Node encodes them
 *   with @maplibre/vt-pbf. Same features, same properties, same layer; tiles.store.test.ts holds
 *   both to the same content.
 */
import { sql, type SQL } from 'drizzle-orm'
import { fromVectorTileJs, GeoJSONWrapper, type Feature as EncodableFeature } from '@maplibre/vt-pbf'
import { TILE_BUFFER, TILE_EXTENT, tileMinZoom, type TileAddress, type TileLayer } from '@census/shared'
import type { Executor } from '../db/client.ts'
import { countyRevision } from './county.store.ts'

export type TileEncoder = 'postgis' | 'node'

/** Whether this PostGIS was built with protobuf-c, which ST_AsMVTGeom and ST_AsMVT both need. */
export async function detectTileEncoder(db: Executor): Promise<TileEncoder> {
  try {
    await db.rows(sql`SELECT ST_AsMVT(t) FROM (SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t`)
    return 'postgis'
  } catch {
    return 'node'
  }
}

/**
 * The version every tile of a county is at: the county's revision. Any edit anywhere in the county
 * raises it, so a map revalidating a tile gets the edit at once (and a 304 otherwise). Read before
 * the tile is cut, so a tile is never labelled newer than what it shows.
 */
export async function tileVersion(db: Executor, county: string): Promise<string> {
  return `${county}-${await countyRevision(db, county)}`
}

interface LayerSource {
  /** The county's rows in the buffered tile (`tile.search`, lon/lat), as `t`. */
  inTile: (county: string) => SQL
  geometry: SQL
  /** What ST_CollectionExtract calls its kind of shape: 1 points, 3 polygons. */
  shape: 1 | 3
  /** The features' properties, named as in the GeoJSON API so that the map styles and picks them alike. */
  properties: Record<string, SQL>
  /** The property a tile's features are in order of (one feature per value). */
  key: string
}

const sources: Record<TileLayer, LayerSource> = {
  districts: {
    inTile: (county) => sql`SELECT * FROM district d WHERE d.county_code = ${county} AND d.boundary && tile.search`,
    geometry: sql`t.boundary`,
    shape: 3,
    properties: { code: sql`t.code`, townshipCode: sql`t.township_code`, name: sql`t.name`, status: sql`t.status` },
    key: 'code',
  },
  'small-areas': {
    inTile: (county) => sql`SELECT * FROM small_area s WHERE s.county_code = ${county} AND s.boundary && tile.search`,
    geometry: sql`t.boundary`,
    shape: 3,
    properties: { code: sql`t.code`, districtCode: sql`t.district_code`, status: sql`t.status`, virtual: sql`right(t.code, 3)::int >= 900` },
    key: 'code',
  },
  buildings: {
    // One feature per district, its buildings' dots in one multipoint. These tiles serve the overview
    // zooms, where a view holds tens of thousands of 1-px dots and no one picks one (clicks there go
    // to the areas; buildings are picked from minZoom.building on, from GeoJSON). A feature per
    // building made a z13 tile over a town 650 KB, mostly its 15,000 codes, and four times the cost to
    // cut (Xi'an size, on the server: 246 ms → 63 ms, 659 → 44 KB before gzip).
    inTile: (county) => sql`
      SELECT b.district_code, ST_Collect(b.location ORDER BY b.code) AS location, count(*)::int AS buildings
      FROM building b WHERE b.county_code = ${county} AND b.location && tile.search
      GROUP BY b.district_code`,
    geometry: sql`t.location`,
    shape: 1,
    properties: { districtCode: sql`t.district_code`, buildings: sql`t.buildings` },
    key: 'districtCode',
  },
}

const extent = sql.raw(String(TILE_EXTENT))
const buffer = sql.raw(String(TILE_BUFFER))

/**
 * A feature's shape in tile units without ST_AsMVTGeom: Web Mercator, scaled so the tile spans
 * 0…4096 with y pointing down, clipped to the buffered tile with a grid size of 1 (snap-rounding
 * to whole units, so the result is valid and needs no fallback PGlite cannot run), without the
 * vertices left on straight lines, exterior rings counter-clockwise in these y-down units (clockwise
 * on screen): what MVT asks for and ST_AsMVTGeom produces.
 */
function portableTileGeometry(geometry: SQL, shape: LayerSource['shape']): SQL {
  const fx = sql`${extent} / (ST_XMax(tile.envelope) - ST_XMin(tile.envelope))`
  const fy = sql`-${extent} / (ST_YMax(tile.envelope) - ST_YMin(tile.envelope))`
  const scaled = sql`ST_SetSRID(ST_Affine(ST_Transform(${geometry}, 3857), ${fx}, 0, 0, ${fy}, -ST_XMin(tile.envelope) * ${fx}, -ST_YMax(tile.envelope) * ${fy}), 0)`
  // A point the index found lies in the buffered tile (lon/lat boxes map to Web Mercator boxes), so it
  // needs no clip: rounding it to whole units is all the overlay would do, at a fraction of the cost
  // (a z13 tile over a town holds thousands of buildings).
  // Dots that round to the same unit are one, as ST_AsMVTGeom makes them.
  if (shape === 1) return sql`ST_RemoveRepeatedPoints(ST_SnapToGrid(${scaled}, 1))`
  const clipped = sql`ST_Intersection(${scaled}, ST_MakeEnvelope(-${buffer}, -${buffer}, ${extent} + ${buffer}, ${extent} + ${buffer}), 1)`
  // Snapping can leave a sliver along the tile's edge as a line beside the polygon: keep only the
  // layer's own kind of shape, as ST_AsMVTGeom does.
  return sql`ST_ForcePolygonCCW(ST_CollectionExtract(ST_Simplify(${clipped}, 0), ${sql.raw(String(shape))}))`
}

/**
 * The rows of one tile: properties and `geom` in tile units. The county pins the rows (the key every
 * query carries); the index finds them by the buffered tile transformed once to the data's lon/lat,
 * never by transforming every row.
 */
function tileRows(layer: TileLayer, county: string, { z, x, y }: Pick<TileAddress, 'z' | 'x' | 'y'>, shape: TileEncoder): SQL {
  const source = sources[layer]
  const geom = shape === 'postgis' ? sql`ST_AsMVTGeom(ST_Transform(${source.geometry}, 3857), tile.envelope, ${extent}, ${buffer}, true)` : portableTileGeometry(source.geometry, source.shape)
  const properties = Object.entries(source.properties).map(([name, value]) => sql`${value} AS ${sql.identifier(name)}`)
  return sql`
    SELECT * FROM (
      SELECT ${sql.join(properties, sql`, `)}, ${geom} AS geom
      FROM (SELECT ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) AS envelope,
                   ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${TILE_BUFFER / TILE_EXTENT}::float8), 4326) AS search) tile
      CROSS JOIN LATERAL (${source.inTile(county)}) t
      -- A fence: without it PostgreSQL inlines this query and shapes every feature three times (once per use of geom).
      OFFSET 0
    ) f
    WHERE f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)`
}

type Properties = Record<string, string | number | boolean | null>
type Position = [number, number]
type TileShape = { type: 'Point'; coordinates: Position } | { type: 'MultiPoint'; coordinates: Position[] } | { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] }

/** A feature as vt-pbf takes it (geojson-vt's tile feature: type 1 point, 3 polygon; rings of tile units). */
function encodable(shape: TileShape, tags: Properties): EncodableFeature {
  switch (shape.type) {
    case 'Point':
      return { type: 1, geometry: [shape.coordinates], tags }
    case 'MultiPoint':
      return { type: 1, geometry: shape.coordinates, tags }
    case 'Polygon':
      return { type: 3, geometry: shape.coordinates, tags }
    case 'MultiPolygon':
      // MVT has no multipolygon of its own: one feature, each polygon's exterior followed by its holes.
      return { type: 3, geometry: shape.coordinates.flat(), tags }
    default: {
      const never: never = shape
      throw new Error(`a census tile has no ${String((never as { type: string }).type)}`)
    }
  }
}

async function encodeInNode(db: Executor, layer: TileLayer, rows: SQL): Promise<Uint8Array | null> {
  const properties = Object.keys(sources[layer].properties).map((name) => sql`${name}::text, r.${sql.identifier(name)}`)
  const features = await db.rows<{ properties: Properties; shape: TileShape }>(
    sql`SELECT json_build_object(${sql.join(properties, sql`, `)}) AS properties, ST_AsGeoJSON(r.geom, 0)::json AS shape
        FROM (${rows}) r ORDER BY r.${sql.identifier(sources[layer].key)}`,
  )
  if (features.length === 0) return null
  // Version 2 of the MVT spec, as ST_AsMVT writes.
  const wrapped = new GeoJSONWrapper(features.map((f) => encodable(f.shape, f.properties)), { version: 2, extent: TILE_EXTENT })
  wrapped.name = layer
  return fromVectorTileJs({ layers: { [layer]: wrapped } })
}

async function encodeInDatabase(db: Executor, layer: TileLayer, rows: SQL): Promise<Uint8Array | null> {
  const [row] = await db.rows<{ tile: Uint8Array | null }>(sql`SELECT ST_AsMVT(r, ${layer}, ${extent}, 'geom' ORDER BY r.${sql.identifier(sources[layer].key)}) AS tile FROM (${rows}) r`)
  return row?.tile && row.tile.length > 0 ? new Uint8Array(row.tile) : null
}

export interface TileWay {
  /** Who shapes the features: ST_AsMVTGeom, or plain PostGIS functions (see portableTileGeometry). */
  shape: TileEncoder
  /** Who encodes the tile: ST_AsMVT, or vt-pbf in Node. */
  encode: TileEncoder
}

/** One tile of one layer of a county, or null when it holds no feature. */
export function renderTile(db: Executor, county: string, tile: TileAddress, way: TileWay): Promise<Uint8Array | null> {
  if (tile.z < tileMinZoom[tile.layer]) return Promise.resolve(null)
  const rows = tileRows(tile.layer, county, tile, way.shape)
  return way.encode === 'postgis' ? encodeInDatabase(db, tile.layer, rows) : encodeInNode(db, tile.layer, rows)
}
