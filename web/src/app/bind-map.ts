/**
 * Keeps the map in step with the store (and the editor's working versions), and turns what happens
 * on the map into store or editor actions. The map is told what to show, it never decides.
 */
import { countyOf } from '@census/shared'
import { tileUrlTemplate } from '../api/census-api.ts'
import { featureKinds, type CollectionOfKind, type FeatureKind } from '../features.ts'
import { boundsOf } from '../geo/bounds.ts'
import type { CensusMap } from '../map/census-map.ts'
import { collectionOf, districtsOfTownship } from '../store/selectors.ts'
import type { ViewerState, ViewerStore } from '../store/viewer-store.ts'
import { createBuildingLoader, loadBuilding } from './building-loader.ts'
import { followTownshipInHand, townshipInFocus } from './small-area-loader.ts'
import type { Editor } from './editor.ts'
import { basemapFailure, shownBasemap } from '../settings/basemap-settings.ts'
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

/** Whether each district of the township whose small areas are held is divided, as they are being edited. */
function subdividedIn(state: ViewerState, smallAreas: CollectionOfKind<'smallArea'>): Map<string, boolean> {
  const divided = new Map<string, boolean>()
  if (state.smallAreas) for (const d of districtsOfTownship(state, state.smallAreas.township)) divided.set(d.properties.code, false)
  for (const f of smallAreas.features) if (divided.has(f.properties.districtCode)) divided.set(f.properties.districtCode, true)
  return divided
}

export function bindMapToStore(map: CensusMap, store: ViewerStore, editor: Editor): () => void {
  // Districts, small areas and buildings are shown as they are being edited (see editor/working-features.ts).
  const shown = (kind: FeatureKind) =>
    kind === 'district' ? editor.districts() : kind === 'smallArea' ? editor.smallAreas() : kind === 'building' ? editor.buildings() : collectionOf(store.getState(), kind)
  let edits = editor.session.getState().entries
  // The county's small areas (but the township in hand's) and its buildings at overview zooms are
  // vector tiles; each save fetches them again.
  let tilesVersion = 0
  const showTiles = () => {
    const township = store.getState().city?.townships.features[0]
    if (!township) return
    const county = countyOf(township.properties.code)
    map.showSmallAreaTiles(tileUrlTemplate('small-areas', county, tilesVersion), store.getState().smallAreas?.township ?? null)
    map.showBuildingTiles(tileUrlTemplate('buildings', county, tilesVersion))
  }
  let focused = editor.findings.getState().focused
  let placing = editor.session.getState().placing
  const apply = (next: ViewerState, previous: ViewerState | null) => {
    // The building being placed is marked from the click until its form is saved or given up.
    if (editor.session.getState().placing !== placing || !previous) {
      placing = editor.session.getState().placing
      map.showPlacing(placing?.coordinates ?? null)
    }
    const editsChanged = editor.session.getState().entries !== edits
    edits = editor.session.getState().entries
    const focusChanged = editor.findings.getState().focused !== focused
    focused = editor.findings.getState().focused
    if (editsChanged || focusChanged || !previous) map.showMarks(marksOf(editor))
    for (const kind of featureKinds) {
      const loaded = collectionOf(next, kind)
      const edited = editsChanged && kind !== 'township'
      const shownNow = edited || (loaded && loaded !== (previous && collectionOf(previous, kind))) ? shown(kind) : null
      if (shownNow) map.showFeatures(kind, shownNow)
      if (shownNow && kind === 'smallArea') map.markSubdivided(subdividedIn(next, shownNow as CollectionOfKind<'smallArea'>))
    }
    if (next.basemap !== previous?.basemap || next.basemapChoice !== previous?.basemapChoice) {
      map.setBasemap(shownBasemap(next.basemapChoice, next.basemap))
    }
    if (next.language !== previous?.language) map.setLanguage(next.language)
    if (next.hiddenOverlays !== previous?.hiddenOverlays) map.hideOverlays(next.hiddenOverlays)
    if (next.selection !== previous?.selection) map.highlight(next.selection)
    map.focusTownship(townshipInFocus(editor.districtInHand(), next.township))
    // A building picked among the tile dots is not among those fetched: fetch it for its details.
    const picked = next.selection
    if (picked !== previous?.selection && picked?.kind === 'building' && !editor.buildings().features.some((b) => b.properties.code === picked.code)) {
      loadBuilding(store, picked.code)
    }
    // A district with no boundary is nowhere on the map: picking it (from the list of them) shows its
    // township instead, where it is to be drawn, rather than leaving the view wherever it was.
    if (picked !== previous?.selection && picked?.kind === 'district' && !editor.districts().features.find((d) => d.properties.code === picked.code)?.geometry) {
      editor.showWhereToDraw(picked.code)
    }
    // Only the first arrival: a saved district replaces `city` too, and must not move the view.
    const cityArrived = !!next.city && !previous?.city
    if (cityArrived || next.smallAreas?.township !== previous?.smallAreas?.township) showTiles()
    if (cityArrived || next.township !== previous?.township) {
      const extent = extentOf(next)
      // A jump, not a flight: the place was picked by name, and each frame of a flight over a
      // township's districts is costly on an office PC without a GPU (bench/ map-idle).
      if (extent) map.fitBounds(extent, { animate: false })
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
  // One save may announce several features (the neighbours that took its vertices): the tiles are
  // fetched again once for all of them.
  let tilesRefreshQueued = false
  const unsubscribeSaves = editor.session.onSaved(() => {
    if (tilesRefreshQueued) return
    tilesRefreshQueued = true
    queueMicrotask(() => {
      tilesRefreshQueued = false
      tilesVersion += 1
      showTiles()
    })
  })

  map.onFeatureClick((ref, at) => editor.clicked(ref, at))
  map.onBasemapFailure((status) => store.basemapFailed(basemapFailure(status)))
  const loadBuildings = createBuildingLoader(store)
  map.onViewChange(loadBuildings)
  const unfollowTownship = followTownshipInHand(store, editor, map)
  return () => {
    unfollowTownship()
    unsubscribe()
    unsubscribeEdits()
    unsubscribeFindings()
    unsubscribeSaves()
  }
}
