/**
 * The census layers the map takes as vector tiles cut by the server (GET /api/tiles/…): buildings
 * at the overview zooms where a view holds thousands of them, too many to fetch as GeoJSON. From
 * minZoom.building on, the GeoJSON layer (fetched for the view, edited by the editor) takes over.
 */
import type { LayerSpecification, VectorSourceSpecification } from 'maplibre-gl'
import { tileMinZoom } from '@census/shared'
import type { FeatureKind } from '../features.ts'
import { minZoom } from './census-style.ts'
import { palette } from './palette.ts'

export const BUILDING_TILES_SOURCE = 'building-tiles'

/** The tile layer that answers clicks (and test queries) for a kind, where it has one. */
export const tileHitLayerOf: Partial<Record<FeatureKind, string>> = { building: 'building-tile-circle' }

export function buildingTilesSource(url: string): VectorSourceSpecification {
  // No tile is asked for beyond the zoom where the GeoJSON layer takes over.
  return { type: 'vector', tiles: [url], minzoom: tileMinZoom.buildings, maxzoom: minZoom.building, promoteId: 'code' }
}

export function buildingTilesLayer(): LayerSpecification {
  return {
    id: tileHitLayerOf.building!,
    type: 'circle',
    source: BUILDING_TILES_SOURCE,
    'source-layer': 'buildings',
    minzoom: tileMinZoom.buildings,
    maxzoom: minZoom.building,
    paint: {
      'circle-color': palette.building,
      // Growing into the GeoJSON layer's dots (3 px at minZoom.building), so the hand-over is not seen.
      'circle-radius': ['interpolate', ['linear'], ['zoom'], tileMinZoom.buildings, 1.2, minZoom.building, 3],
      'circle-stroke-color': palette.buildingStroke,
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], tileMinZoom.buildings, 0, minZoom.building, 1],
    },
  }
}
