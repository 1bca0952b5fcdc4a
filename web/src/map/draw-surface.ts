/**
 * Drawing on the map, in the editor's words: draw a polygon or a cutting line, edit a polygon's
 * vertices, drag a point.
 * terra-draw does the pointer work through its maplibre adapter; this file is the only one that
 * knows it. It keeps no feature beyond the one in hand: what was drawn goes straight back to the
 * caller (the edit session), which decides what it means, records it and can undo it.
 */
import type * as maplibregl from 'maplibre-gl'
import type { LineString, Point, Polygon, Position } from 'geojson'
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { palette } from './palette.ts'

/** Moves a vertex where it should land (or leaves it: null), given how many metres a pixel spans here. */
export type SnapVertex = (position: Position, metresPerPixel: number) => Position | null

export interface DrawSurface {
  /** Draws a new polygon by clicks; closing it on its first vertex finishes it. */
  drawPolygon(handlers: { snap: SnapVertex; onSketch(polygon: Polygon | null): void; onFinish(polygon: Polygon): void }): void
  /** Draws a line by clicks (a cut across an area); a second click on its last point, or Enter, finishes it. */
  drawLine(handlers: { onFinish(line: LineString): void }): void
  /** Shows a polygon with draggable vertices (drag a midpoint to add one, right-click a vertex to delete it). */
  editPolygon(polygon: Polygon, handlers: { snap: SnapVertex; onChange(polygon: Polygon): void }): void
  /** Shows a point that can be dragged to a new place; map clicks still reach the page. */
  editPoint(point: Point, handlers: { onChange(point: Point): void }): void
  /** Replaces the shape in hand, for example after an undo. */
  replaceEdited(geometry: Polygon | Point): void
  /** Puts the drawing away; the map answers clicks as usual again. */
  stop(): void
  /** True while a tool is in hand, so that map clicks do not also select features. */
  active(): boolean
}

const SELECT = 'select'
const POLYGON = 'polygon'
const POINT = 'point'
const LINESTRING = 'linestring'
const STATIC = 'static'

/** terra-draw wants #rrggbb colours. */
const INK = palette.editor as `#${string}`

function toSnapToCustom(snap: SnapVertex): SnapToCustom {
  return (event, context) => {
    const aside = context.unproject(event.containerX + 1, event.containerY)
    const here: Position = [event.lng, event.lat]
    const cosLat = Math.cos((event.lat * Math.PI) / 180)
    const metresPerPixel = Math.hypot((aside.lng - event.lng) * cosLat, aside.lat - event.lat) * 111_320
    return snap(here, metresPerPixel) ?? undefined
  }
}

