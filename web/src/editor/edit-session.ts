/**
 * The editor's one source of truth for a working session: which tool is in hand, which district
 * boundaries, small areas and buildings were edited (each as the version last saved and the version being worked on), the
 * undo stack of diffs between working versions, and what saving found (problems, stale versions).
 *
 * Undo and redo change working versions only; whatever differs from the saved one is "unsaved", so
 * undoing a saved creation simply leaves a deletion to save. It does no IO: saving goes through the
 * `EditorWrites` it is given, which answers with values (saved, stale, refused), never by throwing.
 */
import type { Bilingual, ClippedPart, FieldProblem } from '@census/shared'
import type { Point, Polygon } from 'geojson'
import type { BuildingFeature, DistrictFeature, SmallAreaFeature } from '../features.ts'
import { StateHolder } from '../store/state-holder.ts'
import type { BuildingFormValues, FormFootprint } from './building-form.ts'
import { UndoStack, type Change, type Diff } from './history.ts'

export type EditableKind = 'district' | 'smallArea' | 'building'

/**
 * A district, a small area or a building, tagged with its kind so a switch narrows the feature. A
 * district is on the official list whether drawn or not: drawing it, or removing its boundary,
 * changes its geometry (null when undrawn); it is never created or deleted here.
 */
export type Edited =
  | { kind: 'district'; feature: DistrictFeature }
  | { kind: 'smallArea'; feature: SmallAreaFeature }
  | { kind: 'building'; feature: BuildingFeature }

/**
 * `drawDistrict` and `editDistrict` work on the boundary of the district in hand; `split` draws a
 * cutting line; `merge` waits for the neighbour to merge the selected small area with.
 */
export type EditorTool = 'browse' | 'drawDistrict' | 'editDistrict' | 'drawSmallArea' | 'editSmallArea' | 'tagBuildings' | 'split' | 'merge'

/**
 * What the server said to one write. A small area's boundary may have been clipped where it
 * overlapped its neighbours or left its district; with clipping off, those overlaps are why it
 * was refused.
 */
export type WriteOutcome =
  /** `neighbours`: districts or small areas the server changed beside it (they took its vertices on their edges), as they are now. */
  | { outcome: 'saved'; feature: Edited | null; clipped?: ClippedPart[]; neighbours?: Edited[] }
  | { outcome: 'stale'; current: Edited }
  | { outcome: 'refused'; message: Bilingual; problems: FieldProblem[]; overlaps?: ClippedPart[] }

export interface Refusal {
  message: Bilingual
  problems: FieldProblem[]
  /** The parts that overlap neighbours or leave the district, when that is why. */
  overlaps: ClippedPart[]
}

/** The writes the session needs, passed in so the session is tested without a server. */
export interface EditorWrites {
  create(edited: Edited): Promise<WriteOutcome>
  update(saved: Edited, working: Edited): Promise<WriteOutcome>
  remove(saved: Edited): Promise<WriteOutcome>
  /**
   * Small areas changed by one action (a shared edge moved on both sides), saved all or none in one
   * transaction: one outcome each, in order.
   */
  updateTogether(changes: ReadonlyArray<{ saved: Edited; working: Edited }>): Promise<WriteOutcome[]>
}

/** One feature's part in an action: as the page had it (for its first edit), what it becomes, and its session key. */
export interface FeatureChange {
  loaded: Edited
  next: Edited | null
  key?: string
}

export interface EditEntry {
  key: string
  kind: EditableKind
  /** As the server last returned it (with its version), or null when it is not on the server. */
  saved: Edited | null
  /** As the person has it now, or null when they deleted it. */
  working: Edited | null
  refusal: Refusal | null
  /** What its last save cut off, to show until the person has seen it (or edits it again). */
  clipped: ClippedPart[]
  /** Someone else saved it first: their version, to show beside ours until the person chooses. */
  conflict: Edited | null
}

