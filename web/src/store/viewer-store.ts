/**
 * The one source of truth of the page: what was loaded, what the person picked and selected, and
 * which language they read. React components and the map both subscribe to it; neither keeps its
 * own copy. Actions are named for what happened, and every change replaces the state object, so a
 * subscriber compares fields by identity to know what changed.
 */
import type { Bilingual } from '@census/shared'
import type { AppConfig, Basemap } from '@census/shared'
import type { Bounds, CollectionOfKind, DistrictFeature, FeatureOfKind, FeatureRef } from '../features.ts'
import { readStoredBasemap, type BasemapFormValues } from '../settings/basemap-settings.ts'
import { StateHolder } from './state-holder.ts'

export type Language = 'zh' | 'en'

/**
 * What a person may hide (显示, in the legend) to see the base map or the boundaries better: the
 * status colours inside districts and small areas, the buildings, the names.
 */
export const overlays = ['fills', 'buildings', 'labels'] as const
export type Overlay = (typeof overlays)[number]

export type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; message: Bilingual }

/** What a notice offers to do about what it says: draw the boundary of a district that has none. */
export type NoticeAction = { kind: 'drawDistrict'; district: string }

/** What the page loads at the start: the county's townships and districts, a few thousand outlines at most. */
export interface CityData {
  townships: CollectionOfKind<'township'>
  districts: CollectionOfKind<'district'>
}

export interface ViewerState {
  language: Language
  load: LoadState
  /** The installation's base map (BASEMAP_URL), which applies while the person has chosen none. */
  basemap: Basemap | null
  /** The base map the person chose in 设置 (kept in this browser), or null. */
  basemapChoice: BasemapFormValues | null
  /** Whether this person folded the legend down to its title and 显示 boxes (kept in this browser). */
  legendFolded: boolean
  /** The overlays this person hid (kept in this browser). */
  hiddenOverlays: ReadonlySet<Overlay>
  countyName: string | null
  city: CityData | null
  /**
   * The small areas of one township (the one in hand, see app/small-area-loader.ts), fetched as
   * GeoJSON for the editor to work on. The rest of the county's, tens of thousands in a large
   * city, the map draws from vector tiles.
   */
  smallAreas: { township: string; collection: CollectionOfKind<'smallArea'> } | null
  /** Buildings are fetched for the area in view only; `bounds` is the box they were fetched for. */
  buildings: { bounds: Bounds; collection: CollectionOfKind<'building'> } | null
  /** The township picked in the header, or null for the whole county. */
  township: string | null
  selection: FeatureRef | null
  /** A failure that does not stop the page (for example buildings that could not be fetched). */
  notice: Bilingual | null
  /** What the notice offers to do, if anything (a button beside it). */
  noticeAction: NoticeAction | null
}

const LANGUAGE_KEY = 'census.language'
const BASEMAP_KEY = 'census.basemap'
const HIDDEN_OVERLAYS_KEY = 'census.hiddenOverlays'
const LEGEND_FOLDED_KEY = 'census.legendFolded'

function savedLanguage(): Language {
  return globalThis.localStorage?.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh'
}

/** The overlays kept hidden in a browser; anything unknown in what was kept (an older page's, a hand edit) is ignored. */
export function readHiddenOverlays(text: string | null): ReadonlySet<Overlay> {
  let kept: unknown
  try {
    kept = JSON.parse(text ?? '[]')
  } catch {
    return new Set()
  }
  return new Set(overlays.filter((o) => Array.isArray(kept) && kept.includes(o)))
}

function initialViewerState(): ViewerState {
  return {
    language: savedLanguage(),
    load: { phase: 'loading' },
    basemap: null,
    basemapChoice: readStoredBasemap(globalThis.localStorage?.getItem(BASEMAP_KEY) ?? null),
    hiddenOverlays: readHiddenOverlays(globalThis.localStorage?.getItem(HIDDEN_OVERLAYS_KEY) ?? null),
    legendFolded: globalThis.localStorage?.getItem(LEGEND_FOLDED_KEY) === 'true',
    countyName: null,
    city: null,
    smallAreas: null,
    buildings: null,
    township: null,
    selection: null,
    notice: null,
    noticeAction: null,
  }
}

