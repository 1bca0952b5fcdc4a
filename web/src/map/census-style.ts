/**
 * The map's style: a plain background, an optional raster base map, and our administrative layers.
 * It asks the network for nothing but our own GeoJSON, so the map works without the internet.
 *
 * The style has no `glyphs` URL on purpose: without one, maplibre draws every label with the
 * browser's own fonts (TinySDF), which is how Chinese names render offline.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  RasterSourceSpecification,
  StyleSpecification,
  VisibilitySpecification,
} from 'maplibre-gl'
import { boundaryStatus } from '@census/shared'
import type { FeatureKind } from '../features.ts'
import { overlays, type Overlay } from '../store/viewer-store.ts'
import { palette, statusColour } from './palette.ts'

/** One GeoJSON source per kind of feature, named like the API's paths. */
export const sourceOf: Record<FeatureKind, string> = {
  township: 'townships',
  district: 'districts',
  smallArea: 'small-areas',
  building: 'buildings',
}

/** Polygon kinds also get one label point per feature (see geo/label-point.ts for why). */
type AreaKind = Exclude<FeatureKind, 'building'>
export const labelSourceOf: Record<AreaKind, string> = {
  township: 'township-labels',
  district: 'district-labels',
  smallArea: 'small-area-labels',
}

/** Below these zooms a layer would be clutter (and buildings are not even fetched). */
export const minZoom = { districtLabel: 11.5, smallArea: 12, smallAreaLabel: 14, building: 14 } as const

/** The layer that answers clicks (and test queries) for each kind, top-most first. */
export const hitLayerOf: Record<FeatureKind, string> = {
  building: 'building-circle',
  smallArea: 'small-area-fill',
  district: 'district-fill',
  township: 'township-fill',
}

export const selectionLayers: Record<FeatureKind, string> = {
  township: 'township-selected',
  district: 'district-selected',
  smallArea: 'small-area-selected',
  building: 'building-selected',
}

/** The lowest of the labels: what is drawn over the areas (marks of problems) goes below it. */
export const FIRST_LABEL_LAYER = 'small-area-label'

/** The base map's layers, each drawing the raster source of its own name. */
export const BASEMAP_LAYER = 'basemap'
export const BASEMAP_LABELS_LAYER = 'basemap-labels'
/**
 * The base map's names go over the census areas' colours, which would wash them out, and under their
 * outlines and our own names: a place or road name is read where a border is drawn.
 */
export const BASEMAP_LABELS_UNDER = 'district-line'

const byStatus: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ...boundaryStatus.values.flatMap((s) => [s, statusColour[s]]),
  statusColour.not_started,
] as unknown as ExpressionSpecification

const nothing: ExpressionSpecification = ['==', ['get', 'code'], '']

/**
 * Each overlay a person may hide (see Overlay) is a global state of the style that its layers read,
 * so one call shows or hides all of them, the tile copies too. Hidden fills are drawn at no opacity
 * rather than taken off the map: an area is still picked by a click inside it (and maplibre skips
 * drawing a fill layer at no opacity all the same).
 */
export const overlayState = (overlay: Overlay) => `${overlay}Hidden`
const hiddenOverlay = (overlay: Overlay): ExpressionSpecification => ['boolean', ['global-state', overlayState(overlay)], false]

/** The layout of a layer of buildings or labels: hidden with its overlay. */
export const shownUnless = (overlay: 'buildings' | 'labels'): { visibility: VisibilitySpecification } => ({
  visibility: ['case', hiddenOverlay(overlay), 'none', 'visible'],
})
/** The paint that hides a fill layer with the fills overlay, at once (no fade: a frame each, costly without a GPU). */
const fillShown = { 'fill-layer-opacity': ['case', hiddenOverlay('fills'), 0, 1] as ExpressionSpecification, 'fill-layer-opacity-transition': { duration: 0 } }

const virtualSmallArea: ExpressionSpecification = ['==', ['get', 'virtual'], true]

const label = {
  'text-color': palette.label,
  'text-halo-color': palette.labelHalo,
  'text-halo-width': 1.5,
} as const

function emptySource() {
  // Features are known by their code, which feature state (see SUBDIVIDED) keys on.
  return { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] }, promoteId: 'code' }
}

/**
 * Feature state of a district that has small areas. Once small areas show, they carry the status
 * colour inside it: two translucent fills of different statuses would blend into a colour that is
 * not in the legend (red over blue reads as purple).
 */
export const SUBDIVIDED = 'subdivided'
/** Feature state where the page holds the district's small areas (live as they are edited), else the count the server sent. */
const subdivided: ExpressionSpecification = [
  'boolean',
  ['coalesce', ['feature-state', SUBDIVIDED], ['>', ['number', ['get', 'smallAreas'], 0], 0]],
  false,
]

/**
 * Below this zoom, once a township is in focus (picked, or its district in hand), only its small
 * areas and buildings are drawn; the neighbours show their districts.
 * A township overview of a large city holds thousands of small areas and tens of thousands of
 * buildings, each frame drawn in software on an office PC without a GPU (bench/, map-idle); closer
 * in, the neighbours' come back, for drawing along a township's border.
 */
export const FOCUS_MAX_ZOOM = 14

/**
 * How opaque a district's fill is: once small areas show, a divided district lets them carry the
 * status colour. Out of focus (see FOCUS_MAX_ZOOM) its small areas are not drawn, so below that zoom
 * the neighbours of the township in focus stay muted: context, not work.
 */
