/**
 * What the side panel says about one feature: a heading and labelled rows, with enum values turned
 * into words through the shared vocabulary. Pure, so the panel component only lays it out.
 */
import { boundaryStatus, buildingUse, smallAreaSequence, townshipKind, type Bilingual } from '@census/shared'
import type { KindedFeature, SmallAreaFeature } from '../features.ts'
import { fieldName, kindName, ui } from '../i18n/strings.ts'
import { featureOf } from '../store/selectors.ts'
import type { ViewerState } from '../store/viewer-store.ts'

/** A row's value: words to translate, or text shown as it is (names, codes, numbers). */
export type RowValue = Bilingual | string

export interface Row {
  field: keyof typeof fieldName
  value: RowValue
}

export interface FeatureDescription {
  kind: Bilingual
  /** The name people use: the official name, or a number for small areas and buildings. */
  title: RowValue
  code: string
  rows: Row[]
  onMap: boolean
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

export function describeFeature(item: KindedFeature, state: ViewerState, locale: string): FeatureDescription {
  const base = { kind: kindName[item.kind], onMap: item.feature.geometry !== null }
  switch (item.kind) {
    case 'township': {
      const p = item.feature.properties
      return {
        ...base,
        title: p.name,
        code: p.code,
        rows: [
          { field: 'kind', value: townshipKind.labels[p.kind] },
          { field: 'expectedBuildings', value: p.expectedBuildings === null ? ui.none : p.expectedBuildings.toLocaleString(locale) },
        ],
      }
    }
    case 'district': {
      const p = item.feature.properties
      return {
        ...base,
        title: p.name,
        code: p.code,
        rows: [
          { field: 'status', value: boundaryStatus.labels[p.status] },
          { field: 'townshipCode', value: nameWithCode(state, 'township', p.townshipCode) },
          { field: 'urbanRuralCode', value: orNone(p.urbanRuralCode) },
          ...updateRows(p, locale),
        ],
      }
    }
    case 'smallArea': {
      const p = item.feature.properties
      return {
        ...base,
        title: smallAreaTitle(p.code, p.virtual),
        code: p.code,
        rows: [
          { field: 'status', value: boundaryStatus.labels[p.status] },
          { field: 'districtCode', value: nameWithCode(state, 'district', p.districtCode) },
          { field: 'virtual', value: yesNo(p.virtual) },
          { field: 'enumerator', value: orNone(p.enumerator) },
          { field: 'households', value: p.households.toLocaleString(locale) },
          { field: 'buildings', value: p.buildings.toLocaleString(locale) },
          ...updateRows(p, locale),
        ],
      }
    }
    case 'building': {
      const p = item.feature.properties
      return {
        ...base,
        title: p.address || { zh: `建筑物 ${p.code.slice(12)}`, en: `Building ${p.code.slice(12)}` },
        code: p.code,
        rows: [
          { field: 'use', value: buildingUse.labels[p.use] },
          { field: 'floors', value: String(p.floors) },
          { field: 'households', value: p.households.toLocaleString(locale) },
          { field: 'districtCode', value: nameWithCode(state, 'district', p.districtCode) },
          { field: 'smallAreaCode', value: orNone(p.smallAreaCode) },
          { field: 'address', value: orNone(p.address) },
          { field: 'note', value: orNone(p.note) },
          { field: 'hasFootprint', value: yesNo(p.footprint !== null) },
          ...updateRows(p, locale),
        ],
      }
    }
    default: {
      const never: never = item
      throw new Error(`unknown kind ${JSON.stringify(never)}`)
    }
  }
}
