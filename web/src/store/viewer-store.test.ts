import { describe, expect, test } from 'vitest'
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

describe('the legend', () => {
  test('folds and opens again, and folding a folded legend changes nothing', () => {
    const store = new ViewerStore()
    expect(store.getState().legendFolded).toBe(false)
    store.foldLegend(true)
    expect(store.getState().legendFolded).toBe(true)
    const before = store.getState()
    store.foldLegend(true)
    expect(store.getState()).toBe(before)
    store.foldLegend(false)
    expect(store.getState().legendFolded).toBe(false)
  })
})

describe('a base map that does not load', () => {
  test('is said once in the notice, which goes when another base map is chosen; other notices stay', () => {
    const store = new ViewerStore()
    const failed = { zh: '底图瓦片加载失败', en: 'The base-map tiles could not be loaded' }
    store.basemapFailed(failed)
    expect(store.getState().notice).toBe(failed)
    store.chooseBasemap(null)
    expect(store.getState().notice).toBeNull()

    const other = { zh: '建筑物加载失败', en: 'Buildings could not be loaded' }
    store.basemapFailed(failed)
    store.notify(other)
    store.chooseBasemap(null)
    expect(store.getState().notice).toBe(other)
  })
})