export function createDrawSurface(map: maplibregl.Map): DrawSurface {
  let snapVertex: SnapVertex = () => null
  const snapping = { toCustom: toSnapToCustom((p, m) => snapVertex(p, m)) }
  let onSketch: (polygon: Polygon | null) => void = () => {}
  let onFinish: (polygon: Polygon) => void = () => {}
  let onLine: (line: LineString) => void = () => {}
  let onPolygonChange: (polygon: Polygon) => void = () => {}
  let onPointChange: (point: Point) => void = () => {}

  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPolygonMode({
        snapping,
        pointerDistance: 12,
        styles: {
          fillColor: INK,
          fillOpacity: 0.15,
          outlineColor: INK,
          outlineWidth: 3,
          closingPointColor: '#ffffff',
          closingPointOutlineColor: INK,
          closingPointWidth: 6,
          closingPointOutlineWidth: 2,
          snappingPointColor: '#ffdd00',
          snappingPointWidth: 6,
        },
      }),
      new TerraDrawLineStringMode({
        pointerDistance: 12,
        styles: { lineStringColor: INK, lineStringWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: INK, closingPointWidth: 6, closingPointOutlineWidth: 2 },
      }),
      new TerraDrawPointMode({ editable: false, styles: { pointColor: INK, pointWidth: 6 } }),
      new TerraDrawSelectMode({
        allowManualDeselection: false,
        allowManualSelection: false,
        keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
        flags: {
          [POLYGON]: {
            feature: {
              draggable: false,
              coordinates: { draggable: true, deletable: true, midpoints: true, snappable: snapping },
            },
          },
          [POINT]: { feature: { draggable: true } },
        },
        styles: {
          selectedPolygonColor: INK,
          selectedPolygonFillOpacity: 0.15,
          selectedPolygonOutlineColor: INK,
          selectedPolygonOutlineWidth: 3,
          selectionPointColor: '#ffffff',
          selectionPointOutlineColor: INK,
          selectionPointWidth: 5,
          selectionPointOutlineWidth: 2,
          midPointColor: INK,
          midPointWidth: 3,
          selectedPointColor: INK,
          selectedPointWidth: 8,
        },
      }),
    ],
  })

  /** The terra-draw id of the shape in hand (terra-draw wants its own UUIDs). */
  let editedId: string | number | null = null
  let started = false
  const start = () => {
    if (started) return
    draw.start()
    started = true
  }
  // terra-draw adds its layers to the style, so it waits for the style like the census layers do.
  let mapLoaded = map.loaded()
  const waiting: Array<() => void> = []
  if (!mapLoaded) {
    map.once('load', () => {
      mapLoaded = true
      for (const run of waiting.splice(0)) run()
    })
  }
  const whenLoaded = (run: () => void) => (mapLoaded ? run() : waiting.push(run))

  const geometryOf = (id: string | number) => draw.getSnapshotFeature(id)?.geometry

  draw.on('change', (ids) => {
    if (draw.getMode() !== POLYGON) return
    const drawing = ids.map(geometryOf).find((g): g is Polygon => g?.type === 'Polygon')
    if (drawing) onSketch(drawing)
  })
  draw.on('finish', (id, context) => {
    const geometry = geometryOf(id)
    if (context.mode === POLYGON && geometry?.type === 'Polygon') {
      // The drawn polygon leaves terra-draw: from now on the edit session holds it.
      draw.removeFeatures([id])
      onSketch(null)
      // After the click that closed it has reached the map too, so that click is still the tool's
      // and does not select what lies under it.
      setTimeout(() => onFinish(geometry), 0)
    } else if (context.mode === LINESTRING && geometry?.type === 'LineString') {
      draw.removeFeatures([id])
      setTimeout(() => onLine(geometry), 0)
    } else if (context.mode === SELECT && geometry?.type === 'Polygon') {
      onPolygonChange(geometry)
    } else if (context.mode === SELECT && geometry?.type === 'Point') {
      onPointChange(geometry)
    }
  })

  const clear = () => {
    if (!started) return
    if (editedId !== null && draw.hasFeature(editedId)) {
      draw.deselectFeature(editedId)
      draw.removeFeatures([editedId])
    }
    editedId = null
    draw.clear()
  }

  const showEdited = (geometry: Polygon | Point, mode: string) => {
    clear()
    draw.setMode(SELECT)
    editedId = draw.getFeatureId()
    const [added] = draw.addFeatures([{ id: editedId, type: 'Feature', geometry, properties: { mode } }])
    // Shapes come from the server, which has checked them; a refusal here is a bug, not a user mistake.
    if (!added?.valid) throw new Error(`terra-draw refused the shape in hand: ${added?.reason ?? 'no reason'}`)
    draw.selectFeature(editedId)
  }

  let inHand = false
  return {
    drawPolygon(handlers) {
      inHand = true
      snapVertex = handlers.snap
      onSketch = handlers.onSketch
      onFinish = handlers.onFinish
      whenLoaded(() => {
        start()
        clear()
        draw.setMode(POLYGON)
      })
    },
    drawLine(handlers) {
      inHand = true
      onLine = handlers.onFinish
      whenLoaded(() => {
        start()
        clear()
        draw.setMode(LINESTRING)
      })
    },
    editPolygon(polygon, handlers) {
      inHand = true
      snapVertex = handlers.snap
      onPolygonChange = handlers.onChange
      whenLoaded(() => {
        start()
        showEdited(polygon, POLYGON)
      })
    },
    editPoint(point, handlers) {
      // A held building does not take clicks: the next click still places the next building.
      onPointChange = handlers.onChange
      whenLoaded(() => {
        start()
        showEdited(point, POINT)
      })
    },
    replaceEdited(geometry) {
      if (started && editedId !== null && draw.hasFeature(editedId)) showEdited(geometry, geometry.type === 'Point' ? POINT : POLYGON)
    },
    stop() {
      inHand = false
      snapVertex = () => null
      onSketch(null)
      whenLoaded(() => {
        if (!started) return
        clear()
        draw.setMode(STATIC)
      })
    },
    active: () => inHand,
  }
}
