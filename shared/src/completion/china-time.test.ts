import { describe, expect, it } from 'vitest'
import { chinaDayStart, chinaTime } from './china-time.ts'

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
})
