import { describe, expect, test } from 'vitest'
import { buildingsToFetch } from './building-loader.ts'
import { minZoom } from '../map/census-style.ts'

const view = { zoom: minZoom.building + 1, bounds: [117, 35, 117.1, 35.1] as [number, number, number, number] }

describe('buildingsToFetch', () => {
  test('fetches nothing while the map is zoomed out too far to show buildings', () => {
    expect(buildingsToFetch({ ...view, zoom: minZoom.building - 0.5 }, null)).toBeNull()
  })

  test('fetches the view with a margin of a quarter of its size on each side', () => {
    const bounds = buildingsToFetch(view, null)
    expect(bounds?.map((n) => Number(n.toFixed(6)))).toEqual([116.975, 34.975, 117.125, 35.125])
  })

  test('fetches nothing again while the view stays inside what was fetched', () => {
    const fetched = buildingsToFetch(view, null)
    const panned = { ...view, bounds: [117.02, 35.02, 117.12, 35.12] as typeof view.bounds }
    expect(buildingsToFetch(panned, fetched)).toBeNull()
  })

  test('fetches again once the view leaves what was fetched', () => {
    const fetched = buildingsToFetch(view, null)
    const far = { ...view, bounds: [117.3, 35, 117.4, 35.1] as typeof view.bounds }
    expect(buildingsToFetch(far, fetched)).not.toBeNull()
  })
})
