/**
 * The findings panel's glue with IO: it checks the district in hand (or the picked township) on
 * the server whenever that changes and after every save, shows one finding on the map until it is
 * dismissed, and runs a finding's one-click repair as the person signed in. The decisions
 * (grouping, scope, which repair) live in editor/findings-list.ts.
 */
import type { Bilingual, TopologyFinding } from '@census/shared'
import { fillGap, getFindings, snapSmallArea } from '../api/census-api.ts'
import type { SmallAreaFeature } from '../features.ts'
import { findingKey, findingsScope, focusBounds, repairOf } from '../editor/findings-list.ts'
import { editorText } from '../i18n/editor-strings.ts'
import type { CensusMap } from '../map/census-map.ts'
import { StateHolder } from '../store/state-holder.ts'
import type { ViewerStore } from '../store/viewer-store.ts'
import type { Editor } from './editor.ts'
import { messageOf } from './load-city.ts'

export interface FindingsState {
  /** What is being checked: the district in hand, else the picked township, else nothing. */
  scope: string | null
  phase: 'idle' | 'loading' | 'ready' | 'failed'
  /** The findings of `scope` as last checked (kept while a refresh runs, so the list does not blink). */
  findings: readonly TopologyFinding[]
  failure: Bilingual | null
  /** The finding shown on the map, until dismissed. */
  focused: TopologyFinding | null
  /** The finding whose repair is running, by key. */
  repairing: string | null
  /** Why the last repair was refused. */
  repairFailure: { key: string; message: Bilingual } | null
}

export class Findings extends StateHolder<FindingsState> {
  #map: CensusMap | null = null
  #request: AbortController | null = null
  #wasSaving = false

  constructor(
    readonly store: ViewerStore,
    readonly editor: Editor,
  ) {
    super({ scope: null, phase: 'idle', findings: [], failure: null, focused: null, repairing: null, repairFailure: null })
    const follow = () => {
      const { saving } = editor.session.getState()
      const scope = findingsScope(editor.districtInHand(), store.getState().township)
      const saved = this.#wasSaving && !saving
      this.#wasSaving = saving
      if (scope !== this.state.scope) this.#load(scope, false)
      else if (saved) void this.refresh()
    }
    store.subscribe(follow)
    editor.session.subscribe(follow)
  }

  attach(map: CensusMap): () => void {
    this.#map = map
    return () => {
      this.#map = null
    }
  }

  /** Checks the current scope again, keeping the finding on the map if it is still there. */
  refresh(): Promise<void> {
    return this.#load(this.state.scope, true)
  }

  async #load(scope: string | null, keepFocus: boolean): Promise<void> {
    this.#request?.abort()
    const focused = keepFocus ? this.state.focused : null
    if (!scope) {
      this.update({ scope, phase: 'idle', findings: [], failure: null, focused: null })
      return
    }
    const request = new AbortController()
    this.#request = request
    const sameScope = scope === this.state.scope
    this.update({ scope, phase: 'loading', failure: null, focused, ...(sameScope ? {} : { findings: [] }) })
    try {
      // The map first: a township's check takes seconds, and on the embedded database every other
      // request (the township's small areas, its tiles) would wait behind it.
      await this.#map?.whenSettled()
      if (request.signal.aborted) return
      const { findings } = await getFindings(scope, request.signal)
      if (request.signal.aborted) return
      const stillThere = focused && findings.find((f) => findingKey(f) === findingKey(focused))
      this.update({ phase: 'ready', findings, focused: stillThere ?? null })
    } catch (error) {
      if (request.signal.aborted) return
      this.update({ phase: 'failed', failure: messageOf(error) })
    }
  }

  /** Brings a finding into view and marks it on the map until dismissed. */
  focus(finding: TopologyFinding): void {
    this.update({ focused: finding })
    const bounds = focusBounds(finding)
    if (bounds) this.#map?.fitBounds(bounds, { animate: true, forTools: true })
  }

  dismiss(): void {
    this.update({ focused: null })
  }

  /** Runs the finding's repair on the server as the signed-in person, then checks again. */
  async repair(finding: TopologyFinding): Promise<void> {
    const repair = repairOf(finding)
    if (!repair || this.state.repairing) return
    const key = findingKey(finding)
    const author = this.editor.session.getState().author.trim()
    if (!author) {
      this.update({ repairFailure: { key, message: editorText.needAuthor } })
      return
    }
    this.update({ repairing: key, repairFailure: null })
    try {
      switch (repair.kind) {
        case 'fillGap':
          this.editor.serverSaved(await fillGap(repair.district, repair.point as [number, number], author))
          break
        case 'snap': {
          const version = this.#loadedVersion(repair.smallArea)
          if (version === null) return
          const result = await snapSmallArea({ smallArea: repair.smallArea, version, toleranceM: repair.toleranceM }, author)
          for (const feature of result.smallAreas) this.editor.serverSaved(feature)
          break
        }
        default: {
          const never: never = repair
          throw new Error(`unknown repair ${String(never)}`)
        }
      }
      if (this.state.focused && findingKey(this.state.focused) === key) this.update({ focused: null })
    } catch (error) {
      this.update({ repairFailure: { key, message: messageOf(error) } })
    } finally {
      this.update({ repairing: null })
    }
    await this.refresh()
  }

  /** The version of a small area as the page has it: a repair is based on it, like a save. */
  #loadedVersion(code: string): number | null {
    const feature: SmallAreaFeature | undefined = this.editor.smallAreas().features.find((f) => f.properties.code === code)
    return feature?.properties.version ?? null
  }
}