export interface EditState {
  tool: EditorTool
  /** The census district being worked in: new small areas and buildings go into it. */
  district: string | null
  /** The district or small area whose vertices are in hand (tools `editDistrict`, `editSmallArea`), by session key. */
  editing: string | null
  /** The polygon being drawn, before it is closed, for the live counter. */
  sketch: Polygon | null
  /** Whether the next small area drawn is a virtual one (虚拟普查小区, numbered from 900) rather than an ordinary one. */
  virtual: boolean
  /** Where the next building goes, while its form is open. */
  placing: Point | null
  /**
   * The saved building whose form is open instead (clicked in the tagging tool), by session key,
   * with the building as it was when the form opened.
   */
  amending: { key: string; opened: BuildingFeature } | null
  /** The outline in the open building form (see FormFootprint). */
  footprint: FormFootprint
  /** True while an outline is being traced on the map; the form keeps the one it had until it is closed. */
  tracing: boolean
  /** The values of the last new building saved, which the next one starts with (edits of saved ones do not count). */
  lastBuilding: BuildingFormValues | null
  /** Who signs the changes (the header's 署名); saving waits until there is one. */
  author: string
  /**
   * Saved boundaries are clipped where they overlap their neighbours or leave their district (on by
   * default); when off, such a save is refused and the overlaps are shown instead.
   */
  avoidOverlaps: boolean
  /**
   * Whether a vertex edit on a border shared with a neighbour is made on the neighbour's side too
   * (the default: the correct partition is the easy path) or on the small area in hand only.
   */
  moveSharedEdges: boolean
  /** The neighbours that shared the stretch the last vertex edit touched; the toolbar offers the choice then. */
  sharedWith: readonly string[]
  entries: ReadonlyMap<string, EditEntry>
  canUndo: boolean
  canRedo: boolean
  saving: boolean
}

/** A saved change, for those who keep other copies of the features (the viewer store, the map). */
export interface SavedEvent {
  kind: EditableKind
  /** The code the feature had on the server before this save, if it was there. */
  previousCode: string | null
  feature: Edited | null
}

export function keyOf(kind: EditableKind, code: string): string {
  return `${kind}:${code}`
}

/** What a save sends: the geometry and the fields a person edits, not the server's bookkeeping. */
function contentOf(edited: Edited | null): string {
  if (!edited) return 'null'
  if (edited.kind === 'district') return JSON.stringify([edited.feature.geometry])
  if (edited.kind === 'smallArea') {
    const { geometry, properties: a } = edited.feature
    return JSON.stringify([geometry, a.enumerator, a.status])
  }
  const { geometry, properties: b } = edited.feature
  return JSON.stringify([geometry, b.use, b.floors, b.households, b.address, b.note, b.footprint])
}

export function isUnsaved(entry: EditEntry): boolean {
  return contentOf(entry.saved) !== contentOf(entry.working)
}

function emptySession(): EditState {
  return {
    tool: 'browse',
    district: null,
    editing: null,
    sketch: null,
    virtual: false,
    placing: null,
    amending: null,
    footprint: null,
    tracing: false,
    lastBuilding: null,
    author: '',
    avoidOverlaps: true,
    moveSharedEdges: true,
    sharedWith: [],
    entries: new Map(),
    canUndo: false,
    canRedo: false,
    saving: false,
  }
}

export class EditSession extends StateHolder<EditState> {
  constructor() {
    super(emptySession())
  }

  readonly #history = new UndoStack<Edited>()
  readonly #savedListeners = new Set<(event: SavedEvent) => void>()
  #nextLocalId = 1
  /** The last vertex edit on a shared stretch, recorded one way and ready the other: while it is the last step, the choice can switch it. */
  #sharedEdit: { together: Change<Edited>; alone: Change<Edited>; neighbours: string[] } | null = null
  /** Keys changed by one action together, which must be saved together (see `save`). */
  #linked: Array<Set<string>> = []

  onSaved(listener: (event: SavedEvent) => void): () => void {
    this.#savedListeners.add(listener)
    return () => this.#savedListeners.delete(listener)
  }

  #emit(patch: Partial<EditState>): void {
    this.update({ ...patch, canUndo: this.#history.canUndo, canRedo: this.#history.canRedo })
  }

  #withEntries(update: (entries: Map<string, EditEntry>) => void): void {
    const entries = new Map(this.state.entries)
    update(entries)
    this.#emit({ entries })
  }

