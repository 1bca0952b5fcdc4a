import { describe, expect, it } from 'vitest'
import { buildingBands, cityFigures, completionReport, percent, reportQuerySchema, townshipFigures } from './figures.ts'
import { tally } from './tally.test-support.ts'

describe('township figures', () => {
  it('divides drawn and approved districts by the official list, and buildings marked by the estimate', () => {
    const f = townshipFigures(tally({ drawnDistricts: 4, approvedDistricts: 1, buildingsMarked: 35 }))
    expect(f).toMatchObject({ districtRate: 0.4, approvedRate: 0.1, buildingRate: 0.35 })
  })

  it('has no building rate for a township without an estimate, or with an estimate of 0', () => {
    expect(townshipFigures(tally({ expectedBuildings: null, buildingsMarked: 5 })).buildingRate).toBeNull()
    expect(townshipFigures(tally({ expectedBuildings: 0, buildingsMarked: 5 })).buildingRate).toBeNull()
  })

  it('has no district rate for a township with no district on the list', () => {
    expect(townshipFigures(tally({ expectedDistricts: 0 })).districtRate).toBeNull()
  })

  it('lets marking overshoot a low estimate rather than hide it', () => {
    expect(townshipFigures(tally({ expectedBuildings: 10, buildingsMarked: 12 })).buildingRate).toBeCloseTo(1.2)
  })
})

describe('percent', () => {
  it('rounds from the counts, so 57 of 100 is 57 and not 56.99…', () => {
    expect(percent(57, 100)).toBe(57)
    expect(percent(711, 1250)).toBe(57)
    expect(percent(1, 3)).toBe(33)
    expect(percent(1, 0)).toBeNull()
    expect(percent(1, null)).toBeNull()
  })
})

describe('city figures', () => {
  it('sums every count, and rates buildings only over the townships that have an estimate', () => {
    const city = cityFigures([
      tally({ code: '370481001', drawnDistricts: 5, buildingsMarked: 50, households: 80, smallAreas: 7 }),
      tally({ code: '370481002', expectedDistricts: 30, drawnDistricts: 15, buildingsMarked: 20, expectedBuildings: 300 }),
      tally({ code: '370481003', expectedDistricts: 10, drawnDistricts: 10, buildingsMarked: 999, expectedBuildings: null }),
    ])
    expect(city).toMatchObject({ townships: 3, expectedDistricts: 50, drawnDistricts: 30, districtRate: 0.6, buildingsMarked: 1069, households: 80, smallAreas: 7 })
    expect(city.expectedBuildings).toBe(400)
    expect(city.townshipsWithoutEstimate).toBe(1)
    expect(city.buildingRate).toBeCloseTo(70 / 400)
  })

  it('is all zeros and no rates for a city with no townships (a moment before the lists were loaded)', () => {
    const city = cityFigures([])
    expect(city).toMatchObject({ townships: 0, expectedDistricts: 0, drawnDistricts: 0, districtRate: null, buildingRate: null, expectedBuildings: null })
  })
})

describe('completion report', () => {
  it('orders townships by code and stamps the moment in UTC', () => {
    const report = completionReport(new Date('2026-07-27T17:00:00+08:00'), [tally({ code: '370481002' }), tally({ code: '370481001' })])
    expect(report.asOf).toBe('2026-07-27T09:00:00.000Z')
    expect(report.townships.map((t) => t.code)).toEqual(['370481001', '370481002'])
  })
})

describe('building bands', () => {
  const figures = [5, 20, 21, 30, 31, 70, 71, 100].map((marked, i) => townshipFigures(tally({ code: `37048100${i}`, buildingsMarked: marked })))

  it('counts townships strictly over each threshold, as "超过" means', () => {
    expect(buildingBands(figures)).toEqual([
      { threshold: 20, townships: 6 },
      { threshold: 30, townships: 4 },
      { threshold: 70, townships: 2 },
    ])
  })

  it('takes the office’s own thresholds, in any order', () => {
    expect(buildingBands(figures, [50, 10])).toEqual([
      { threshold: 10, townships: 7 },
      { threshold: 50, townships: 3 },
    ])
  })

  it('never puts a township without an estimate in a band', () => {
    expect(buildingBands([townshipFigures(tally({ expectedBuildings: null, buildingsMarked: 1000 }))])).toEqual([
      { threshold: 20, townships: 0 },
      { threshold: 30, townships: 0 },
      { threshold: 70, townships: 0 },
    ])
  })
})

describe('report query', () => {
  it('accepts an ISO time with an offset, and refuses anything else', () => {
    expect(reportQuerySchema.parse({ asOf: '2026-07-27T17:00:00+08:00' }).asOf).toBe('2026-07-27T17:00:00+08:00')
    expect(reportQuerySchema.safeParse({ asOf: 'yesterday' }).success).toBe(false)
    expect(reportQuerySchema.safeParse({ at: '2026-07-27T09:00:00Z' }).success).toBe(false)
  })
})
