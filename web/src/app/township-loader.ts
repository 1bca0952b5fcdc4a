/**
 * What the editor works on comes as GeoJSON one township at a time: the boundaries of the districts
 * of the district in hand's township, and the small areas of the township in hand (the district in
 * hand's, else the one picked in the header). A whole county's (3,200 districts and 63,000 small
 * areas in a city like Xi'an) would be megabytes before the first click; the map draws the rest from
 * vector tiles (map/tiles-style.ts).
 */
import { CODE_LENGTH } from '@census/shared'
import { listFeatures } from '../api/census-api.ts'
import type { CensusMap } from '../map/census-map.ts'
import { minZoom } from '../map/census-style.ts'
import type { ViewerStore } from '../store/viewer-store.ts'
import type { Editor } from './editor.ts'
import { messageOf } from './load-city.ts'

/** The township being worked on, which the map draws alone when zoomed out: the district in hand's, else the picked one. */
export function townshipInFocus(districtInHand: string | null, picked: string | null): string | null {
  return districtInHand ? districtInHand.slice(0, CODE_LENGTH.township) : picked
}

/**
 * The township whose small areas to hold: the one in focus, but a picked one only once the map is in
 * close enough to show small areas (further out they are not drawn, so not fetched).
 */
export function townshipInHand(districtInHand: string | null, picked: string | null, zoom: number): string | null {
  return districtInHand || zoom >= minZoom.smallArea ? townshipInFocus(districtInHand, picked) : null
}

/**
 * Keeps the store holding one township's features: `wanted` says which (null: keep what is held),
 * `load` fetches them. Returns the unsubscribe.
 */
function followTownship(
  store: ViewerStore,
  editor: Editor,
  map: CensusMap,
  wanted: () => string | null,
  load: (township: string, signal: AbortSignal) => Promise<void>,
): () => void {
  let asked: string | null = null
  let inFlight: AbortController | null = null
  const follow = () => {
    const township = wanted()
    // Back at the county view the last township's stay: nothing is lost by keeping them.
    if (!township || township === asked) return
    asked = township
    inFlight?.abort()
    const request = new AbortController()
    inFlight = request
    load(township, request.signal).catch((error: unknown) => {
      if (request.signal.aborted) return
      asked = null
      store.notify(messageOf(error))
    })
  }
  const unsubscribe = store.subscribe(follow)
  const unsubscribeEdits = editor.session.subscribe(follow)
  map.onViewChange(follow)
  follow()
  return () => {
    inFlight?.abort()
    unsubscribe()
    unsubscribeEdits()
  }
}

/**
 * The township whose districts' boundaries to hold: the district in hand's, whose boundary and
 * neighbours the tools work on. A township only looked at is drawn from tiles: fetching its
 * boundaries as well would redraw the same districts once more, each frame costly on an office PC
 * without a GPU (bench/, map-idle).
 */
export function townshipOfDistrictInHand(districtInHand: string | null): string | null {
  return districtInHand ? districtInHand.slice(0, CODE_LENGTH.township) : null
}

/** Keeps the store holding the boundaries of the districts of the district in hand's township and the small areas of the township in hand. */
export function followTownshipsInHand(store: ViewerStore, editor: Editor, map: CensusMap): () => void {
  const unfollowDistricts = followTownship(
    store,
    editor,
    map,
    // Only into the county's list, once it is there.
    () => (store.getState().city ? townshipOfDistrictInHand(editor.districtInHand()) : null),
    async (township, signal) => store.districtBoundariesLoaded(township, await listFeatures('district', { township }, signal)),
  )
  const unfollowSmallAreas = followTownship(
    store,
    editor,
    map,
    () => townshipInHand(editor.districtInHand(), store.getState().township, map.view().zoom),
    async (township, signal) => store.smallAreasLoaded(township, await listFeatures('smallArea', { township }, signal)),
  )
  return () => {
    unfollowDistricts()
    unfollowSmallAreas()
  }
}
