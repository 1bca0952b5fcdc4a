import { describe, expect, test } from 'vitest'
import type { DistrictFeature, TownshipFeature } from '../features.ts'
import { ViewerStore } from '../store/viewer-store.ts'
import { describeFeature } from './feature-rows.ts'

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
    smallAreas: { type: 'FeatureCollection', features: [] },
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