const districtFillOpacity: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  10,
  0.55,
  minZoom.smallArea - 0.5,
  0.35,
  minZoom.smallArea,
  ['case', subdivided, 0.04, 0.3],
  FOCUS_MAX_ZOOM,
  ['case', subdivided, 0.04, 0.2],
]

function censusLayers(): LayerSpecification[] {
  return [
    { id: 'township-fill', type: 'fill', source: sourceOf.township, paint: { 'fill-color': palette.townshipFill, 'fill-opacity': 0.6 } },
    {
      id: 'district-fill',
      type: 'fill',
      source: sourceOf.district,
      paint: { 'fill-color': byStatus, 'fill-opacity': districtFillOpacity, ...fillShown },
    },
    {
      id: 'small-area-fill',
      type: 'fill',
      source: sourceOf.smallArea,
      minzoom: minZoom.smallArea,
      paint: { 'fill-color': byStatus, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], minZoom.smallArea, 0.3, 14, 0.22], ...fillShown },
    },
    {
      id: 'district-line',
      type: 'line',
      source: sourceOf.district,
      // White between coloured fills; with the fills hidden, the status colour moves to the outline
      // (white would vanish on the plain ground).
      paint: { 'line-color': ['case', hiddenOverlay('fills'), byStatus, palette.districtLine], 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 14, 2] },
    },
    {
      id: 'small-area-line',
      type: 'line',
      source: sourceOf.smallArea,
      minzoom: minZoom.smallArea,
      filter: ['!', virtualSmallArea],
      paint: { 'line-color': byStatus, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    {
      // Virtual small areas (institutions, sites) are told apart by a heavier dotted outline of their own colour.
      id: 'small-area-virtual-line',
      type: 'line',
      source: sourceOf.smallArea,
      minzoom: minZoom.smallArea,
      filter: virtualSmallArea,
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': palette.virtualSmallArea, 'line-width': 2.5, 'line-dasharray': [0.1, 2] },
    },
    {
      id: 'township-line-casing',
      type: 'line',
      source: sourceOf.township,
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 6] },
    },
    {
      id: 'township-line',
      type: 'line',
      source: sourceOf.township,
      paint: { 'line-color': palette.townshipLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 2.5] },
    },
    {
      id: 'building-circle',
      type: 'circle',
      source: sourceOf.building,
      minzoom: minZoom.building,
      layout: shownUnless('buildings'),
      paint: {
        'circle-color': palette.building,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], minZoom.building, 3, 18, 6],
        'circle-stroke-color': palette.buildingStroke,
        'circle-stroke-width': 1,
      },
    },
    ...(['township', 'district', 'smallArea'] as const).map(
      (kind): LayerSpecification => ({
        id: selectionLayers[kind],
        type: 'line',
        source: sourceOf[kind],
        filter: nothing,
        paint: { 'line-color': palette.selection, 'line-width': 3.5 },
      }),
    ),
    {
      id: selectionLayers.building,
      type: 'circle',
      source: sourceOf.building,
      filter: nothing,
      paint: { 'circle-color': palette.selection, 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    {
      id: FIRST_LABEL_LAYER,
      type: 'symbol',
      source: labelSourceOf.smallArea,
      minzoom: minZoom.smallAreaLabel,
      // The last three digits are what enumerators call a small area ("012 小区").
      layout: { 'text-field': ['slice', ['get', 'code'], 12], 'text-size': 11, ...shownUnless('labels') },
      paint: { ...label, 'text-color': '#555555' },
    },
    {
      id: 'district-label',
      type: 'symbol',
      source: labelSourceOf.district,
      minzoom: minZoom.districtLabel,
      layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 6, ...shownUnless('labels') },
      paint: label,
    },
    {
      id: 'township-label',
      type: 'symbol',
      source: labelSourceOf.township,
      layout: { 'text-field': ['get', 'name'], 'text-size': ['interpolate', ['linear'], ['zoom'], 9, 13, 13, 18], ...shownUnless('labels') },
      paint: { ...label, 'text-color': palette.townshipLabel, 'text-halo-width': 2 },
    },
  ]
}

/** The whole style, with the census sources empty until the data arrives. */
export function censusStyle(): StyleSpecification {
  return {
    version: 8,
    state: Object.fromEntries(overlays.map((o) => [overlayState(o), { default: false }])),
    sources: Object.fromEntries([...Object.values(sourceOf), ...Object.values(labelSourceOf)].map((id) => [id, emptySource()])),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': palette.background } }, ...censusLayers()],
  }
}

/** Raster tiles of the base map (or of its names, whose credit is the base map's). */
export function basemapSource(tiles: string[], maxZoom: number, attribution?: string): RasterSourceSpecification {
  return { type: 'raster', tiles, tileSize: 256, maxzoom: maxZoom, ...(attribution !== undefined ? { attribution } : {}) }
}

export function basemapLayer(id: typeof BASEMAP_LAYER | typeof BASEMAP_LABELS_LAYER): LayerSpecification {
  return { id, type: 'raster', source: id }
}

/** The filter that shows the selected feature (or nothing) on its kind's highlight layer. */
export function selectionFilters(selection: { kind: FeatureKind; code: string } | null): Array<[string, ExpressionSpecification]> {
  return (Object.keys(selectionLayers) as FeatureKind[]).map((kind) => [
    selectionLayers[kind],
    selection?.kind === kind ? ['==', ['get', 'code'], selection.code] : nothing,
  ])
}
