import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { DistrictFeature } from '../features.ts'
import { readHiddenOverlays, ViewerStore } from './viewer-store.ts'

describe('the overlays a person hides', () => {
  test('are shown and hidden one by one, and a repeated choice changes nothing', () => {
    const store = new ViewerStore()
    store.showOverlay('buildings', false)
    store.showOverlay('labels', false)
    expect([...store.getState().hiddenOverlays].sort()).toEqual(['buildings', 'labels'])
    const before = store.getState()
    store.showOverlay('buildings', false)
    expect(store.getState()).toBe(before)
    store.showOverlay('buildings', true)
    expect([...store.getState().hiddenOverlays]).toEqual(['labels'])
  })

  test('are read back from what the browser kept, ignoring what is not an overlay or not a list', () => {
    expect([...readHiddenOverlays('["fills","labels"]')].sort()).toEqual(['fills', 'labels'])
    expect([...readHiddenOverlays('["fills","roads",3]')]).toEqual(['fills'])
    expect(readHiddenOverlays('{"fills":true}').size).toBe(0)
    expect(readHiddenOverlays('not json').size).toBe(0)
    expect(readHiddenOverlays(null).size).toBe(0)
  })
})

describe('the districts’ boundaries the page holds', () => {
  const square = (x: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x, 35], [x + 0.01, 35], [x + 0.01, 35.01], [x, 35.01], [x, 35]]]] })
  const district = (code: string, geometry: MultiPolygon | null): DistrictFeature => ({
    type: 'Feature',
    geometry,
    bbox: [117, 35, 117.01, 35.01],
    properties: { code, name: code, townshipCode: code.slice(0, 9), urbanRuralCode: null, status: 'drawn', hasBoundary: true, smallAreas: 0, version: 1, updatedAt: '', updatedBy: '' },
  })
  const listed = ['370481001001', '370481001002', '370481002001'].map((code) => district(code, null))

  test('are one township’s: its districts take the boundaries that arrived, the township held before lets its go', () => {
    const store = new ViewerStore()
    store.cityLoaded({ townships: { type: 'FeatureCollection', features: [] }, districts: { type: 'FeatureCollection', features: listed } })
    store.districtBoundariesLoaded('370481001', { type: 'FeatureCollection', features: [district('370481001001', square(117)), district('370481001002', square(117.01))] })
    const shapes = () => Object.fromEntries(store.getState().city!.districts.features.map((d) => [d.properties.code, d.geometry !== null]))
    expect(store.getState().districtBoundaries).toBe('370481001')
    expect(shapes()).toEqual({ '370481001001': true, '370481001002': true, '370481002001': false })
    store.districtBoundariesLoaded('370481002', { type: 'FeatureCollection', features: [district('370481002001', square(117.02))] })
    expect(store.getState().districtBoundaries).toBe('370481002')
    expect(shapes()).toEqual({ '370481001001': false, '370481001002': false, '370481002001': true })
    // Those let go are named where they were: a point inside the boundary they had.
    const [lon, lat] = store.getState().city!.districts.features[0]!.properties.labelAt!
    expect(lon > 117 && lon < 117.01 && lat > 35 && lat < 35.01).toBe(true)
    // The list stays whole, in its order, with what it says of each.
    expect(store.getState().city!.districts.features.map((d) => [d.properties.code, d.properties.hasBoundary, d.bbox])).toEqual(
      listed.map((d) => [d.properties.code, true, [117, 35, 117.01, 35.01]]),
    )
  })
})
