/**
 * Keeps the map in step with the store, and turns what happens on the map into store actions. The
 * store stays the only source of truth: the map is told what to show, it never decides.
 */
import { featureKinds } from '../features.ts'
import { boundsOf } from '../geo/bounds.ts'
import type { CensusMap } from '../map/census-map.ts'
import { collectionOf } from '../store/selectors.ts'
import type { ViewerState, ViewerStore } from '../store/viewer-store.ts'
import { createBuildingLoader } from './building-loader.ts'

/** The area to show for the picked township, or the whole county. */
function extentOf(state: ViewerState) {
  const townships = state.city?.townships.features ?? []
  const shown = state.township ? townships.filter((t) => t.properties.code === state.township) : townships
  return boundsOf(shown.map((t) => t.geometry))
}

export function bindMapToStore(map: CensusMap, store: ViewerStore): () => void {
  const apply = (next: ViewerState, previous: ViewerState | null) => {
    for (const kind of featureKinds) {
      const collection = collectionOf(next, kind)
      if (collection && collection !== (previous && collectionOf(previous, kind))) map.showFeatures(kind, collection)
    }
    if (next.basemap !== previous?.basemap) map.setBasemap(next.basemap)
    if (next.selection !== previous?.selection) map.highlight(next.selection)
    const cityArrived = next.city !== previous?.city
    if (cityArrived || next.township !== previous?.township) {
      const extent = extentOf(next)
      if (extent) map.fitBounds(extent, { animate: !cityArrived })
    }
  }

  let previous = store.getState()
  apply(previous, null)
  const unsubscribe = store.subscribe(() => {
    const next = store.getState()
    apply(next, previous)
    previous = next
  })

  map.onFeatureClick((ref) => store.select(ref))
  const loadBuildings = createBuildingLoader(store)
  map.onViewChange(loadBuildings)
  return unsubscribe
}
