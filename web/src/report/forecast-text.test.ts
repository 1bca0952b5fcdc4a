import { describe, expect, it } from 'vitest'
import { chinaDate, dayInWords, forecastLabel, monthDay } from './forecast-text.ts'

const asOf = new Date('2026-11-29T09:00:00Z')
/** The end of 13 December in China. */
const deadline = new Date('2026-12-13T16:00:00Z')

describe('forecast words', () => {
  it('name the finish day and the deadline’s own day (its end is midnight of the next)', () => {
    const late = forecastLabel({ state: 'at_risk', pacePerDay: 1, finishAt: '2027-01-04T20:00:00Z' }, deadline, asOf)
    expect(late.zh).toBe('按近7天进度，预计2027/1/5才能完成普查区划分，晚于截止日期12/13')
    expect(forecastLabel({ state: 'on_track', pacePerDay: 3, finishAt: '2026-12-03T08:00:00Z' }, deadline, asOf, true)).toEqual({ zh: '预计12/3', en: 'by 12/3' })
  })

  it('say plainly that a township has stalled', () => {
    expect(forecastLabel({ state: 'at_risk', pacePerDay: 0, finishAt: null }, deadline, asOf, true).zh).toBe('停滞')
    expect(forecastLabel({ state: 'at_risk', pacePerDay: 0, finishAt: null }, deadline, asOf).en).toContain('will not finish by the deadline (12/13)')
  })

  it('write China dates whatever the zone, with the year only when it is not the report’s', () => {
    expect(chinaDate(new Date('2026-12-31T17:00:00Z'), asOf)).toBe('2027/1/1')
    expect(chinaDate(new Date('2026-12-31T15:00:00Z'), asOf)).toBe('12/31')
  })
})

describe('days in words', () => {
  it('write a China day as the office does, in either language', () => {
    expect(dayInWords('2026-07-27')).toEqual({ zh: '2026年7月27日', en: '27 July 2026' })
    expect(monthDay(new Date('2026-12-31T17:00:00Z'))).toEqual({ zh: '1月1日', en: '1 Jan' })
  })

  it('give the finish day without a verdict while no deadline is set', () => {
    const f = { state: 'no_deadline', pacePerDay: 2, finishAt: '2026-12-03T08:00:00Z' } as const
    expect(forecastLabel(f, null, asOf).zh).toBe('按近7天进度，预计12/3完成普查区划分（尚未设定截止日期）')
    expect(forecastLabel({ ...f, finishAt: null }, null, asOf, true).zh).toBe('停滞')
  })
})
