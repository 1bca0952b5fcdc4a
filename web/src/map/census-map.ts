/**
 * The seam between the census page and maplibre: everything else in web/ talks to CensusMap, in the
 * page's own words (kinds, codes, bounds), and never imports maplibre. The editor's drawing
 * (terra-draw) plugs in here too, as `draw`.
 */
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson'
import type { Bounds, FeatureKind, FeatureRef } from '../features.ts'
import type { RasterBasemap } from '../settings/basemap-settings.ts'
import { overlays, type Language, type Overlay } from '../store/viewer-store.ts'
import { labelPoint } from '../geo/label-point.ts'
import {
  BASEMAP_LABELS_LAYER,
  BASEMAP_LABELS_UNDER,
  BASEMAP_LAYER,
  basemapLayer,
  basemapSource,
  censusStyle,
  FIRST_LABEL_LAYER,
  hitLayerOf,
  labelSourceOf,
  overlayState,
  selectionFilters,
  sourceOf,
  SUBDIVIDED,
} from './census-style.ts'
import { createDrawSurface, type DrawSurface } from './draw-surface.ts'
import {
  BUILDING_DOTS_LAYER,
  buildingDotsFilter,
  BUILDING_TILES_SOURCE,
  buildingTilesLayer,
  buildingTilesSource,
  SMALL_AREA_TILES_SOURCE,
  smallAreaTileLayers,
  smallAreaTilesZoomRange,
  smallAreaTilesSource,
  tileHitLayerOf,
} from './tiles-style.ts'
import { hatchImages, MARKS_SOURCE, marksLayers, type MarkKind } from './marks-style.ts'
import { FOOTPRINTS_SOURCE, footprintLayers, footprintsOf } from './footprints-style.ts'
import type { Padding } from './fit-padding.ts'
import { PLACING_SOURCE, placingLayers } from './placing-style.ts'

maplibregl.setWorkerUrl(workerUrl)

export interface MapView {
  zoom: number
  bounds: Bounds
}

/** A shape to point at: a finding, a part clipping cut off, an overlap that refused a save. */
export interface Mark {
  kind: MarkKind
  geometry: Geometry
}

export interface CensusMap {
  /** Replaces the features of one kind; features without geometry are left off the map. */
  showFeatures(kind: FeatureKind, collection: FeatureCollection<Geometry | null>): void
  /**
   * Tells the map, district by district, whether it is divided into small areas (its fill then
   * fades, so the small areas' colours show), for districts whose small areas the page holds.
   * Others go by the `smallAreas` count they were loaded with.
   */
  markSubdivided(districts: ReadonlyMap<string, boolean>): void
  /**
   * Draws the county's small areas from the server's vector tiles at this URL template, but for
   * those of `township`, which come as GeoJSON (showFeatures) to be edited.
   */
  showSmallAreaTiles(url: string, township: string | null): void
  /** Draws buildings at overview zooms from the server's vector tiles at this URL template; a new URL fetches them again. */
  showBuildingTiles(url: string): void
  /**
   * The township being worked on (null: none): below FOCUS_MAX_ZOOM only its small areas and
   * building dots are drawn, the neighbours by their districts (see census-style.ts).
   */
  focusTownship(township: string | null): void
  /** Puts a raster base map under the census layers, or takes it away (null). */
  setBasemap(basemap: RasterBasemap | null): void
  /** Hides these overlays (the others are shown): the status colours, the buildings, the names. */
  hideOverlays(hidden: ReadonlySet<Overlay>): void
  /** Draws these marks over the census areas, in place of the ones shown before. */
  showMarks(marks: readonly Mark[]): void
  /** Marks where the building being placed will stand, while its form is open; null takes the mark away. */
  showPlacing(at: Position | null): void
  highlight(selection: FeatureRef | null): void
  /** Fits the view to a box; `forTools` keeps it clear of the editor's toolbar too. */
  fitBounds(bounds: Bounds, options?: { animate: boolean; forTools?: boolean }): void
  /** The census feature a person would pick at a point of the map's container (CSS pixels). */
  featureAt(point: { x: number; y: number }): FeatureRef | null
  /** The codes of the features of a kind drawn in the current view. */
  renderedCodes(kind: FeatureKind): string[]
  /** The kinds of marks drawn in the current view. */
  renderedMarks(): MarkKind[]
  /** How many building dots (the overview's, from tiles) are drawn in the current view. */
  renderedBuildingDots(): number
  /** How many names and codes of areas are drawn in the current view. */
  renderedLabels(): number
  /** True when the mark of the building being placed is drawn in the current view. */
  placingDrawn(): boolean
  view(): MapView
  /** Where a point on the ground is in the map's container (CSS pixels). */
  project(at: Position): { x: number; y: number }
  /** True when no data for the map is on its way, it has drawn everything it was given, and is not moving. */
  settled(): boolean
  /** Resolves once the map is settled (at once if it is). */
  whenSettled(): Promise<void>
  /** A click that no drawing tool took: the feature under it, and where it was on the ground. */
  onFeatureClick(handler: (feature: FeatureRef | null, at: Position) => void): void
  /** Words the map itself shows (its zoom buttons' tips, the scale's units) in the reader's language. */
  setLanguage(language: Language): void
  onViewChange(handler: (view: MapView) => void): void
  /** Told once per base map when its tiles (or its names') fail to load: the HTTP status, if there was an answer. */
  onBasemapFailure(handler: (status: number | null) => void): void
  /** Drawing and editing shapes, for the editor. */
  readonly draw: DrawSurface
  destroy(): void
}

