import { describe, expect, test } from 'vitest'
import type { DistrictFeature, SmallAreaFeature, TownshipFeature } from '../features.ts'
import { ViewerStore } from '../store/viewer-store.ts'
import { describeFeature, smallAreasOfDistrict } from './feature-rows.ts'

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
