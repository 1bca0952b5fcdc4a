/**
 * Keeps the map in step with the store (and the editor's working versions), and turns what happens
 * on the map into store or editor actions. The map is told what to show, it never decides.
 */
import { featureKinds, type FeatureKind } from '../features.ts'
import { boundsOf } from '../geo/bounds.ts'
import type { CensusMap } from '../map/census-map.ts'
import { collectionOf } from '../store/selectors.ts'
import type { ViewerState, ViewerStore } from '../store/viewer-store.ts'
import { createBuildingLoader } from './building-loader.ts'
import type { Editor } from './editor.ts'

/** The area to show for the picked township, or the whole county. */
function extentOf(state: ViewerState) {
  const townships = state.city?.townships.features ?? []
  const shown = state.township ? townships.filter((t) => t.properties.code === state.township) : townships
  return boundsOf(shown.map((t) => t.geometry))
}

export function bindMapToStore(map: CensusMap, store: ViewerStore, editor: Editor): () => void {
  // Small areas and buildings are shown as they are being edited (see editor/working-features.ts).
  const shown = (kind: FeatureKind) =>
    kind === 'smallArea' ? editor.smallAreas() : kind === 'building' ? editor.buildings() : collectionOf(store.getState(), kind)
  let edits = editor.session.getState().entries
  const apply = (next: ViewerState, previous: ViewerState | null) => {
    const editsChanged = editor.session.getState().entries !== edits
    edits = editor.session.getState().entries
    for (const kind of featureKinds) {
      const loaded = collectionOf(next, kind)
      const edited = editsChanged && (kind === 'smallArea' || kind === 'building')
      const shownNow = edited || (loaded && loaded !== (previous && collectionOf(previous, kind))) ? shown(kind) : null
      if (shownNow) map.showFeatures(kind, shownNow)
    }
    if (next.basemap !== previous?.basemap) map.setBasemap(next.basemap)
    if (next.selection !== previous?.selection) map.highlight(next.selection)
    // Only the first arrival: a saved small area replaces `city` too, and must not move the view.
    const cityArrived = !!next.city && !previous?.city
    if (cityArrived || next.township !== previous?.township) {
      const extent = extentOf(next)
      if (extent) map.fitBounds(extent, { animate: !cityArrived })
    }
  }

  let previous = store.getState()
  apply(previous, null)
  const onChange = () => {
    const next = store.getState()
    apply(next, previous)
    previous = next
  }
  const unsubscribe = store.subscribe(onChange)
  const unsubscribeEdits = editor.session.subscribe(onChange)

  map.onFeatureClick((ref, at) => editor.clicked(ref, at))
  const loadBuildings = createBuildingLoader(store)
  map.onViewChange(loadBuildings)
  return () => {
    unsubscribe()
    unsubscribeEdits()
  }
}