const labelLayers = censusStyle()
  .layers.filter((l) => l.type === 'symbol')
  .map((l) => l.id)

/** A building is a dot a few pixels wide: accept clicks this close to it. */
const BUILDING_CLICK_TOLERANCE_PX = 5

const kindOfLayer = new Map([...Object.entries(hitLayerOf), ...Object.entries(tileHitLayerOf)].map(([kind, layer]) => [layer, kind as FeatureKind]))

/** maplibre's own buttons and scale, in each of the page's languages. */
const controlWords: Record<Language, Record<string, string>> = {
  zh: {
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
    'NavigationControl.ResetBearing': '指北',
    'ScaleControl.Meters': '米',
    'ScaleControl.Kilometers': '公里',
    'AttributionControl.ToggleAttribution': '数据来源',
  },
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Reset bearing to north',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
  },
}

/** One point feature per polygon, carrying the polygon's properties, for its label. */
function labelPoints(features: Array<Feature<Geometry>>): Array<Feature<Geometry>> {
  return features.flatMap((f) => {
    const point = f.geometry.type === 'MultiPolygon' ? labelPoint(f.geometry) : null
    return point ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: f.properties }] : []
  })
}

export interface CensusMapOptions {
  /**
   * Room to keep free when fitting a view, in CSS pixels, for panels drawn over the map, asked at
   * each fit (the layout may have changed); `forTools` while the editor's tools are out.
   */
  fitPadding: (forTools: boolean) => Padding
  /** Whether that padding depends on a layout that comes with the fit (then the fit waits a frame for it). */
  fitAfterLayout: (forTools: boolean) => boolean
  /** Whether data the map will be given is on its way (the loaders ask for it): the map is not settled until it is drawn. */
  dataPending: () => boolean
}

