/**
 * The census layers the map takes as vector tiles cut by the server (GET /api/tiles/…), where
 * there are too many features to fetch as GeoJSON:
 * - buildings at the overview zooms, where a view holds thousands, as dots (a multipoint per
 *   district) that are seen, not picked; from minZoom.building on, the GeoJSON layer (fetched for
 *   the view, edited by the editor) takes over;
 * - the county's small areas (63,000 in a large city), but for the township in hand, whose come as
 *   GeoJSON to be edited. They look exactly like the GeoJSON ones: their layers are copies of those.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl'
import { CODE_LENGTH, tileMinZoom } from '@census/shared'
import type { FeatureKind } from '../features.ts'
import { censusStyle, FOCUS_MAX_ZOOM, hitLayerOf, minZoom, selectionLayers, shownUnless, sourceOf } from './census-style.ts'
import { palette } from './palette.ts'

export const BUILDING_TILES_SOURCE = 'building-tiles'
export const SMALL_AREA_TILES_SOURCE = 'small-area-tiles'
const SMALL_AREA_TILES_SUFFIX = '-tiles'

/** The tile layer that answers clicks (and test queries) for a kind, where it has one. */
export const tileHitLayerOf: Partial<Record<FeatureKind, string>> = {
  smallArea: `${hitLayerOf.smallArea}${SMALL_AREA_TILES_SUFFIX}`,
}

export const BUILDING_DOTS_LAYER = 'building-tile-circle'

export function smallAreaTilesSource(url: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [url], minzoom: tileMinZoom['small-areas'], promoteId: 'code' }
}

/**
 * The small areas' tile layers: each GeoJSON small-area layer but the selection's, drawn from the
 * tiles, less the small areas of `township` (drawn from GeoJSON), and the layer each goes under.
 */
export function smallAreaTileLayers(township: string | null): Array<{ layer: LayerSpecification; under: string }> {
  const notInHand: ExpressionSpecification | null = township ? ['!=', ['slice', ['get', 'code'], 0, CODE_LENGTH.township], township] : null
  return censusStyle().layers.flatMap((layer) => {
    if (!('source' in layer) || layer.source !== sourceOf.smallArea || layer.id === selectionLayers.smallArea) return []
    const own = 'filter' in layer ? (layer.filter as ExpressionSpecification | undefined) : undefined
    const filter = own && notInHand ? ['all', own, notInHand] : (own ?? notInHand)
    const copy = { ...layer, id: `${layer.id}${SMALL_AREA_TILES_SUFFIX}`, source: SMALL_AREA_TILES_SOURCE, 'source-layer': 'small-areas' }
    return [{ layer: { ...copy, ...(filter ? { filter: filter as FilterSpecification } : {}) } as LayerSpecification, under: layer.id }]
  })
}

/**
 * The zooms the small areas' tile layers draw at: with a township in focus, those of the others only
 * from FOCUS_MAX_ZOOM on; up to 24, the style's deepest zoom, as their GeoJSON layers.
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
