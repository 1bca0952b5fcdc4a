import { describe, expect, it } from 'vitest'
import { atChinaHour, chinaDayEnd, chinaDayOf, chinaDayStart, chinaTime } from './china-time.ts'

describe('China time', () => {
  it('starts the China day at 16:00 UTC the day before, whichever side of UTC midnight the instant is', () => {
    expect(new Date(chinaDayStart(Date.parse('2026-07-27T15:59:59Z'))).toISOString()).toBe('2026-07-26T16:00:00.000Z')
    expect(new Date(chinaDayStart(Date.parse('2026-07-27T16:00:00Z'))).toISOString()).toBe('2026-07-27T16:00:00.000Z')
    expect(new Date(chinaDayStart(Date.parse('2026-07-27T23:30:00Z'))).toISOString()).toBe('2026-07-27T16:00:00.000Z')
  })

  it('reads the wall clock in China', () => {
    expect(chinaTime(new Date('2026-07-27T09:00:00Z'))).toEqual({ year: 2026, month: 7, day: 27, hour: 17, minute: 0 })
    expect(chinaTime(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30 })
  })

  it('names the China day of an instant, which is the next UTC day from 16:00 UTC', () => {
    expect(chinaDayOf(new Date('2026-07-27T15:59:59Z'))).toBe('2026-07-27')
    expect(chinaDayOf(new Date('2026-07-27T16:00:00Z'))).toBe('2026-07-28')
    expect(chinaDayOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01')
  })

  it('puts a whole hour of a China day on the timeline, and ends a deadline day at 24:00 China time', () => {
    expect(atChinaHour('2026-07-27', 17).toISOString()).toBe('2026-07-27T09:00:00.000Z')
    expect(atChinaHour('2026-07-27', 0).toISOString()).toBe('2026-07-26T16:00:00.000Z')
    expect(chinaDayEnd('2026-08-15').toISOString()).toBe('2026-08-15T16:00:00.000Z')
    expect(chinaDayOf(atChinaHour('2026-03-01', 5))).toBe('2026-03-01')
  })
})
