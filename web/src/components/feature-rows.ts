/**
 * What the side panel says about one feature: a heading and labelled rows, with enum values turned
 * into words through the shared vocabulary. A feature with unsaved edits is described as it is being
 * edited, each row that differs from the saved version marked. Pure, so the panel component only lays it out.
 */
import type { MultiPolygon } from 'geojson'
import { boundaryStatus, buildingUse, smallAreaSequence, townshipKind, type Bilingual } from '@census/shared'
import type { KindedFeature, SmallAreaFeature } from '../features.ts'
import { areaSquareMetres } from '../editor/compare-versions.ts'
import { fieldName, kindName, ui } from '../i18n/strings.ts'
import { districtsOfTownship, featureOf } from '../store/selectors.ts'
import type { ViewerState } from '../store/viewer-store.ts'

/** A row's value: words to translate, or text shown as it is (names, codes, numbers). */
export type RowValue = Bilingual | string

export interface Row {
  field: keyof typeof fieldName
  value: RowValue
  /** The value being edited, which differs from the saved one: it is not saved yet. */
  unsaved?: true
}

export interface FeatureDescription {
  kind: Bilingual
  /** The name people use: the official name, or a number for small areas and buildings. */
  title: RowValue
  code: string
  rows: Row[]
  onMap: boolean
  /** Described as being edited, with changes not saved yet. */
  unsaved: boolean
}

/** Buildings and households inside a small area's shape, as the browser counts them. */
export interface BuildingCount {
  buildings: number
  households: number
}

/**
 * The other side of a feature with unsaved edits: its saved version (null when it was never saved)
 * and, for a small area, the buildings and households the browser counts inside the shape being
 * edited (null when it cannot: the buildings it holds do not cover the shape, and the server counts on save).
 */
export interface UnsavedEdit {
  saved: KindedFeature | null
  count: BuildingCount | null
}

const yesNo = (b: boolean): Bilingual => (b ? ui.yes : ui.no)
const orNone = (s: string | null): RowValue => (s === null || s === '' ? ui.none : s)

function nameWithCode(state: ViewerState, kind: 'township' | 'district', code: string): RowValue {
  const name = featureOf(state, { kind, code })?.properties.name
  return name ? { zh: `${name}（${code}）`, en: `${name} (${code})` } : code
}

/** What people call a small area: its number in the district, and whether it is a virtual one (900–999). */
export function smallAreaTitle(code: string, virtual: boolean): Bilingual {
  const number = String(smallAreaSequence(code)).padStart(3, '0')
  return virtual ? { zh: `${number} 号虚拟普查小区`, en: `Virtual small area ${number}` } : { zh: `${number} 号普查小区`, en: `Small area ${number}` }
}

export interface SmallAreaItem {
  code: string
  title: Bilingual
  virtual: boolean
}

/** A district's small areas in code order, so the ordinary ones (001–899) come first and the virtual ones (900–999) after. */
export function smallAreasOfDistrict(smallAreas: readonly SmallAreaFeature[], district: string): SmallAreaItem[] {
  return smallAreas
    .filter((f) => f.properties.districtCode === district)
    .map(({ properties: { code, virtual } }) => ({ code, title: smallAreaTitle(code, virtual), virtual }))
    .sort((a, b) => a.code.localeCompare(b.code))
}

function updateRows(p: { version: number; updatedAt: string; updatedBy: string }, locale: string): Row[] {
  return [
    { field: 'updatedAt', value: new Date(p.updatedAt).toLocaleString(locale) },
    { field: 'updatedBy', value: p.updatedBy },
    { field: 'version', value: String(p.version) },
  ]
}

/** To the square metre, so that any change of the shape shows in it. */
function areaOf(shape: MultiPolygon | null, locale: string): RowValue {
  if (!shape) return ui.none
  const m2 = Math.round(areaSquareMetres(shape)).toLocaleString(locale)
  return { zh: `${m2} 平方米`, en: `${m2} m²` }
}

/** A count the server makes on save, when the browser could not make it for the shape being edited. */
const countedOnSave = (n: string): Bilingual => ({ zh: `${n}（保存后重新统计）`, en: `${n} (counted again on save)` })

/**
 * What a small area's counts say: the stored ones (the server's, of the saved shape), the browser's
 * for a shape being edited, or, when the browser cannot count that shape, the stored ones to be counted again on save.
 */
type Counts = { from: 'stored' } | { from: 'browser'; count: BuildingCount } | { from: 'onSave' }

