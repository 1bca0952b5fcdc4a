/**
 * Keeps the map in step with the store (and the editor's working versions), and turns what happens
 * on the map into store or editor actions. The map is told what to show, it never decides.
 */
import { countyOf } from '@census/shared'
import { tileUrlTemplate } from '../api/census-api.ts'
import { featureKinds, type FeatureKind } from '../features.ts'
import { boundsOf } from '../geo/bounds.ts'
import type { CensusMap } from '../map/census-map.ts'
import { collectionOf } from '../store/selectors.ts'
import type { ViewerState, ViewerStore } from '../store/viewer-store.ts'
import { createBuildingLoader, loadBuilding } from './building-loader.ts'
import type { Editor } from './editor.ts'
import { shownBasemap } from '../settings/basemap-settings.ts'
import type { Mark } from '../map/census-map.ts'

/** What to point at on the map: the finding in view, and what the last saves clipped or were refused for. */
function marksOf(editor: Editor): Mark[] {
  const marks: Mark[] = []
  const focused = editor.findings.getState().focused
  if (focused?.geometry) marks.push({ kind: 'finding', geometry: focused.geometry })
  for (const entry of editor.session.getState().entries.values()) {
    for (const part of entry.clipped) marks.push({ kind: 'clipped', geometry: part.geometry })
    for (const part of entry.refusal?.overlaps ?? []) marks.push({ kind: 'refused', geometry: part.geometry })
  }
  return marks
}

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
  // Buildings at overview zooms are the county's vector tiles; each save fetches them again.
  let tilesVersion = 0
  const showBuildingTiles = () => {
    const township = store.getState().city?.townships.features[0]
    if (township) map.showBuildingTiles(tileUrlTemplate('buildings', countyOf(township.properties.code), tilesVersion))
  }
  let focused = editor.findings.getState().focused
  const apply = (next: ViewerState, previous: ViewerState | null) => {
    const editsChanged = editor.session.getState().entries !== edits
    edits = editor.session.getState().entries
    const focusChanged = editor.findings.getState().focused !== focused
    focused = editor.findings.getState().focused
    if (editsChanged || focusChanged || !previous) map.showMarks(marksOf(editor))
    for (const kind of featureKinds) {
      const loaded = collectionOf(next, kind)
      const edited = editsChanged && (kind === 'smallArea' || kind === 'building')
      const shownNow = edited || (loaded && loaded !== (previous && collectionOf(previous, kind))) ? shown(kind) : null
      if (shownNow) map.showFeatures(kind, shownNow)
    }
    if (next.basemap !== previous?.basemap || next.basemapChoice !== previous?.basemapChoice) {
      map.setBasemap(shownBasemap(next.basemapChoice, next.basemap))
    }
    if (next.selection !== previous?.selection) map.highlight(next.selection)
    // A building picked among the tile dots is not among those fetched: fetch it for its details.
    const picked = next.selection
    if (picked !== previous?.selection && picked?.kind === 'building' && !editor.buildings().features.some((b) => b.properties.code === picked.code)) {
      loadBuilding(store, picked.code)
    }
    // Only the first arrival: a saved small area replaces `city` too, and must not move the view.
    const cityArrived = !!next.city && !previous?.city
    if (cityArrived) showBuildingTiles()
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
  const unsubscribeFindings = editor.findings.subscribe(onChange)
  const unsubscribeSaves = editor.session.onSaved(() => {
    tilesVersion += 1
    showBuildingTiles()
  })

  map.onFeatureClick((ref, at) => editor.clicked(ref, at))
  const loadBuildings = createBuildingLoader(store)
  map.onViewChange(loadBuildings)
  return () => {
    unsubscribe()
    unsubscribeEdits()
    unsubscribeFindings()
    unsubscribeSaves()
  }
}
