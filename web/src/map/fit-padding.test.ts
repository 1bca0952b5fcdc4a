import { describe, expect, test } from 'vitest'
import { paddingClearOf } from './fit-padding.ts'

/** The map on a phone held upright (390 × 844): under the header, above the side panel. */
const map = { left: 0, top: 80, right: 390, bottom: 540 }

describe('paddingClearOf', () => {
  test('clears the toolbar across the top from the top, and the legend strip along the bottom from the bottom', () => {
    const toolbar = { left: 6, top: 86, right: 344, bottom: 260 }
    const legend = { left: 6, top: 490, right: 280, bottom: 534 }
    expect(paddingClearOf(map, [toolbar, legend], 10)).toEqual({ top: 190, right: 10, bottom: 60, left: 10 })
  })

  test('clears a tall panel at the left from the left, as the desktop legend is', () => {
    const desk = { left: 0, top: 52, right: 940, bottom: 800 }
    const legend = { left: 12, top: 560, right: 200, bottom: 772 }
    expect(paddingClearOf(desk, [legend], 10)).toMatchObject({ left: 210, bottom: 10 })
  })

  test('a panel hidden or off the map takes nothing', () => {
    expect(paddingClearOf(map, [{ left: 0, top: 0, right: 0, bottom: 0 }, { left: 0, top: 600, right: 390, bottom: 700 }], 10)).toEqual({ top: 10, right: 10, bottom: 10, left: 10 })
  })

  test('leaves some map free however much is covered, shrinking both sides of that axis alike', () => {
    const toolbar = { left: 0, top: 80, right: 390, bottom: 420 }
    const legend = { left: 0, top: 400, right: 390, bottom: 540 }
    const padding = paddingClearOf(map, [toolbar, legend], 10)
    expect(460 - padding.top - padding.bottom).toBeGreaterThanOrEqual(80)
    expect(padding.top / padding.bottom).toBeCloseTo(350 / 150, 1)
  })
})