export class ViewerStore extends StateHolder<ViewerState> {
  constructor() {
    super(initialViewerState())
  }

  configured(config: AppConfig): void {
    this.update({ basemap: config.basemap, countyName: config.county?.name ?? null })
  }

  cityLoaded(city: CityData): void {
    this.update({ city, load: { phase: 'ready' } })
  }

  loadFailed(message: Bilingual): void {
    this.update({ load: { phase: 'failed', message } })
  }

  smallAreasLoaded(township: string, collection: CollectionOfKind<'smallArea'>): void {
    this.update({ smallAreas: { township, collection } })
  }

  buildingsLoaded(bounds: Bounds, collection: CollectionOfKind<'building'>): void {
    this.update({ buildings: { bounds, collection } })
  }

  /**
   * A small area or building was saved (or deleted: null) by this page: the loaded copy follows, so
   * what the page shows stays what the server has. `previousCode` is its code before, if it existed.
   */
  featureSaved<K extends 'smallArea' | 'building'>(kind: K, previousCode: string | null, feature: FeatureOfKind[K] | null): void {
    const replace = <C extends { features: Array<{ properties: { code: string } }> }>(collection: C): C => {
      const gone = new Set([previousCode, feature?.properties.code])
      const kept = collection.features.filter((f) => !gone.has(f.properties.code))
      return { ...collection, features: feature ? [...kept, feature] : kept }
    }
    if (kind === 'smallArea' && this.state.smallAreas) {
      const { township, collection } = this.state.smallAreas
      this.update({ smallAreas: { township, collection: replace(collection as CollectionOfKind<'smallArea'>) } })
    } else if (kind === 'building' && this.state.buildings) {
      const { bounds, collection } = this.state.buildings
      this.update({ buildings: { bounds, collection: replace(collection) } })
    }
  }

  /** A district's boundary was drawn, redrawn or removed by this page: the loaded copy follows. */
  districtSaved(feature: DistrictFeature): void {
    if (!this.state.city) return
    const { districts } = this.state.city
    const features = districts.features.map((d) => (d.properties.code === feature.properties.code ? feature : d))
    this.update({ city: { ...this.state.city, districts: { ...districts, features } } })
  }

  pickTownship(code: string | null): void {
    this.update({ township: code })
  }

  select(selection: FeatureRef | null): void {
    this.update({ selection })
  }

  notify(notice: Bilingual | null, noticeAction: NoticeAction | null = null): void {
    this.update({ notice, noticeAction: notice ? noticeAction : null })
  }

  /** The notice that the base map does not load, while it is the one shown. */
  #basemapNotice: Bilingual | null = null

  /** The base map's tiles do not load: says so (the census layers are not affected). */
  basemapFailed(notice: Bilingual): void {
    this.#basemapNotice = notice
    this.notify(notice)
  }

  /** The person's base map, kept in this browser; null goes back to the installation's. What was said of the old one goes. */
  chooseBasemap(choice: BasemapFormValues | null): void {
    if (choice) globalThis.localStorage?.setItem(BASEMAP_KEY, JSON.stringify(choice))
    else globalThis.localStorage?.removeItem(BASEMAP_KEY)
    const stale = this.state.notice !== null && this.state.notice === this.#basemapNotice
    this.update({ basemapChoice: choice, ...(stale ? { notice: null, noticeAction: null } : {}) })
  }

  /** Shows or hides an overlay, and keeps the choice in this browser. */
  showOverlay(overlay: Overlay, shown: boolean): void {
    if (this.state.hiddenOverlays.has(overlay) !== shown) return
    const hiddenOverlays = new Set(this.state.hiddenOverlays)
    if (shown) hiddenOverlays.delete(overlay)
    else hiddenOverlays.add(overlay)
    globalThis.localStorage?.setItem(HIDDEN_OVERLAYS_KEY, JSON.stringify([...hiddenOverlays]))
    this.update({ hiddenOverlays })
  }

  /** Folds the legend down (or opens it again), and keeps the choice in this browser. */
  foldLegend(folded: boolean): void {
    if (this.state.legendFolded === folded) return
    globalThis.localStorage?.setItem(LEGEND_FOLDED_KEY, String(folded))
    this.update({ legendFolded: folded })
  }

  setLanguage(language: Language): void {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language)
    this.update({ language })
  }
}