/** The rows of one version; `versioned` when it has been saved, so its version and who saved it mean something. */
function rowsOf(item: KindedFeature, state: ViewerState, locale: string, counts: Counts, versioned: boolean): Row[] {
  const updates = (p: { version: number; updatedAt: string; updatedBy: string }) => (versioned ? updateRows(p, locale) : [])
  switch (item.kind) {
    case 'township': {
      const p = item.feature.properties
      // How far its districts are: what a clerk or the office asks of a township at a glance.
      const districts = districtsOfTownship(state, p.code)
      const drawn = districts.filter((d) => d.geometry).length
      const smallAreas = districts.reduce((sum, d) => sum + d.properties.smallAreas, 0)
      return [
        { field: 'kind', value: townshipKind.labels[p.kind] },
        { field: 'districts', value: districts.length.toLocaleString(locale) },
        { field: 'districtsDrawn', value: `${drawn.toLocaleString(locale)} / ${districts.length.toLocaleString(locale)}` },
        { field: 'smallAreas', value: smallAreas.toLocaleString(locale) },
        { field: 'expectedBuildings', value: p.expectedBuildings === null ? ui.none : p.expectedBuildings.toLocaleString(locale) },
      ]
    }
    case 'district': {
      const p = item.feature.properties
      return [
        { field: 'status', value: boundaryStatus.labels[p.status] },
        { field: 'boundary', value: item.feature.geometry ? ui.boundaryDrawn : ui.boundaryNone },
        { field: 'area', value: areaOf(item.feature.geometry, locale) },
        { field: 'townshipCode', value: nameWithCode(state, 'township', p.townshipCode) },
        { field: 'urbanRuralCode', value: orNone(p.urbanRuralCode) },
        ...updates(p),
      ]
    }
    case 'smallArea': {
      const p = item.feature.properties
      const count = (field: keyof BuildingCount): RowValue => {
        if (counts.from === 'browser') return counts.count[field].toLocaleString(locale)
        const stored = p[field].toLocaleString(locale)
        return counts.from === 'onSave' ? countedOnSave(stored) : stored
      }
      return [
        { field: 'status', value: boundaryStatus.labels[p.status] },
        { field: 'districtCode', value: nameWithCode(state, 'district', p.districtCode) },
        { field: 'virtual', value: yesNo(p.virtual) },
        { field: 'enumerator', value: orNone(p.enumerator) },
        { field: 'area', value: areaOf(item.feature.geometry, locale) },
        { field: 'households', value: count('households') },
        { field: 'buildings', value: count('buildings') },
        ...updates(p),
      ]
    }
    case 'building': {
      const p = item.feature.properties
      return [
        { field: 'use', value: buildingUse.labels[p.use] },
        { field: 'floors', value: String(p.floors) },
        { field: 'households', value: p.households.toLocaleString(locale) },
        { field: 'districtCode', value: nameWithCode(state, 'district', p.districtCode) },
        { field: 'smallAreaCode', value: orNone(p.smallAreaCode) },
        { field: 'address', value: orNone(p.address) },
        { field: 'note', value: orNone(p.note) },
        { field: 'hasFootprint', value: yesNo(p.footprint !== null) },
        ...updates(p),
      ]
    }
    default: {
      const never: never = item
      throw new Error(`unknown kind ${JSON.stringify(never)}`)
    }
  }
}

function titleOf(item: KindedFeature): RowValue {
  switch (item.kind) {
    case 'township':
    case 'district':
      return item.feature.properties.name
    case 'smallArea':
      return smallAreaTitle(item.feature.properties.code, item.feature.properties.virtual)
    case 'building': {
      const p = item.feature.properties
      return p.address || { zh: `建筑物 ${p.code.slice(12)}`, en: `Building ${p.code.slice(12)}` }
    }
    default: {
      const never: never = item
      throw new Error(`unknown kind ${JSON.stringify(never)}`)
    }
  }
}

/**
 * The panel's description of `item`. With `unsaved`, `item` is the version being edited: rows that
 * differ from the saved version are marked, a never-saved feature has no version rows yet, and a
 * small area's counts are the browser's for its new shape (or said to be counted again on save).
 */
export function describeFeature(item: KindedFeature, state: ViewerState, locale: string, unsaved: UnsavedEdit | null = null): FeatureDescription {
  const reshaped = !!unsaved && JSON.stringify(unsaved.saved?.feature.geometry ?? null) !== JSON.stringify(item.feature.geometry)
  const counts: Counts = !reshaped ? { from: 'stored' } : unsaved?.count ? { from: 'browser', count: unsaved.count } : { from: 'onSave' }
  const rows = rowsOf(item, state, locale, counts, unsaved?.saved !== null)
  const before = unsaved?.saved ? rowsOf(unsaved.saved, state, locale, { from: 'stored' }, true) : []
  const same = (row: Row) => before.some((b) => b.field === row.field && JSON.stringify(b.value) === JSON.stringify(row.value))
  return {
    kind: kindName[item.kind],
    title: titleOf(item),
    code: item.feature.properties.code,
    rows: unsaved ? rows.map((row) => (same(row) ? row : { ...row, unsaved: true })) : rows,
    onMap: item.feature.geometry !== null,
    unsaved: !!unsaved,
  }
}
