/**
 * Buildings are too many to load for the whole county (about 90,000 in the complete demo city, some
 * 40 MB of GeoJSON), so they are fetched for the area in view once the map is zoomed in far enough
 * to show them (see minZoom.building), with a margin so that small pans need no new request.
 */
import { getFeature, listFeatures } from '../api/census-api.ts'
import type { Bounds } from '../features.ts'
import { containsBounds, padBounds } from '../geo/bounds.ts'
import { minZoom } from '../map/census-style.ts'
import type { MapView } from '../map/census-map.ts'
import type { ViewerStore } from '../store/viewer-store.ts'
import { messageOf } from './load-city.ts'

/**
 * A quarter of the view's size on each side: a pan of a quarter screen needs no request, and the
 * densest town centre still comes in around a megabyte.
 */
const MARGIN = 0.25

/** The box to fetch buildings for, or null when the view needs none or is already covered. */
export function buildingsToFetch(view: MapView, fetched: Bounds | null): Bounds | null {
  if (view.zoom < minZoom.building) return null
  if (fetched && containsBounds(fetched, view.bounds)) return null
  return padBounds(view.bounds, MARGIN)
}

export function createBuildingLoader(store: ViewerStore): (view: MapView) => void {
  let inFlight: AbortController | null = null
  return (view) => {
    const bounds = buildingsToFetch(view, store.getState().buildings?.bounds ?? null)
    if (!bounds) return
    inFlight?.abort()
    const request = new AbortController()
    inFlight = request
    listFeatures('building', { bbox: bounds }, request.signal).then(
      (collection) => store.buildingsLoaded(bounds, collection),
      (error: unknown) => {
        if (!request.signal.aborted) store.notify(messageOf(error))
      },
    )
  }
}

/**
 * A building picked among the vector-tile dots (zoomed out, where none are fetched as GeoJSON):
 * fetched alone, as the buildings of the one point it stands on, so its details can show.
 */
export function loadBuilding(store: ViewerStore, code: string): void {
  getFeature('building', code).then(
    (feature) => {
      const [lng, lat] = feature.geometry.coordinates as [number, number]
      store.buildingsLoaded([lng, lat, lng, lat], { type: 'FeatureCollection', features: [feature] })
    },
    (error: unknown) => store.notify(messageOf(error)),
  )
}
