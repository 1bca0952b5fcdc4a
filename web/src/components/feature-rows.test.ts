import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { DistrictFeature, SmallAreaFeature, TownshipFeature } from '../features.ts'
import { ViewerStore } from '../store/viewer-store.ts'
import { describeFeature, smallAreasOfDistrict, type FeatureDescription } from './feature-rows.ts'

const township: TownshipFeature = {
  type: 'Feature',
  geometry: { type: 'MultiPolygon', coordinates: [] },
  properties: { code: '370481108', name: '鲍沟镇', kind: 'town', expectedBuildings: null, version: 1 },
}

const undrawn: DistrictFeature = {
  type: 'Feature',
  geometry: null,
  properties: {
    code: '370481108241',
    name: '邢寨村委会',
    townshipCode: '370481108',
    urbanRuralCode: null,
    status: 'returned',
    smallAreas: 0,
    version: 3,
    updatedAt: '2026-05-01T08:00:00Z',
    updatedBy: '王芳',
  },
}

function stateWithCity() {
  const store = new ViewerStore()
  store.cityLoaded({
    townships: { type: 'FeatureCollection', features: [township] },
    districts: { type: 'FeatureCollection', features: [undrawn] },
  })
  return store.getState()
}

describe('describeFeature', () => {
  test('names a district’s status and township in words, not identifiers', () => {
    const about = describeFeature({ kind: 'district', feature: undrawn }, stateWithCity(), 'zh-CN')
    expect(about.title).toBe('邢寨村委会')
    expect(about.kind.zh).toBe('普查区')
    const value = (field: string) => about.rows.find((r) => r.field === field)?.value
    expect(value('status')).toEqual({ zh: '已退回', en: 'Returned' })
    expect(value('townshipCode')).toEqual({ zh: '鲍沟镇（370481108）', en: '鲍沟镇 (370481108)' })
    expect(value('urbanRuralCode')).toEqual({ zh: '无', en: 'None' })
  })

  test('counts a township’s districts, those with a boundary, and their small areas', () => {
    const drawn: DistrictFeature = {
      ...undrawn,
      geometry: { type: 'MultiPolygon', coordinates: [[[[117.1, 35.0], [117.2, 35.0], [117.2, 35.1], [117.1, 35.0]]]] },
      properties: { ...undrawn.properties, code: '370481108242', name: '后邢寨村委会', status: 'drawn', smallAreas: 7 },
    }
    const store = new ViewerStore()
    store.cityLoaded({ townships: { type: 'FeatureCollection', features: [township] }, districts: { type: 'FeatureCollection', features: [undrawn, drawn] } })
    const about = describeFeature({ kind: 'township', feature: township }, store.getState(), 'zh-CN')
    const value = (field: string) => about.rows.find((r) => r.field === field)?.value
    expect(value('districts')).toBe('2')
    expect(value('districtsDrawn')).toBe('1 / 2')
    expect(value('smallAreas')).toBe('7')
    expect(value('expectedBuildings')).toEqual({ zh: '无', en: 'None' })
  })

  test('says when a district has no boundary to show on the map', () => {
    expect(describeFeature({ kind: 'district', feature: undrawn }, stateWithCity(), 'zh-CN').onMap).toBe(false)
  })
})

describe('small areas', () => {
  const smallArea = (code: string, virtual: boolean): SmallAreaFeature => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: { code, districtCode: code.slice(0, 12), virtual, enumerator: null, status: 'drawn', households: 0, buildings: 0, version: 1, updatedAt: '2026-05-01T08:00:00Z', updatedBy: '王芳' },
  })

  test('a virtual small area is titled as one, in both languages', () => {
    const about = describeFeature({ kind: 'smallArea', feature: smallArea('370481108241900', true) }, stateWithCity(), 'zh-CN')
    expect(about.title).toEqual({ zh: '900 号虚拟普查小区', en: 'Virtual small area 900' })
    expect(about.rows.find((r) => r.field === 'virtual')?.value).toEqual({ zh: '是', en: 'Yes' })
  })

  test('a district lists its own small areas, ordinary ones first, virtual ones marked', () => {
    const all = [smallArea('370481108241900', true), smallArea('370481108241002', false), smallArea('370481108242001', false), smallArea('370481108241001', false)]
    expect(smallAreasOfDistrict(all, '370481108241').map((i) => [i.code, i.virtual, i.title.zh])).toEqual([
      ['370481108241001', false, '001 号普查小区'],
      ['370481108241002', false, '002 号普查小区'],
      ['370481108241900', true, '900 号虚拟普查小区'],
    ])
  })
})

