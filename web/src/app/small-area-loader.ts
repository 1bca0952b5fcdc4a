/**
 * The small areas the editor works on come as GeoJSON one township at a time: the township of the
 * district in hand, else the one picked in the header. A whole county's (7,000 in Tengzhou,
 * 63,000 in a city like Xi'an) would be megabytes before the first click; the map draws the rest
 * from vector tiles (map/tiles-style.ts).
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

/** Keeps the store holding the small areas of the township in hand; returns the unsubscribe. */
export function followTownshipInHand(store: ViewerStore, editor: Editor, map: CensusMap): () => void {
  let wanted: string | null = null
  let inFlight: AbortController | null = null
  const follow = () => {
    const township = townshipInHand(editor.districtInHand(), store.getState().township, map.view().zoom)
    // Back at the county view the last township's stay: nothing is lost by keeping them.
    if (!township || township === wanted) return
    wanted = township
    inFlight?.abort()
    const request = new AbortController()
    inFlight = request
    listFeatures('smallArea', { township }, request.signal).then(
      (collection) => store.smallAreasLoaded(township, collection),
      (error: unknown) => {
        if (request.signal.aborted) return
        wanted = null
        store.notify(messageOf(error))
      },
    )
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
