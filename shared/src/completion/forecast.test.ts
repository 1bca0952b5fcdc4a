import { describe, expect, it } from 'vitest'
import { citySeries, forecastFinish, type CompletionSeries } from './forecast.ts'

const days = Array.from({ length: 15 }, (_, i) => new Date(Date.UTC(2026, 6, 1 + i, 16)).toISOString())
const deadline = new Date('2026-08-15T16:00:00Z')

describe('forecast', () => {
  it('extends the pace of the last seven days to the target', () => {
    const done = days.map((_, i) => i * 2) // 2 a day, at 28 on the last day (15 July)
    const f = forecastFinish(days, done, 48, deadline)
    expect(f.pacePerDay).toBeCloseTo(2)
    expect(f.finishAt).toBe(new Date('2026-07-25T16:00:00Z').toISOString())
    expect(f.state).toBe('on_track')
  })

  it('is at risk when that pace misses the deadline', () => {
    const done = days.map((_, i) => i) // 1 a day from 14: 100 would take until mid-September
    expect(forecastFinish(days, done, 100, deadline).state).toBe('at_risk')
  })

  it('reads only the recent pace: a fast start does not save a township that has stopped', () => {
    const done = days.map((_, i) => Math.min(i, 5) * 10)
    expect(forecastFinish(days, done, 100, deadline)).toEqual({ state: 'at_risk', pacePerDay: 0, finishAt: null })
  })

  it('is done on the first day the target was reached, whatever the deadline', () => {
    const done = days.map((_, i) => Math.min(i * 10, 60))
    expect(forecastFinish(days, done, 60, new Date('2000-01-01'))).toEqual({ state: 'done', pacePerDay: 0, finishAt: days[6] })
  })

  it('gives the finish date, but no verdict, while the county has no deadline', () => {
    expect(forecastFinish(days, days.map((_, i) => i * 2), 48, null)).toEqual({ state: 'no_deadline', pacePerDay: 2, finishAt: '2026-07-25T16:00:00.000Z' })
    expect(forecastFinish(days, days.map(() => 3), 48, null)).toEqual({ state: 'no_deadline', pacePerDay: 0, finishAt: null })
    expect(forecastFinish(days, days.map(() => 48), 48, null).state).toBe('done')
  })

  it('has no forecast without a target (a township with no expected buildings)', () => {
    expect(forecastFinish(days, days.map(() => 3), null, deadline).state).toBe('no_target')
    expect(forecastFinish(days, days.map(() => 3), 0, deadline).state).toBe('no_target')
    expect(forecastFinish([], [], 10, deadline).state).toBe('no_target')
  })
})

describe('city series', () => {
  it('sums the townships day by day, and their estimates where there are any', () => {
    const series: CompletionSeries = {
      days: days.slice(0, 2),
      townships: [
        { code: '370481001', name: 'a', expectedDistricts: 10, expectedBuildings: 100, drawnDistricts: [1, 2], buildingsMarked: [5, 9] },
        { code: '370481002', name: 'b', expectedDistricts: 5, expectedBuildings: null, drawnDistricts: [0, 3], buildingsMarked: [0, 4] },
      ],
    }
    expect(citySeries(series, '滕州市')).toEqual({ code: '', name: '滕州市', expectedDistricts: 15, expectedBuildings: 100, drawnDistricts: [1, 5], buildingsMarked: [5, 13] })
  })
})