export function createCensusMap(container: HTMLElement, options: CensusMapOptions): CensusMap {
  const map = new maplibregl.Map({
    container,
    style: censusStyle(),
    // Start on China until the townships arrive and the view fits them.
    center: [104, 35],
    zoom: 3,
    // Labels are drawn with local fonts (see census-style.ts); this font comes first for Chinese.
    localIdeographFontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    locale: controlWords.zh,
    attributionControl: { compact: true },
    // Labels appear at once: a fade is several more frames to draw, each costly on an office PC without a GPU.
    fadeDuration: 0,
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.touchZoomRotate.disableRotation()
  let language: Language = 'zh'
  let navigation = new maplibregl.NavigationControl({ showCompass: false })
  let scale = new maplibregl.ScaleControl({ unit: 'metric' })
  map.addControl(navigation, 'top-right')
  map.addControl(scale, 'bottom-right')

  // Work given to the map before its style has loaded waits here, in order.
  const pending: Array<() => void> = []
  let styleReady = false
  let changedSinceIdle = true
  map.once('load', () => {
    for (const [name, image] of hatchImages()) map.addImage(name, image, { pixelRatio: 1 })
    map.addSource(MARKS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    for (const layer of marksLayers()) map.addLayer(layer, FIRST_LABEL_LAYER)
    map.addSource(FOOTPRINTS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    for (const layer of footprintLayers()) map.addLayer(layer, hitLayerOf.building)
    map.addSource(PLACING_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    // Over everything of the census, labels too; the drawing tools' layers come later, over it.
    for (const layer of placingLayers()) map.addLayer(layer)
    styleReady = true
    for (const run of pending.splice(0)) run()
  })
  map.on('idle', () => {
    changedSinceIdle = false
  })
  const whenReady = (run: () => void) => {
    changedSinceIdle = true
    const runAndRepaint = () => {
      run()
      // Even a change that draws nothing new must end in an 'idle' event, which settled() waits for.
      map.triggerRepaint()
    }
    if (styleReady) runAndRepaint()
    else pending.push(runAndRepaint)
  }

  const setSourceData = (source: string, features: Array<Feature<Geometry>>) =>
    map.getSource<maplibregl.GeoJSONSource>(source)?.setData({ type: 'FeatureCollection', features })

  const draw = createDrawSurface(map)
  /** The frame a fit waits for (see fitBounds). */
  let fitFrame = 0
  /** Set once the map is removed: whenSettled's waits end there. */
  let removed = false

  /** The layers that show a kind: its GeoJSON layer, and its tile layer once the tiles are added. */
  const hitLayers = (kind: FeatureKind): string[] => {
    const tiled = tileHitLayerOf[kind]
    return [hitLayerOf[kind], ...(tiled && map.getLayer(tiled) ? [tiled] : [])]
  }

  let focus: string | null = null

  let basemapFailure: ((status: number | null) => void) | null = null
  let basemapFailureTold = false
  map.on('error', (event: maplibregl.ErrorEvent & { sourceId?: string }) => {
    if (event.sourceId === BASEMAP_LAYER || event.sourceId === BASEMAP_LABELS_LAYER) {
      // Every tile of a failing base map fails the same way: one word about it is enough.
      if (!basemapFailureTold) basemapFailure?.((event.error as { status?: number }).status ?? null)
      basemapFailureTold = true
      return
    }
    // What maplibre logs when no one listens.
    console.error(event.error)
  })

  const drawn = () => styleReady && !changedSinceIdle && map.loaded() && map.areTilesLoaded() && !map.isMoving()
  const settled = () => !options.dataPending() && drawn()

  const view = (): MapView => {
    const b = map.getBounds()
    return { zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] }
  }

  const featureAt = ({ x, y }: { x: number; y: number }): FeatureRef | null => {
    if (!styleReady) return null
    const t = BUILDING_CLICK_TOLERANCE_PX
    const building = map.queryRenderedFeatures(
      [
        [x - t, y - t],
        [x + t, y + t],
      ],
      { layers: hitLayers('building') },
    )[0]
    const areaLayers = [...hitLayers('smallArea'), hitLayerOf.district, hitLayerOf.township]
    // Results come top layer first, so the smallest area under the point wins.
    const hit = building ?? map.queryRenderedFeatures([x, y], { layers: areaLayers })[0]
    const kind = hit && kindOfLayer.get(hit.layer.id)
    const code = hit?.properties['code']
    return kind && typeof code === 'string' ? { kind, code } : null
  }

  return {
    showFeatures(kind, collection) {
      const drawn = collection.features.filter((f) => f.geometry !== null) as Array<Feature<Geometry>>
      whenReady(() => {
        setSourceData(sourceOf[kind], drawn)
        if (kind !== 'building') setSourceData(labelSourceOf[kind], labelPoints(drawn))
        else setSourceData(FOOTPRINTS_SOURCE, footprintsOf(drawn))
      })
    },
    markSubdivided(districts) {
      whenReady(() => {
        for (const [code, divided] of districts) map.setFeatureState({ source: sourceOf.district, id: code }, { [SUBDIVIDED]: divided })
      })
    },
    showSmallAreaTiles(url, township) {
      whenReady(() => {
        const source = map.getSource<maplibregl.VectorTileSource>(SMALL_AREA_TILES_SOURCE)
        if (!source) {
          map.addSource(SMALL_AREA_TILES_SOURCE, smallAreaTilesSource(url))
          // Each right under the GeoJSON layer it stands in for.
          for (const { layer, under } of smallAreaTileLayers(township)) {
            map.addLayer(layer, under)
            map.setLayerZoomRange(layer.id, ...smallAreaTilesZoomRange(focus))
          }
          return
        }
        if (source.tiles?.[0] !== url) source.setTiles([url])
        for (const { layer } of smallAreaTileLayers(township)) map.setFilter(layer.id, 'filter' in layer ? layer.filter : null)
      })
    },
    showBuildingTiles(url) {
      whenReady(() => {
        const source = map.getSource<maplibregl.VectorTileSource>(BUILDING_TILES_SOURCE)
        // The same URL again would fetch, decode and draw every tile in view once more.
        if (source) {
          if (source.tiles?.[0] !== url) source.setTiles([url])
          return
        }
        map.addSource(BUILDING_TILES_SOURCE, buildingTilesSource(url))
        // Under the GeoJSON buildings and the selection, which draw over it.
        map.addLayer(buildingTilesLayer(), hitLayerOf.building)
        map.setFilter(BUILDING_DOTS_LAYER, buildingDotsFilter(focus))
      })
    },
    focusTownship(township) {
      if (township === focus) return
      focus = township
      whenReady(() => {
        if (map.getLayer(BUILDING_DOTS_LAYER)) map.setFilter(BUILDING_DOTS_LAYER, buildingDotsFilter(focus))
        for (const { layer } of smallAreaTileLayers(null)) {
          if (map.getLayer(layer.id)) map.setLayerZoomRange(layer.id, ...smallAreaTilesZoomRange(focus))
        }
      })
    },
    setBasemap(basemap) {
      whenReady(() => {
        for (const id of [BASEMAP_LAYER, BASEMAP_LABELS_LAYER]) {
          if (map.getLayer(id)) map.removeLayer(id)
          if (map.getSource(id)) map.removeSource(id)
        }
        if (basemap) {
          map.addSource(BASEMAP_LAYER, basemapSource(basemap.tiles, basemap.maxZoom, basemap.attribution))
          // Right above the plain background, below every census layer.
          map.addLayer(basemapLayer(BASEMAP_LAYER), hitLayerOf.township)
        }
        basemapFailureTold = false
        if (basemap?.labelTiles) {
          map.addSource(BASEMAP_LABELS_LAYER, basemapSource(basemap.labelTiles, basemap.maxZoom))
          map.addLayer(basemapLayer(BASEMAP_LABELS_LAYER), BASEMAP_LABELS_UNDER)
        }
        // Over imagery the county's pale ground would hide what the base map shows.
        map.setPaintProperty(hitLayerOf.township, 'fill-opacity', basemap ? 0.1 : 0.6)
      })
    },
    hideOverlays(hidden) {
      whenReady(() => {
        for (const overlay of overlays) map.setGlobalStateProperty(overlayState(overlay), hidden.has(overlay))
      })
    },
    showMarks(marks) {
      whenReady(() =>
        setSourceData(
          MARKS_SOURCE,
          marks.map(({ kind, geometry }) => ({ type: 'Feature', geometry, properties: { kind } })),
        ),
      )
    },
    showPlacing(at) {
      whenReady(() => setSourceData(PLACING_SOURCE, at ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: {} }] : []))
    },
    highlight(selection) {
      whenReady(() => {
        for (const [layer, filter] of selectionFilters(selection)) map.setFilter(layer, filter)
      })
    },
    fitBounds([w, s, e, n], { animate, forTools } = { animate: true }) {
      const fit = () => map.fitBounds([w, s, e, n], { padding: options.fitPadding(!!forTools), animate, duration: 600 })
      whenReady(() => {
        cancelAnimationFrame(fitFrame)
        // Measured padding waits for the next frame, once the page has laid out what came with the fit
        // (a tool's hint in the toolbar, a notice); the last fit asked wins. Others fit at once: waiting
        // would draw a frame at the old view first, hundreds of ms without a GPU (bench/ map-idle).
        if (options.fitAfterLayout(!!forTools)) fitFrame = requestAnimationFrame(fit)
        else fit()
      })
    },
    featureAt,
    renderedCodes(kind) {
      if (!styleReady) return []
      const features = map.queryRenderedFeatures({ layers: hitLayers(kind) })
      return [...new Set(features.map((f) => String(f.properties['code'])))]
    },
    renderedBuildingDots() {
      if (!styleReady || !map.getLayer(BUILDING_DOTS_LAYER)) return 0
      // A district's dots come as one feature per tile it crosses; the tiles' buffers may repeat a few.
      const dots = new Set<string>()
      for (const feature of map.queryRenderedFeatures({ layers: [BUILDING_DOTS_LAYER] })) {
        const geometry = feature.geometry
        const points = geometry.type === 'MultiPoint' ? geometry.coordinates : geometry.type === 'Point' ? [geometry.coordinates] : []
        for (const p of points) dots.add(p.join(','))
      }
      return dots.size
    },
    renderedLabels() {
      if (!styleReady) return 0
      return map.queryRenderedFeatures({ layers: labelLayers }).length
    },
    renderedMarks() {
      if (!styleReady) return []
      const features = map.queryRenderedFeatures({ layers: marksLayers().map((l) => l.id) })
      return [...new Set(features.map((f) => f.properties['kind'] as MarkKind))]
    },
    placingDrawn() {
      return styleReady && map.queryRenderedFeatures({ layers: placingLayers().map((l) => l.id) }).length > 0
    },
    view,
    project([lng, lat]) {
      const { x, y } = map.project([lng!, lat!])
      return { x, y }
    },
    settled,
    whenSettled() {
      return new Promise((resolve) => {
        // Data on its way ends in a change and an 'idle' event, unless it fails or is given up: look again shortly.
        const check = () => {
          if (removed) return
          if (settled()) resolve()
          else if (drawn()) setTimeout(check, 50)
          else map.once('idle', check)
        }
        check()
      })
    },
    onFeatureClick(handler) {
      map.on('click', (event) => {
        if (!draw.active()) handler(featureAt(event.point), [event.lngLat.lng, event.lngLat.lat])
      })
    },
    draw,
    setLanguage(next) {
      if (next === language) return
      language = next
      // maplibre 6 takes its controls' words from the map's locale, which only its constructor sets: as
      // its locale-switching guide does, the locale is replaced and the controls made again with it.
      const localised = map as unknown as { _locale: Record<string, string> }
      localised._locale = { ...localised._locale, ...controlWords[next] }
      map.removeControl(navigation).removeControl(scale)
      navigation = new maplibregl.NavigationControl({ showCompass: false })
      scale = new maplibregl.ScaleControl({ unit: 'metric' })
      map.addControl(navigation, 'top-right').addControl(scale, 'bottom-right')
    },
    onBasemapFailure(handler) {
      basemapFailure = handler
    },
    onViewChange(handler) {
      map.on('moveend', () => handler(view()))
    },
    destroy() {
      cancelAnimationFrame(fitFrame)
      removed = true
      map.remove()
    },
  }
}
