/**
 * The census layers the map takes as vector tiles cut by the server (GET /api/tiles/…), where
 * there are too many features to fetch as GeoJSON:
 * - buildings at the overview zooms, where a view holds thousands, as dots (a multipoint per
 *   district) that are seen, not picked; from minZoom.building on, the GeoJSON layer (fetched for
 *   the view, edited by the editor) takes over;
 * - the county's districts (3,200 in a large city, megabytes of boundaries) and small areas (63,000),
 *   but for those of the township in hand, which come as GeoJSON to be edited. They look exactly
 *   like the GeoJSON ones: their layers are copies of those.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl'
import { CODE_LENGTH, tileMinZoom, type TileLayer } from '@census/shared'
import type { FeatureKind } from '../features.ts'
import { censusStyle, FOCUS_MAX_ZOOM, hitLayerOf, minZoom, selectionLayers, shownUnless, sourceOf } from './census-style.ts'
import { palette } from './palette.ts'

export const BUILDING_TILES_SOURCE = 'building-tiles'
const TILES_SUFFIX = '-tiles'

/** The areas drawn from tiles beside their GeoJSON. */
export type TiledArea = 'district' | 'smallArea'

/**
 * The tile source of an area kind, and the tile layer it is cut from. (Districts are named from the
 * list's points, `labelAt`, drawn with the GeoJSON labels: cheaper than labels laid out tile by tile.)
 */
export const tileSourceOf: Record<TiledArea, { source: string; layer: TileLayer }> = {
  district: { source: 'district-tiles', layer: 'districts' },
  smallArea: { source: 'small-area-tiles', layer: 'small-areas' },
}

/** The tile layer that answers clicks (and test queries) for a kind, where it has one. */
export const tileHitLayerOf: Partial<Record<FeatureKind, string>> = {
  district: `${hitLayerOf.district}${TILES_SUFFIX}`,
  smallArea: `${hitLayerOf.smallArea}${TILES_SUFFIX}`,
}

export const BUILDING_DOTS_LAYER = 'building-tile-circle'

/** The tile source of an area kind with this URL template. */
export function areaTileSource(kind: TiledArea, url: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [url], minzoom: tileMinZoom[tileSourceOf[kind].layer], promoteId: 'code' }
}

/**
 * An area kind's tile layers: each of its GeoJSON layers but the selection's (what is selected is in
 * the township in hand), drawn from the tiles, less the areas of `township` (drawn from GeoJSON), and
 * the layer each goes under.
 */
export function areaTileLayers(kind: TiledArea, township: string | null): Array<{ layer: LayerSpecification; under: string }> {
  const notInHand: ExpressionSpecification | null = township ? ['!=', ['slice', ['get', 'code'], 0, CODE_LENGTH.township], township] : null
  const tiles = tileSourceOf[kind]
  return censusStyle().layers.flatMap((layer) => {
    if (!('source' in layer) || layer.source !== sourceOf[kind] || layer.id === selectionLayers[kind]) return []
    const own = 'filter' in layer ? (layer.filter as ExpressionSpecification | undefined) : undefined
    const filter = own && notInHand ? ['all', own, notInHand] : (own ?? notInHand)
    const copy = { ...layer, id: `${layer.id}${TILES_SUFFIX}`, source: tiles.source, 'source-layer': tiles.layer }
    return [{ layer: { ...copy, ...(filter ? { filter: filter as FilterSpecification } : {}) } as LayerSpecification, under: layer.id }]
  })
}

/**
 * The zooms the small areas' tile layers draw at: with a township in focus, those of the others only
 * from FOCUS_MAX_ZOOM on; up to 24, the style's deepest zoom, as their GeoJSON layers. (The districts'
 * draw at their own layers' zooms: a neighbour is drawn by its district.)
 */
export function smallAreaTilesZoomRange(focus: string | null): [number, number] {
  return [focus ? FOCUS_MAX_ZOOM : minZoom.smallArea, 24]
}

/** The building dots drawn: with a township in focus, only its own (the dots never reach FOCUS_MAX_ZOOM). */
export function buildingDotsFilter(focus: string | null): FilterSpecification | null {
  return focus ? ['==', ['slice', ['get', 'districtCode'], 0, CODE_LENGTH.township], focus] : null
}

export function buildingTilesSource(url: string): VectorSourceSpecification {
  // No tile is asked for beyond the zoom where the GeoJSON layer takes over.
  return { type: 'vector', tiles: [url], minzoom: tileMinZoom.buildings, maxzoom: minZoom.building }
}

export function buildingTilesLayer(): LayerSpecification {
  return {
    id: BUILDING_DOTS_LAYER,
    type: 'circle',
    source: BUILDING_TILES_SOURCE,
    'source-layer': 'buildings',
    minzoom: tileMinZoom.buildings,
    maxzoom: minZoom.building,
    layout: shownUnless('buildings'),
    paint: {
      'circle-color': palette.building,
      // Growing into the GeoJSON layer's dots (3 px at minZoom.building), so the hand-over is not seen.
      'circle-radius': ['interpolate', ['linear'], ['zoom'], tileMinZoom.buildings, 1.2, minZoom.building, 3],
      'circle-stroke-color': palette.buildingStroke,
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], tileMinZoom.buildings, 0, minZoom.building, 1],
    },
  }
}
