/**
 * The editor's glue with IO: it turns toolbar buttons, map clicks and keys into edit-session
 * actions, hands the drawing tools to the map, saves through the API, and keeps the viewer store in
 * step with what was saved. The decisions themselves live in editor/ (pure, unit-tested).
 */
import type { LineString, MultiPolygon, Point, Polygon, Position } from 'geojson'
import type { BuildingFeature, CollectionOfKind, FeatureRef, KindedFeature, SmallAreaFeature } from '../features.ts'
import type { CensusMap } from '../map/census-map.ts'
import { featureOf, selectedFeature } from '../store/selectors.ts'
import type { ViewerStore } from '../store/viewer-store.ts'
import { amendedBuilding, buildingChangeOf, checkBuildingForm, footprintInForm, type BuildingFormValues } from '../editor/building-form.ts'
import { EditSession, keyOf, type Edited, type EditorTool } from '../editor/edit-session.ts'
import { commandOf } from '../editor/shortcuts.ts'
import { neighbourTargets, snap, type SnapTargets } from '../editor/snapping.ts'
import { loadOf } from '../editor/small-area-load.ts'
import { followers, vertexEditOf } from '../editor/shared-edges.ts'
import { previewSmallAreaCode, unsavedVersionOf, withEdits } from '../editor/working-features.ts'
import { CODE_LENGTH, type Bilingual, type FieldProblem, type RepairResult } from '@census/shared'
import { mergeSmallAreas, splitArea } from '../api/census-api.ts'
import { editorText, fill } from '../i18n/editor-strings.ts'
import { messageOf } from './load-city.ts'
import { boundsOf, containsBounds, looksAt } from '../geo/bounds.ts'
import { apiWrites } from './editor-writes.ts'
import { Findings } from './findings.ts'

/** Vertices land on a neighbour within this many pixels of the pointer, whatever the zoom. */
const SNAP_REACH_PX = 12

/** Long enough to see what clipping cut off and read the message, short enough not to linger. */
const CLIPPED_SHOWN_MS = 12_000

const AUTHOR_KEY = 'census.author'

const firstPolygon = (shape: MultiPolygon): Polygon => ({ type: 'Polygon', coordinates: shape.coordinates[0] ?? [] })
const asMulti = (polygon: Polygon, rest: MultiPolygon | null = null): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [polygon.coordinates, ...(rest?.coordinates.slice(1) ?? [])],
})

/** A vertex lands on the nearest target within reach of the pointer, or stays where it was dropped. */
function snapperOf(targets: SnapTargets) {
  return (position: Position, metresPerPixel: number) => snap(position, targets, SNAP_REACH_PX * metresPerPixel)?.position ?? null
}