describe('a feature with unsaved edits', () => {
  const square = (size: number): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [117, 35],
          [117 + size, 35],
          [117 + size, 35 + size],
          [117, 35 + size],
          [117, 35],
        ],
      ],
    ],
  })
  const saved: SmallAreaFeature = {
    type: 'Feature',
    geometry: square(0.001),
    properties: { code: '370481108241001', districtCode: '370481108241', virtual: false, enumerator: '李强', status: 'drawn', households: 40, buildings: 12, version: 4, updatedAt: '2026-05-01T08:00:00Z', updatedBy: '王芳' },
  }
  const reshaped: SmallAreaFeature = { ...saved, geometry: square(0.002) }
  const rowsOf = (about: FeatureDescription) => Object.fromEntries(about.rows.map((r) => [r.field, r]))

  test('shows the shape being edited and the browser’s count in it, marked unsaved, the rest as saved', () => {
    const about = describeFeature({ kind: 'smallArea', feature: reshaped }, stateWithCity(), 'zh-CN', {
      saved: { kind: 'smallArea', feature: saved },
      count: { buildings: 30, households: 95 },
    })
    const rows = rowsOf(about)
    expect(about.unsaved).toBe(true)
    expect(rows['households']).toEqual({ field: 'households', value: '95', unsaved: true })
    expect(rows['buildings']).toEqual({ field: 'buildings', value: '30', unsaved: true })
    expect(rows['area']?.unsaved).toBe(true)
    // Four times the saved square: about 91 m × 111 m × 4 at this latitude.
    const area = (about: FeatureDescription) => Number((rowsOf(about)['area']!.value as { en: string }).en.replace(/\D/g, ''))
    const before = describeFeature({ kind: 'smallArea', feature: saved }, stateWithCity(), 'zh-CN')
    expect(area(about) / area(before)).toBeCloseTo(4, 2)
    expect(rows['enumerator']).toEqual({ field: 'enumerator', value: '李强' })
    expect(rows['version']).toEqual({ field: 'version', value: '4' })
  })

  test('says the counts are made again on save when the browser cannot count the new shape', () => {
    const about = describeFeature({ kind: 'smallArea', feature: reshaped }, stateWithCity(), 'zh-CN', { saved: { kind: 'smallArea', feature: saved }, count: null })
    expect(rowsOf(about)['households']).toEqual({ field: 'households', value: { zh: '40（保存后重新统计）', en: '40 (counted again on save)' }, unsaved: true })
  })

  test('a saved feature, or one whose edit was undone, has no marks', () => {
    const about = describeFeature({ kind: 'smallArea', feature: saved }, stateWithCity(), 'zh-CN')
    expect(about.unsaved).toBe(false)
    expect(about.rows.every((r) => !r.unsaved)).toBe(true)
    expect(rowsOf(about)['households']?.value).toBe('40')
  })

  test('a district’s boundary drawn but not saved: drawn, with its area, both unsaved; on the map', () => {
    const drawn: DistrictFeature = { ...undrawn, geometry: square(0.01) }
    const about = describeFeature({ kind: 'district', feature: drawn }, stateWithCity(), 'zh-CN', { saved: { kind: 'district', feature: undrawn }, count: null })
    const rows = rowsOf(about)
    expect(rows['boundary']).toEqual({ field: 'boundary', value: { zh: '已绘制', en: 'Drawn' }, unsaved: true })
    expect(rows['area']?.unsaved).toBe(true)
    expect(rows['status']).toEqual({ field: 'status', value: { zh: '已退回', en: 'Returned' } })
    expect(about.onMap).toBe(true)
    const before = rowsOf(describeFeature({ kind: 'district', feature: undrawn }, stateWithCity(), 'zh-CN'))
    expect(before['boundary']?.value).toEqual({ zh: '未绘制', en: 'Not drawn' })
    expect(before['area']?.value).toEqual({ zh: '无', en: 'None' })
  })

  test('a small area drawn but never saved is all unsaved, with no version yet', () => {
    const about = describeFeature({ kind: 'smallArea', feature: { ...saved, properties: { ...saved.properties, version: 0 } } }, stateWithCity(), 'zh-CN', {
      saved: null,
      count: { buildings: 12, households: 40 },
    })
    expect(about.rows.every((r) => r.unsaved)).toBe(true)
    expect(about.rows.map((r) => r.field)).not.toContain('version')
  })
})
