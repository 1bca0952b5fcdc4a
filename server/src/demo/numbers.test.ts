import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitCounts } from './numbers.ts'

describe('fitCounts', () => {
  it('hands out exactly the total, each count within its bounds and near its share', () => {
    const entry = fc.record({ wanted: fc.double({ min: 0.1, max: 100, noNaN: true }), min: fc.integer({ min: 0, max: 5 }), extra: fc.integer({ min: 0, max: 400 }) })
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (entries, fill) => {
        const min = entries.map((e) => e.min)
        const max = entries.map((e) => e.min + e.extra)
        const [low, high] = [min.reduce((s, x) => s + x, 0), max.reduce((s, x) => s + x, 0)]
        const total = Math.round(low + fill * (high - low))
        const counts = fitCounts(entries.map((e) => e.wanted), min, max, total)
        expect(counts.reduce((s, x) => s + x, 0)).toBe(total)
        counts.forEach((c, i) => {
          expect(c).toBeGreaterThanOrEqual(min[i]!)
          expect(c).toBeLessThanOrEqual(max[i]!)
        })
      }),
    )
  })

  it('keeps the proportions of the wanted counts when no bound is in the way', () => {
    expect(fitCounts([1, 2, 3, 4], [0, 0, 0, 0], [100, 100, 100, 100], 100)).toEqual([10, 20, 30, 40])
  })
})