export class Editor {
  readonly session = new EditSession()
  readonly #writes = apiWrites(
    () => this.session.getState().author.trim(),
    () => this.session.getState().avoidOverlaps,
  )
  readonly findings: Findings
  #map: CensusMap | null = null
  #clippedTimer: ReturnType<typeof setTimeout> | undefined

  constructor(readonly store: ViewerStore) {
    this.findings = new Findings(store, this)
    this.session.signAs(globalThis.localStorage?.getItem(AUTHOR_KEY) ?? '')
    this.session.onSaved((saved) => {
      if (saved.kind === 'district') {
        // A district is never deleted: a save answers with it, its boundary drawn or removed.
        if (saved.feature?.kind === 'district') this.store.districtSaved(saved.feature.feature)
      } else if (saved.kind === 'smallArea') {
        this.store.featureSaved('smallArea', saved.previousCode, (saved.feature?.feature as SmallAreaFeature | undefined) ?? null)
      } else {
        this.store.featureSaved('building', saved.previousCode, (saved.feature?.feature as BuildingFeature | undefined) ?? null)
      }
    })
  }

  signAs(author: string): void {
    globalThis.localStorage?.setItem(AUTHOR_KEY, author.trim())
    this.session.signAs(author)
  }

  /** The districts as they are being edited: the loaded ones with the boundaries drawn or removed in this session. */
  districts(): CollectionOfKind<'district'> {
    const loaded = this.store.getState().city?.districts ?? { type: 'FeatureCollection', features: [] }
    return withEdits('district', loaded, this.session.getState().entries)
  }

  /** The small areas as they are being edited: the loaded ones with the session's working versions. */
  smallAreas(): CollectionOfKind<'smallArea'> {
    const loaded = this.store.getState().smallAreas?.collection ?? { type: 'FeatureCollection', features: [] }
    return withEdits('smallArea', loaded, this.session.getState().entries)
  }

  /** Buildings are loaded for the view only; the ones tagged in this session show even before that. */
  buildings(): CollectionOfKind<'building'> {
    const loaded = this.store.getState().buildings?.collection ?? { type: 'FeatureCollection', features: [] }
    return withEdits('building', loaded, this.session.getState().entries)
  }

  /**
   * The selected feature as the side panel shows it: the version being edited while it differs from
   * the saved one, with that saved one and, for a small area, what the browser counts in its shape
   * being edited; otherwise the feature as loaded. A small area drawn but not saved is selectable too.
   */
  selectedInHand(): { item: KindedFeature; unsaved: { saved: KindedFeature | null; count: { buildings: number; households: number } | null } | null } | null {
    const state = this.store.getState()
    const versions = state.selection && unsavedVersionOf(state.selection, this.session.getState().entries)
    if (!versions) {
      const item = selectedFeature(state)
      return item && { item, unsaved: null }
    }
    const { working, saved } = versions
    const count = working.kind === 'smallArea' ? this.#countCovered(working.feature.geometry, working.feature.properties.virtual) : null
    return { item: working, unsaved: { saved, count } }
  }

  /**
   * The buildings and households in a shape, counted among the buildings the page holds; null when
   * those (fetched round the view) do not cover the shape, which the count would then fall short of.
   */
  #countCovered(shape: MultiPolygon, virtual: boolean) {
    const fetched = this.store.getState().buildings?.bounds
    const extent = boundsOf([shape])
    return fetched && extent && containsBounds(fetched, extent) ? this.loadOf(shape, virtual) : null
  }

  /** The small area or building as the page has it, for its first edit in this session. */
  #loaded(ref: FeatureRef): Edited | null {
    if (ref.kind === 'district') {
      const feature = this.districts().features.find((f) => f.properties.code === ref.code)
      return feature ? { kind: 'district', feature } : null
    }
    if (ref.kind === 'smallArea') {
      const feature = this.smallAreas().features.find((f) => f.properties.code === ref.code)
      return feature ? { kind: 'smallArea', feature } : null
    }
    if (ref.kind === 'building') {
      const feature = this.buildings().features.find((f) => f.properties.code === ref.code)
      return feature ? { kind: 'building', feature } : null
    }
    return null
  }

  /** The session key of a loaded feature: a saved new one keeps the key it was created with. */
  #keyFor(edited: Edited): string {
    for (const entry of this.session.getState().entries.values()) {
      if (entry.working?.feature.properties.code === edited.feature.properties.code && entry.kind === edited.kind) return entry.key
    }
    return keyOf(edited.kind, edited.feature.properties.code)
  }

  /** Where a vertex lands in `district`: on its boundary or its other small areas' vertices and edges. */
  #snapperFor(district: string, exceptCode: string | null) {
    const snapperNow = () => {
      const boundary = this.districts().features.find((f) => f.properties.code === district)?.geometry ?? null
      const smallAreas = this.smallAreas().features.filter((f) => f.properties.districtCode === district)
      return snapperOf(neighbourTargets(boundary, smallAreas, exceptCode))
    }
    // Built again once the edits change: a neighbour's side moved along a shared edge is where vertices land now.
    let built = { entries: this.session.getState().entries, snapper: snapperNow() }
    return (position: Position, metresPerPixel: number) => {
      const { entries } = this.session.getState()
      if (entries !== built.entries) built = { entries, snapper: snapperNow() }
      return built.snapper(position, metresPerPixel)
    }
  }

  /** Where a vertex of `district`'s boundary lands: on its township's outline, the other districts', or its own small areas'. */
  #districtSnapperFor(district: string) {
    const township = district.slice(0, CODE_LENGTH.township)
    const outline = featureOf(this.store.getState(), { kind: 'township', code: township })?.geometry ?? null
    const siblings = this.districts().features.filter((f) => f.properties.townshipCode === township)
    const inside = this.smallAreas().features.flatMap((f) => (f.properties.districtCode === district ? [f.geometry] : []))
    return snapperOf(neighbourTargets(outline, siblings, district, inside))
  }

  // ---- what the map tells the editor ----

  attach(map: CensusMap): () => void {
    this.#map = map
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      const inField = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
      const command = commandOf({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, inField })
      if (!command) return
      if (command === 'undo' || command === 'redo') {
        event.preventDefault()
        this[command]()
      } else if (command === 'delete') {
        const selection = this.store.getState().selection
        if (selection?.kind === 'building' && this.session.getState().tool === 'tagBuildings') {
          event.preventDefault()
          void this.deleteBuilding(selection.code)
        }
      } else if (command === 'cancel') {
        this.useTool('browse')
      }
    }
    window.addEventListener('keydown', onKey)
    const detachFindings = this.findings.attach(map)
    return () => {
      detachFindings()
      clearTimeout(this.#clippedTimer)
      window.removeEventListener('keydown', onKey)
      map.draw.stop()
      this.#map = null
    }
  }

  /** A click on the map that no drawing tool took. */
  clicked(ref: FeatureRef | null, at: Position): void {
    const { tool } = this.session.getState()
    if (tool === 'merge') {
      const selection = this.store.getState().selection
      if (ref?.kind === 'smallArea' && selection?.kind === 'smallArea' && ref.code !== selection.code) void this.#merge(selection.code, ref.code)
      return
    }
    if (tool === 'tagBuildings' && ref?.kind !== 'building') {
      this.#map?.draw.stop()
      this.session.place({ type: 'Point', coordinates: at })
      return
    }
    if (tool === 'tagBuildings' && ref?.kind === 'building') this.holdBuilding(ref.code)
    else this.store.select(ref)
  }

  // ---- tools ----

  /** The district the tools work in: the selected one, or that of the selected small area or building. */
  districtInHand(): string | null {
    const selection = this.store.getState().selection
    if (!selection || selection.kind === 'township') return this.session.getState().district
    return selection.code.slice(0, CODE_LENGTH.district)
  }

  useTool(tool: EditorTool, editing: string | null = null): void {
    const map = this.#map
    const district = this.districtInHand()
    map?.draw.stop()
    const fresh = tool !== 'browse' && this.session.getState().tool === 'browse'
    this.session.setTool(tool, district, editing)
    if (!map || !district) return
    // Taking up a tool brings its district into view: that is where the work is.
    if (fresh && tool !== 'editSmallArea' && tool !== 'editDistrict' && !this.#fitDistrict(district)) this.showWhereToDraw(district)
    switch (tool) {
      case 'drawDistrict':
        // Drawing it is what the notice about its missing boundary asked for.
        if (this.store.getState().noticeAction?.district === district) this.store.notify(null)
        map.draw.drawPolygon({
          snap: this.#districtSnapperFor(district),
          onSketch: (polygon) => this.session.sketched(polygon),
          onFinish: (polygon) => this.#districtDrawn(district, polygon),
        })
        return
      case 'editDistrict': {
        const loaded = this.#loaded({ kind: 'district', code: district })
        if (loaded?.kind !== 'district' || !loaded.feature.geometry) return
        const key = this.#keyFor(loaded)
        this.session.setTool(tool, district, key)
        map.draw.editPolygon(firstPolygon(loaded.feature.geometry), {
          snap: this.#districtSnapperFor(district),
          onChange: (polygon) => {
            const now = this.session.working(key) ?? loaded
            if (now?.kind !== 'district') return
            this.session.change(loaded, { kind: 'district', feature: { ...now.feature, geometry: asMulti(polygon, now.feature.geometry) } }, key)
          },
        })
        return
      }
      case 'browse':
        return
      case 'tagBuildings':
        // Tagging buildings that are hidden would place them blind, and repeat them.
        this.store.showOverlay('buildings', true)
        return
      case 'split': {
        // What is cut is fixed when the tool is taken: the selected small area, else the district.
        const selection = this.store.getState().selection
        const target = selection?.kind === 'smallArea' ? selection.code : district
        map.draw.drawLine({ onFinish: (line) => void this.#split(target, line) })
        return
      }
      case 'merge':
        // The next click on a neighbour of the selected small area (see `clicked`).
        return
      case 'drawSmallArea':
        map.draw.drawPolygon({
          snap: this.#snapperFor(district, null),
          onSketch: (polygon) => this.session.sketched(polygon),
          onFinish: (polygon) => this.#drawn(district, polygon),
        })
        return
      case 'editSmallArea': {
        const loaded = editing ? this.#loaded({ kind: 'smallArea', code: editing }) : null
        if (!loaded || loaded.kind !== 'smallArea') return
        const key = this.#keyFor(loaded)
        this.session.setTool(tool, district, key)
        map.draw.editPolygon(firstPolygon(loaded.feature.geometry), {
          snap: this.#snapperFor(district, editing),
          onChange: (polygon) => this.#smallAreaEdited(loaded, key, polygon),
        })
        return
      }
      default: {
        const never: never = tool
        throw new Error(`unknown tool ${String(never)}`)
      }
    }
  }

  /**
   * A vertex of the small area in hand moved, added or deleted: the neighbours that shared the
   * stretch it touched get the same edit on their side (editor/shared-edges.ts), in the same undo
   * step, unless the person chose to move this small area only.
   */
  #smallAreaEdited(loaded: Edited, key: string, polygon: Polygon): void {
    const now = this.session.working(key) ?? loaded
    if (now?.kind !== 'smallArea') return
    const { code, districtCode } = now.feature.properties
    const edit = vertexEditOf(firstPolygon(now.feature.geometry), polygon)
    const neighbours = this.smallAreas().features.filter((f) => f.properties.districtCode === districtCode && f.properties.code !== code)
    const moved = edit ? followers(edit, neighbours.map((f) => ({ code: f.properties.code, geometry: f.geometry }))) : []
    this.session.editSharedEdge(
      { loaded, next: { kind: 'smallArea', feature: { ...now.feature, geometry: asMulti(polygon, now.feature.geometry) } }, key },
      moved.map(({ code: neighbour, geometry }) => {
        const feature = neighbours.find((f) => f.properties.code === neighbour)!
        const before: Edited = { kind: 'smallArea', feature }
        return { loaded: before, next: { kind: 'smallArea', feature: { ...feature, geometry } }, key: this.#keyFor(before) }
      }),
    )
  }

  /**
   * Fits the map to the district in hand. One with no boundary yet is nowhere on the map: the person
   * is told so, offered to draw it there and then, and shown its township, where it is to be drawn.
   */
  zoomToDistrict(): void {
    const district = this.districtInHand()
    if (!district || this.#fitDistrict(district)) return
    const name = featureOf(this.store.getState(), { kind: 'district', code: district })?.properties.name ?? district
    const { noBoundaryYet } = editorText
    this.store.notify({ zh: fill(noBoundaryYet.zh, { name }), en: fill(noBoundaryYet.en, { name }) }, { kind: 'drawDistrict', district })
    this.showWhereToDraw(district, true)
  }

  /** Fits the map to a district's boundary as being edited (drawn but unsaved counts), clear of the tools; false when it has none. */
  #fitDistrict(district: string): boolean {
    const extent = boundsOf([this.districts().features.find((f) => f.properties.code === district)?.geometry ?? null])
    if (extent) this.#map?.fitBounds(extent, { animate: false, forTools: true })
    return extent !== null
  }

  /**
   * Shows the township of a district with no boundary, where it is to be drawn, unless the map
   * already looks at it (`always`: even then): someone zoomed in there to draw keeps the view.
   */
  showWhereToDraw(district: string, always = false): void {
    const map = this.#map
    const township = featureOf(this.store.getState(), { kind: 'township', code: district.slice(0, CODE_LENGTH.township) })
    const extent = boundsOf([township?.geometry ?? null])
    if (map && extent && (always || !looksAt(map.view().bounds, extent))) map.fitBounds(extent, { animate: false, forTools: true })
  }

  /** What a notice about a district without a boundary offers: take it in hand and draw it. */
  drawDistrictBoundary(district: string): void {
    this.store.notify(null)
    if (this.districtInHand() !== district) this.store.select({ kind: 'district', code: district })
    if (this.session.getState().tool !== 'drawDistrict') this.useTool('drawDistrict')
  }

  /** An undrawn district's boundary, drawn: the working version until it is saved. */
  #districtDrawn(district: string, polygon: Polygon): void {
    const loaded = this.#loaded({ kind: 'district', code: district })
    if (loaded?.kind !== 'district') return
    this.session.change(loaded, { kind: 'district', feature: { ...loaded.feature, geometry: asMulti(polygon) } }, this.#keyFor(loaded))
    this.useTool('browse')
  }

  /**
   * Takes a district's boundary away, saved with the other changes and undoable like them; the
   * server refuses it while small areas lie in the district, and the toolbar says so.
   */
  removeDistrictBoundary(district: string): void {
    const loaded = this.#loaded({ kind: 'district', code: district })
    if (loaded?.kind !== 'district' || !loaded.feature.geometry) return
    this.useTool('browse')
    this.session.change(loaded, { kind: 'district', feature: { ...loaded.feature, geometry: null } }, this.#keyFor(loaded))
  }

  #drawn(district: string, polygon: Polygon): void {
    const loadedCodes = (this.store.getState().smallAreas?.collection.features ?? []).map((f) => f.properties.code)
    const { author, virtual, entries } = this.session.getState()
    const code = previewSmallAreaCode(district, loadedCodes, entries, virtual)
    if (!code) return
    const geometry = asMulti(polygon)
    const load = loadOf(geometry, this.#buildingPoints(), virtual)
    this.session.create({
      kind: 'smallArea',
      feature: {
        type: 'Feature',
        geometry,
        properties: {
          code,
          districtCode: district,
          virtual,
          enumerator: null,
          status: 'drawn',
          households: load.households,
          buildings: load.buildings,
          version: 0,
          updatedAt: new Date().toISOString(),
          updatedBy: author,
        },
      },
    })
    this.useTool('browse')
  }

  #buildingPoints() {
    return this.buildings().features.map((b) => ({ location: b.geometry.coordinates, households: b.properties.households }))
  }

  /** The live counter: buildings and households inside a shape, among those loaded in view, judged as an ordinary or a virtual small area. */
  loadOf(shape: Polygon | MultiPolygon, virtual = false) {
    return loadOf(shape, this.#buildingPoints(), virtual)
  }

  // ---- edits ----

  undo(): void {
    if (this.session.getState().sketch) return
    if (this.session.undo()) this.#refreshInHand()
  }

  redo(): void {
    if (this.session.getState().sketch) return
    if (this.session.redo()) this.#refreshInHand()
  }

  /** After an undo or redo, the shape in the drawing tool shows the working version. */
  #refreshInHand(): void {
    const { tool, editing, amending, tracing, footprint } = this.session.getState()
    if (amending) {
      // The building in the form was undone away; or it is back where it was, and the point in hand
      // goes there too (an outline being traced or adjusted on the map stays as it is).
      if (!this.buildingInForm()) this.cancelBuildingForm()
      else if (!tracing && (footprint === 'kept' || footprint === null)) this.#grip({ kind: 'building', feature: amending.opened }, amending.key)
    }
    const working = editing ? this.session.working(editing) : undefined
    if (tool === 'editSmallArea' && working?.kind === 'smallArea') this.#map?.draw.replaceEdited(firstPolygon(working.feature.geometry))
    else if (tool === 'editDistrict' && working?.kind === 'district' && working.feature.geometry) this.#map?.draw.replaceEdited(firstPolygon(working.feature.geometry))
    else if (tool === 'editSmallArea' || tool === 'editDistrict') this.useTool('browse')
  }

  deleteSmallArea(code: string): void {
    const loaded = this.#loaded({ kind: 'smallArea', code })
    if (!loaded) return
    this.useTool('browse')
    this.session.change(loaded, null, this.#keyFor(loaded))
    this.store.select({ kind: 'district', code: code.slice(0, CODE_LENGTH.district) })
  }

  /** Takes the other person's version of a stale edit; theirs is what the server has, so the page shows it. */
  takeTheirs(key: string): void {
    const theirs = this.session.getState().entries.get(key)?.conflict
    if (!theirs) return
    this.session.takeTheirs(key)
    if (theirs.kind === 'district') this.store.districtSaved(theirs.feature)
    else if (theirs.kind === 'smallArea') this.store.featureSaved('smallArea', theirs.feature.properties.code, theirs.feature)
    else this.store.featureSaved('building', theirs.feature.properties.code, theirs.feature)
    this.#refreshInHand()
  }

  async save(): Promise<void> {
    await this.session.save(this.#writes)
    // What clipping cut off is drawn on the map for a while, then goes away by itself.
    if ([...this.session.getState().entries.values()].some((e) => e.clipped.length > 0)) {
      clearTimeout(this.#clippedTimer)
      this.#clippedTimer = setTimeout(() => this.session.dismissClipped(), CLIPPED_SHOWN_MS)
    }
  }

  /** A small area a repair changed on the server: the session and the page take the new version. */
  serverSaved(feature: SmallAreaFeature): void {
    this.session.serverChanged({ kind: 'smallArea', feature })
    this.store.featureSaved('smallArea', feature.properties.code, feature)
  }

  // ---- split and merge: one server operation each, saved at once ----

  /**
   * Whether a split or merge may start: they are saved on the server at once, outside the undo
   * history, so nothing unsaved may be pending (it would be based on shapes that no longer exist).
   */
  canRestructure(): boolean {
    const state = this.session.getState()
    return state.author.trim() !== '' && !state.saving && this.session.unsaved().length === 0 && this.session.conflicts().length === 0
  }

  async #split(target: string, line: LineString): Promise<void> {
    this.useTool('browse')
    const version =
      target.length === CODE_LENGTH.smallArea
        ? this.smallAreas().features.find((f) => f.properties.code === target)?.properties.version
        : featureOf(this.store.getState(), { kind: 'district', code: target })?.properties.version
    if (version === undefined) return
    await this.#restructure(() => splitArea({ target, version, line }, this.session.getState().author.trim()), editorText.splitDone)
  }

  async #merge(first: string, second: string): Promise<void> {
    this.useTool('browse')
    if (!window.confirm(fill(editorText.confirmMerge[this.store.getState().language], { a: first, b: second }))) return
    const versionOf = (code: string) => this.smallAreas().features.find((f) => f.properties.code === code)?.properties.version ?? 0
    await this.#restructure(
      () => mergeSmallAreas({ smallAreas: [first, second], versions: [versionOf(first), versionOf(second)] }, this.session.getState().author.trim()),
      editorText.mergeDone,
    )
  }

  /** Runs a split or merge, puts what it wrote on the page, and ends the undo history there (see checkpoint). */
  async #restructure(request: () => Promise<RepairResult<SmallAreaFeature>>, done: Bilingual): Promise<void> {
    try {
      const result = await request()
      for (const code of result.deleted) this.store.featureSaved('smallArea', code, null)
      for (const feature of result.smallAreas) this.store.featureSaved('smallArea', feature.properties.code, feature)
      this.session.checkpoint()
      const [first] = result.smallAreas
      this.store.select(first ? { kind: 'smallArea', code: first.properties.code } : null)
      const codes = result.smallAreas.map((f) => f.properties.code).join('、')
      this.store.notify({ zh: fill(done.zh, { codes }), en: fill(done.en, { codes }) })
    } catch (error) {
      this.store.notify(messageOf(error))
    }
    await this.findings.refresh()
  }

  /**
   * Traces the outline of the building in the form (new or saved): a polygon drawn by clicks on the
   * map, which then stays there with draggable corners until the form is saved or given up.
   */
  traceFootprint(): void {
    const map = this.#map
    const { placing, amending } = this.session.getState()
    if (!map || (!placing && !amending)) return
    const nowhere = () => null
    this.session.startTracing()
    map.draw.drawPolygon({
      snap: nowhere,
      onSketch: () => {},
      onFinish: (traced) => {
        this.session.traceFootprint(traced)
        map.draw.editPolygon(traced, { snap: nowhere, onChange: (changed) => this.session.traceFootprint(changed) })
      },
    })
  }

  clearFootprint(): void {
    this.#map?.draw.stop()
    this.session.traceFootprint(null)
    // A saved building in hand can be dragged again once no outline is on the map instead.
    const amending = this.session.getState().amending
    if (amending) this.#grip({ kind: 'building', feature: amending.opened }, amending.key)
  }

  /** Closes the building form: gives up the building being placed, or the changes to the saved one, and its outline. */
  cancelBuildingForm(): void {
    this.#map?.draw.stop()
    this.session.place(null)
  }

  /** The saved building whose form is open, as it is now (dragged since, say); null when none is, or it was deleted. */
  buildingInForm(): BuildingFeature | null {
    const amending = this.session.getState().amending
    if (!amending) return null
    const working = this.session.working(amending.key)
    if (working === undefined) return amending.opened
    return working?.kind === 'building' ? working.feature : null
  }

  /** Saves the building form, of a new building or a saved one; the problems by field when it does not pass. */
  async submitBuilding(values: BuildingFormValues): Promise<FieldProblem[]> {
    if (this.session.getState().amending) return this.#submitAmendment(values)
    const { placing, district, author, footprint } = this.session.getState()
    if (!placing || !district) return []
    const checked = checkBuildingForm(values, district, placing, footprintInForm(footprint, null))
    if (!checked.ok) return checked.problems
    const { input } = checked
    const key = this.session.create({
      kind: 'building',
      feature: {
        type: 'Feature',
        geometry: input.location,
        properties: {
          // A placeholder until the server assigns the next code of the district.
          code: `new-${Date.now()}`,
          districtCode: district,
          smallAreaCode: null,
          use: input.use,
          floors: input.floors,
          households: input.households,
          address: input.address,
          note: input.note,
          footprint: input.footprint ?? null,
          version: 0,
          updatedAt: new Date().toISOString(),
          updatedBy: author,
        },
      },
    })
    this.session.buildingValuesUsed(values)
    this.#map?.draw.stop()
    this.session.place(null)
    await this.session.save(this.#writes, [key])
    return this.session.getState().entries.get(key)?.refusal?.problems ?? []
  }

  /**
   * The form of a saved building: one undo step like any edit, saved at once with its version (a
   * stale one opens the dialog of both versions). The values kept for the next new building stay
   * those of the last new one: an edit fixes one building, it says nothing of its neighbours.
   */
  async #submitAmendment(values: BuildingFormValues): Promise<FieldProblem[]> {
    const { amending, footprint } = this.session.getState()
    const building = this.buildingInForm()
    if (!amending || !building) return []
    const checked = checkBuildingForm(values, building.properties.districtCode, building.geometry, footprintInForm(footprint, building))
    if (!checked.ok) return checked.problems
    const next = amendedBuilding(building, checked.input, footprint)
    this.#map?.draw.stop()
    this.session.amend(null)
    // Nothing changed: nothing to undo, nothing to send.
    if (Object.keys(buildingChangeOf(building, next)).length === 0) return []
    this.session.change({ kind: 'building', feature: amending.opened }, { kind: 'building', feature: next }, amending.key)
    await this.session.save(this.#writes, [amending.key])
    return this.session.getState().entries.get(amending.key)?.refusal?.problems ?? []
  }

  async deleteBuilding(code: string): Promise<void> {
    const loaded = this.#loaded({ kind: 'building', code })
    if (!loaded) return
    this.#map?.draw.stop()
    const key = this.#keyFor(loaded)
    if (this.session.getState().amending?.key === key) this.session.amend(null)
    this.session.change(loaded, null, key)
    this.store.select(null)
    await this.session.save(this.#writes, [key])
  }

  /**
   * Holds a building in the tagging tool: it can be dragged to where it really stands, deleted by a
   * key, and its form is open with its values, to correct them or trace its outline.
   */
  holdBuilding(code: string): void {
    this.store.select({ kind: 'building', code })
    const loaded = this.#loaded({ kind: 'building', code })
    if (!loaded || loaded.kind !== 'building') return
    const key = this.#keyFor(loaded)
    this.session.amend({ key, opened: loaded.feature })
    this.#grip(loaded, key)
  }

  /** Lets the held building be dragged; each drop is saved at once, and its form follows it. */
  #grip(loaded: Edited, key: string): void {
    const held = this.session.working(key) ?? loaded
    if (held.kind !== 'building') return
    this.#map?.draw.editPoint(held.feature.geometry, {
      onChange: (point: Point) => {
        const now = this.session.working(key) ?? loaded
        if (now?.kind !== 'building') return
        this.session.change(loaded, { kind: 'building', feature: { ...now.feature, geometry: point } }, key)
        void this.session.save(this.#writes, [key])
      },
    })
  }
}