  #applyChange(change: Change<Edited>): void {
    this.#withEntries((entries) => {
      for (const diff of change) {
        const entry = entries.get(diff.key)
        if (!entry) throw new Error(`a diff for ${diff.key}, which the session never had`)
        entries.set(diff.key, { ...entry, working: diff.after, refusal: null, clipped: [] })
      }
    })
  }

  /** Takes up a tool in a district; `editing` names the district or small area for `editDistrict` and `editSmallArea`. */
  setTool(tool: EditorTool, district: string | null = this.state.district, editing: string | null = null): void {
    this.#sharedEdit = null
    this.#emit({ tool, district, editing: tool === 'editSmallArea' || tool === 'editDistrict' ? editing : null, sketch: null, placing: null, amending: null, footprint: null, tracing: false, moveSharedEdges: true, sharedWith: [] })
  }

  /** Chooses what the next small area drawn is: ordinary (001–899) or virtual (900–999). */
  chooseVirtual(virtual: boolean): void {
    this.#emit({ virtual })
  }

  signAs(author: string): void {
    this.#emit({ author })
  }

  setAvoidOverlaps(avoidOverlaps: boolean): void {
    this.#emit({ avoidOverlaps })
  }

  /** The person has read what clipping cut off. */
  dismissClipped(): void {
    if ([...this.state.entries.values()].every((e) => e.clipped.length === 0)) return
    this.#withEntries((entries) => {
      for (const [key, entry] of entries) if (entry.clipped.length > 0) entries.set(key, { ...entry, clipped: [] })
    })
  }

  /**
   * The server changed a feature outside this session's saves (a repair): that is its saved version
   * now, and its working version too unless the person has unsaved edits of it, which will then be
   * saved over the new version.
   */
  serverChanged(edited: Edited): void {
    const code = edited.feature.properties.code
    const entry = [...this.state.entries.values()].find((e) => e.kind === edited.kind && e.saved?.feature.properties.code === code)
    if (!entry) return
    this.#withEntries((entries) =>
      entries.set(entry.key, { ...entry, saved: edited, working: isUnsaved(entry) ? entry.working : edited, refusal: null, clipped: [] }),
    )
  }

  sketched(sketch: Polygon | null): void {
    this.#emit({ sketch })
  }

  /** Opens the form of a new building at a point, or closes it (null); either closes a saved building's form. */
  place(placing: Point | null): void {
    this.#emit({ placing, amending: null, footprint: null, tracing: false })
  }

  /** Opens the form of a saved building, its outline kept until another is traced or it is cleared; null closes it. */
  amend(amending: EditState['amending']): void {
    this.#emit({ amending, placing: null, footprint: amending ? 'kept' : null, tracing: false })
  }

  /** An outline starts being traced in the open form: the form keeps the one it had until this one is closed. */
  startTracing(): void {
    this.#emit({ tracing: true })
  }

  /** The outline in the open form: traced (closed, or its corners dragged), or cleared (null). */
  traceFootprint(footprint: Polygon | null): void {
    this.#emit({ footprint, tracing: false })
  }

  buildingValuesUsed(lastBuilding: BuildingFormValues): void {
    this.#emit({ lastBuilding })
  }

  /**
   * After a split or merge, which the server saved at once and outside this history: undo cannot go
   * back across it (the features it would restore are gone or changed), so the history ends here.
   * Only called with nothing unsaved; the saved entries go too, the page's features are current.
   */
  checkpoint(): void {
    if (this.unsaved().length > 0 || this.conflicts().length > 0) throw new Error('a checkpoint with unsaved changes would lose them')
    this.#history.clear()
    this.#sharedEdit = null
    this.#linked = []
    this.#emit({ entries: new Map(), sharedWith: [] })
  }

  /** The working version of a feature the session knows, or undefined when it has not been edited. */
  working(key: string): Edited | null | undefined {
    return this.state.entries.get(key)?.working
  }

  /** Adds a feature that is not on the server yet; its key stays the same after it is saved. */
  create(edited: Edited): string {
    const key = `${edited.kind}:new-${this.#nextLocalId++}`
    this.#withEntries((entries) => entries.set(key, { key, kind: edited.kind, saved: null, working: null, refusal: null, clipped: [], conflict: null }))
    this.#record([{ key, before: null, after: edited }])
    return key
  }

  /**
   * Replaces a feature's working version. `loaded` is the feature as the page loaded it, which
   * becomes the saved version the first time the session touches it.
   */
  change(loaded: Edited, next: Edited | null, key = keyOf(loaded.kind, loaded.feature.properties.code)): string {
    this.#record(this.#diffs([{ loaded, next, key }]))
    return key
  }

  /** The diffs of one action, from the working versions now; features touched for the first time join the session. */
  #diffs(changes: readonly FeatureChange[]): Diff<Edited>[] {
    return changes.map(({ loaded, next, key = keyOf(loaded.kind, loaded.feature.properties.code) }) => {
      if (!this.state.entries.has(key)) {
        this.#withEntries((entries) =>
          entries.set(key, { key, kind: loaded.kind, saved: loaded, working: loaded, refusal: null, clipped: [], conflict: null }),
        )
      }
      return { key, before: this.state.entries.get(key)!.working, after: next }
    })
  }

  /**
   * A vertex edit of the small area in hand, where `neighbours` shared the stretch it touched and
   * have the same edit made on their side: one undo step with theirs (saved together, in one
   * transaction) or its own alone, as `moveSharedEdges` says; `chooseSharedEdges` can still switch it.
   */
  editSharedEdge(own: FeatureChange, neighbours: readonly FeatureChange[]): void {
    const alone = this.#diffs([own])
    const together = [...alone, ...this.#diffs(neighbours)]
    const codes = neighbours.map((n) => n.loaded.feature.properties.code)
    this.#record(this.state.moveSharedEdges ? together : alone)
    this.#sharedEdit = codes.length > 0 ? { together, alone, neighbours: codes } : null
    this.#emit({ sharedWith: codes })
  }

  /** The last shared-edge edit, while it is the step undo would take back (however it was recorded). */
  #sharedEditOnTop() {
    const shared = this.#sharedEdit
    const top = this.#history.last
    return shared && (top === shared.together || top === shared.alone) ? shared : null
  }

  /** Moves shared edges on both sides, or on the small area in hand only; the last such edit follows the choice. */
  chooseSharedEdges(together: boolean): void {
    const shared = this.#sharedEditOnTop()
    if (shared && together !== (this.#history.last === shared.together)) {
      // Take that step back and record it the other way: still one step.
      this.#applyChange(this.#history.undo()!)
      const redone = together ? shared.together : shared.alone
      this.#history.record(redone)
      this.#link(redone)
      this.#applyChange(redone)
    }
    this.#emit({ moveSharedEdges: together })
  }

  #link(change: Change<Edited>): void {
    if (change.length < 2) return
    const keys = new Set(change.map((d) => d.key))
    const joined = this.#linked.filter((group) => [...group].some((key) => keys.has(key)))
    this.#linked = [...this.#linked.filter((group) => !joined.includes(group)), new Set([...keys, ...joined.flatMap((g) => [...g])])]
  }

  #record(change: Diff<Edited>[]): void {
    this.#sharedEdit = null
    this.#history.record(change)
    this.#link(change)
    this.#applyChange(change)
  }

  undo(): boolean {
    const change = this.#history.undo()
    if (change) this.#stepped(change)
    return change !== null
  }

  redo(): boolean {
    const change = this.#history.redo()
    if (change) this.#stepped(change)
    return change !== null
  }

  /** After an undo or redo, the shared-edge warning shows while that edit is the last step again, as it was recorded. */
  #stepped(change: Change<Edited>): void {
    this.#applyChange(change)
    const shared = this.#sharedEditOnTop()
    this.#emit(shared ? { sharedWith: shared.neighbours, moveSharedEdges: this.#history.last === shared.together } : { sharedWith: [] })
  }

  unsaved(): EditEntry[] {
    return [...this.state.entries.values()].filter((e) => isUnsaved(e) && !e.conflict)
  }

  conflicts(): EditEntry[] {
    return [...this.state.entries.values()].filter((e) => e.conflict)
  }

  /**
   * Sends every unsaved change (or those of `keys`), one write each, except small areas changed by
   * one action together, which are saved all or none in one write. Changes the server refuses or
   * finds stale stay unsaved, with the reason, so nothing typed is lost.
   */
  async save(writes: EditorWrites, keys?: readonly string[]): Promise<void> {
    const wanted = keys ? new Set(keys) : null
    const todo = this.unsaved().filter((e) => !wanted || wanted.has(e.key))
    if (todo.length === 0) return
    this.#emit({ saving: true })
    try {
      for (const batch of this.#batches(todo)) {
        if (batch.length === 1) await this.#saveOne(writes, batch[0]!)
        else await this.#saveTogether(writes, batch)
      }
    } finally {
      this.#emit({ saving: false })
    }
  }

  /** The entries to send, grouped: updates of small areas linked by a joint edit go in one batch. */
  #batches(todo: readonly EditEntry[]): EditEntry[][] {
    const batches: EditEntry[][] = []
    const batchOf = new Map<Set<string>, EditEntry[]>()
    for (const entry of todo) {
      const group = this.#linked.find((g) => g.has(entry.key))
      const joint = group && entry.kind === 'smallArea' && entry.saved && entry.working
      // Half of a joint edit waits while the other half is in conflict: saved alone it would drift apart.
      if (joint && [...group].some((key) => this.state.entries.get(key)?.conflict)) continue
      if (!joint) {
        batches.push([entry])
        continue
      }
      const batch = batchOf.get(group)
      if (batch) batch.push(entry)
      else {
        const fresh = [entry]
        batchOf.set(group, fresh)
        batches.push(fresh)
      }
    }
    return batches
  }

  async #saveOne(writes: EditorWrites, entry: EditEntry): Promise<void> {
    const { saved, working } = entry
    const result = !saved ? await writes.create(working!) : !working ? await writes.remove(saved) : await writes.update(saved, working)
    this.#settle(entry, result)
  }

  async #saveTogether(writes: EditorWrites, batch: readonly EditEntry[]): Promise<void> {
    const results = await writes.updateTogether(batch.map((e) => ({ saved: e.saved!, working: e.working! })))
    batch.forEach((entry, i) => this.#settle(entry, results[i]!))
    // Saved together, they need not be again: later edits of them are their own.
    if (results.every((r) => r.outcome === 'saved')) {
      const sent = new Set(batch.map((e) => e.key))
      this.#linked = this.#linked.map((g) => new Set([...g].filter((key) => !sent.has(key)))).filter((g) => g.size > 1)
    }
  }

  /** What the server answered to `sent` (the entry as it was sent) becomes the entry's saved state, conflict or refusal. */
  #settle(sent: EditEntry, result: WriteOutcome): void {
    const { saved, working } = sent
    const now = this.state.entries.get(sent.key)!
    switch (result.outcome) {
      case 'saved': {
        // Edits made while the request was away stay as they are, now based on the new version.
        const stillSent = now.working === working
        this.#withEntries((entries) =>
          entries.set(sent.key, {
            ...now,
            saved: result.feature,
            working: stillSent ? result.feature : now.working,
            refusal: null,
            clipped: result.clipped ?? [],
          }),
        )
        for (const listener of this.#savedListeners) {
          listener({ kind: sent.kind, previousCode: saved?.feature.properties.code ?? null, feature: result.feature })
        }
        for (const neighbour of result.neighbours ?? []) {
          this.serverChanged(neighbour)
          for (const listener of this.#savedListeners) listener({ kind: neighbour.kind, previousCode: neighbour.feature.properties.code, feature: neighbour })
        }
        return
      }
      case 'stale':
        this.#withEntries((entries) => entries.set(sent.key, { ...now, conflict: result.current }))
        return
      case 'refused':
        this.#withEntries((entries) =>
          entries.set(sent.key, { ...now, refusal: { message: result.message, problems: result.problems, overlaps: result.overlaps ?? [] } }),
        )
        return
      default: {
        const never: never = result
        throw new Error(`unknown outcome ${String(never)}`)
      }
    }
  }

  /** Keep my version: it will be saved over theirs, based on their version number. */
  keepMine(key: string): void {
    this.#withEntries((entries) => {
      const entry = entries.get(key)!
      entries.set(key, { ...entry, saved: entry.conflict, conflict: null })
    })
  }

  /** Take their version; mine stays one undo away, so it is not lost either. */
  takeTheirs(key: string): void {
    const entry = this.state.entries.get(key)!
    const theirs = entry.conflict
    this.#withEntries((entries) => entries.set(key, { ...entry, saved: theirs, conflict: null }))
    this.#record([{ key, before: entry.working, after: theirs }])
  }
}
