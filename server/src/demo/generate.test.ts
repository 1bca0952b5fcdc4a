import { area, length, lineString } from '@turf/turf'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkPolygonal, parentCode } from '@census/shared'
import {
  buildingsOutsideOneSmallArea,
  CAMPAIGN_TIMES as times,
  codeProblems,
  demoOptions as options,
  groupBy,
  openEdges,
  overlapOfNeighbours,
  relativeDifference,
  sample,
  sumArea,
  TENGZHOU_FIXTURES,
} from './city-checks.test-support.ts'
import { generateCity, largeCitySource, PILOT_DISTRICT_CODE, type DemoCity } from './generate.ts'
import { loadTengzhouSource } from './tengzhou.ts'

const source = loadTengzhouSource(TENGZHOU_FIXTURES)

let complete: DemoCity
let campaign: DemoCity
beforeAll(() => {
  complete = generateCity(source, options('complete'))
  campaign = generateCity(source, options('campaign'))
})

function markedShareByTownship(city: DemoCity): number[] {
  const marked = groupBy(city.buildings, (b) => parentCode('district', b.districtCode))
  return city.townships.map((t) => (marked.get(t.code)?.length ?? 0) / t.expectedBuildings)
}

describe('generateCity', () => {
  it('is deterministic: the same source and options give a deep-equal city, another seed another city', () => {
    const small = largeCitySource(source, 40)
    for (const progress of ['complete', 'campaign'] as const) {
      expect(generateCity(small, options(progress, 7))).toEqual(generateCity(small, options(progress, 7)))
    }
    expect(generateCity(small, options('complete', 8)).districts[0]!.boundary).not.toEqual(generateCity(small, options('complete', 7)).districts[0]!.boundary)
  })

  it('builds the campaign from the complete city: same geometry, a subset of the buildings', () => {
    const boundaries = new Map(complete.districts.map((d) => [d.code, d.boundary]))
    for (const d of campaign.districts) if (d.boundary) expect(d.boundary).toEqual(boundaries.get(d.code))
    const buildings = new Map(complete.buildings.map((b) => [b.code, b]))
    for (const b of sample(campaign.buildings, 2000, 1)) expect(buildings.get(b.code)).toEqual({ ...b, markedAt: buildings.get(b.code)!.markedAt })
    expect(campaign.townships.map((t) => t.expectedBuildings)).toEqual(complete.townships.map((t) => t.expectedBuildings))
  })

  it('comes to Tengzhou’s size when complete', () => {
    const households = complete.buildings.reduce((s, b) => s + b.households, 0)
    expect(households).toBeGreaterThan(500_000)
    expect(households).toBeLessThan(590_000)
    expect(complete.smallAreas.length).toBeGreaterThan(6_000)
    expect(complete.smallAreas.length).toBeLessThan(8_000)
    expect(complete.buildings.length).toBeGreaterThan(250_000)
    expect(complete.buildings.length).toBeLessThan(350_000)
    expect(complete.townships.reduce((s, t) => s + t.expectedBuildings, 0)).toBe(complete.buildings.length)
    expect(complete.districts.every((d) => d.boundary !== null && d.status === 'approved' && d.drawnAt !== null)).toBe(true)
    expect(complete.smallAreas.every((a) => a.status === 'approved' && a.enumerator !== null)).toBe(true)
    expect(new Set(complete.smallAreas.map((a) => a.districtCode)).size).toBe(complete.districts.length)
  })

  it('makes urban communities bigger than villages, with apartment blocks', () => {
    const urban = new Set(complete.districts.filter((d) => d.urbanRuralCode === '111').map((d) => d.code))
    const villages = new Set(complete.districts.filter((d) => d.urbanRuralCode === '220').map((d) => d.code))
    const households = groupBy(complete.buildings, (b) => b.districtCode)
    const mean = (codes: Set<string>) => [...codes].reduce((s, c) => s + households.get(c)!.reduce((h, b) => h + b.households, 0), 0) / codes.size
    expect(mean(urban)).toBeGreaterThan(3 * mean(villages))
    const urbanBuildings = complete.buildings.filter((b) => urban.has(b.districtCode))
    const blocks = urbanBuildings.filter((b) => b.address.endsWith('号楼'))
    expect(blocks.length).toBeGreaterThan(0)
    for (const b of blocks) {
      expect(b.floors).toBeGreaterThanOrEqual(6)
      expect(b.floors).toBeLessThanOrEqual(33)
      expect(b.households).toBeGreaterThanOrEqual(12)
      expect(b.households).toBeLessThanOrEqual(200)
    }
    const villageHouses = complete.buildings.filter((b) => villages.has(b.districtCode) && b.households > 0)
    expect(villageHouses.every((b) => b.households === 1 && b.floors <= 2)).toBe(true)
    expect(urbanBuildings.some((b) => b.use === 'non_residential' && b.households === 0)).toBe(true)
  })

  it('gives every code the right length and its parent’s prefix, in sequence from 001 / 0001', () => {
    for (const city of [complete, campaign]) {
      const problems = [
        ...city.townships.map((t) => codeProblems('township', t.code, city.countyCode)),
        ...city.districts.map((d) => codeProblems('district', d.code, d.townshipCode)),
        ...city.smallAreas.map((a) => codeProblems('smallArea', a.code, a.districtCode)),
        ...city.buildings.map((b) => codeProblems('building', b.code, b.districtCode)),
      ].filter((p) => p !== null)
      expect(problems).toEqual([])
      const outOfSequence = [
        ...[...groupBy(city.smallAreas, (a) => a.districtCode).values()].filter((areas) => areas.some((a, i) => Number(a.code.slice(12)) !== i + 1)),
        ...[...groupBy(city.buildings, (b) => b.districtCode).values()].filter((buildings) => buildings.some((b, i) => Number(b.code.slice(12)) !== i + 1)),
      ]
      expect(outOfSequence).toEqual([])
    }
  })

  it('writes addresses in Chinese from the district’s name', () => {
    const pilot = complete.buildings.filter((b) => b.districtCode === PILOT_DISTRICT_CODE)
    expect(pilot.some((b) => /^汤庄居委会 \d+ 号楼$/.test(b.address))).toBe(true)
    const village = complete.districts.find((d) => d.name.endsWith('村委会'))!
    const first = complete.buildings.find((b) => b.districtCode === village.code)!
    expect(first.address).toMatch(new RegExp(`^${village.name.slice(0, -2)} \\d+ 号(楼)?$`))
  })

  it('keeps the pilot district complete in both modes', () => {
    for (const city of [complete, campaign]) {
      const pilot = city.districts.find((d) => d.code === PILOT_DISTRICT_CODE)!
      expect(pilot.status).toBe('approved')
      expect(pilot.boundary).not.toBeNull()
      const areas = city.smallAreas.filter((a) => a.districtCode === PILOT_DISTRICT_CODE)
      expect(areas.length).toBeGreaterThan(0)
      expect(areas.every((a) => a.status === 'approved')).toBe(true)
      expect(relativeDifference(sumArea(areas.map((a) => a.boundary)), area(pilot.boundary!))).toBeLessThan(1e-6)
    }
    const count = (city: DemoCity) => city.buildings.filter((b) => b.districtCode === PILOT_DISTRICT_CODE).length
    expect(count(campaign)).toBe(count(complete))
    expect(count(complete)).toBeGreaterThan(0)
  })

  it('outputs valid polygons: closed rings, no repeated points, no self-intersection', () => {
    const boundaries = [...complete.townships.map((t) => t.boundary), ...complete.districts.map((d) => d.boundary!), ...complete.smallAreas.map((a) => a.boundary)]
    const invalid = boundaries.filter((g) => g.type !== 'MultiPolygon' || checkPolygonal(g, '').length > 0)
    expect(invalid).toEqual([])
    const digits = boundaries.flatMap((g) => g.coordinates.flat(2).flat()).filter((v) => Math.round(v * 1e7) / 1e7 !== v)
    expect(digits).toEqual([])
  })

  it('tiles exactly: the county by townships, each township by districts, each district by small areas', () => {
    expect(relativeDifference(sumArea(complete.townships.map((t) => t.boundary)), area(source.outline))).toBeLessThan(1e-6)
    const districtsOf = groupBy(complete.districts, (d) => d.townshipCode)
    for (const t of complete.townships) {
      expect(relativeDifference(sumArea(districtsOf.get(t.code)!.map((d) => d.boundary!)), area(t.boundary))).toBeLessThan(1e-6)
    }
    const areasOf = groupBy(complete.smallAreas, (a) => a.districtCode)
    for (const d of complete.districts) {
      expect(relativeDifference(sumArea(areasOf.get(d.code)!.map((a) => a.boundary)), area(d.boundary!))).toBeLessThan(1e-6)
    }
  })

  it('is one noded coverage: neighbours at every level share their edges vertex for vertex', () => {
    const townships = openEdges(complete.townships.map((t) => t.boundary))
    expect(townships.twice).toBe(0)
    for (const level of [complete.districts.map((d) => d.boundary!), complete.smallAreas.map((a) => a.boundary)]) {
      const edges = openEdges(level)
      expect(edges.twice).toBe(0)
      expect(edges.open).toEqual(townships.open)
    }
    // What no one shares is the county outline.
    expect(relativeDifference(townships.length(), length(lineString(source.outline.coordinates[0]![0]!)))).toBeLessThan(1e-6)
  })

  it('leaves no overlap between neighbours (a sample at each level)', () => {
    expect(overlapOfNeighbours(complete.townships.map((t) => t.boundary))).toBeLessThan(0.01)
    const districtsOf = groupBy(complete.districts, (d) => d.townshipCode)
    for (const code of sample([...districtsOf.keys()], 3, 2)) {
      expect(overlapOfNeighbours(districtsOf.get(code)!.map((d) => d.boundary!))).toBeLessThan(0.01)
    }
    const areasOf = groupBy(complete.smallAreas, (a) => a.districtCode)
    for (const code of [PILOT_DISTRICT_CODE, ...sample([...areasOf.keys()], 40, 3)]) {
      expect(overlapOfNeighbours(areasOf.get(code)!.map((a) => a.boundary))).toBeLessThan(0.01)
    }
  })

  it('puts every building strictly inside exactly one small area of its district (a sample)', () => {
    const codes = [PILOT_DISTRICT_CODE, ...sample(complete.districts.map((d) => d.code), 60, 4)]
    expect(buildingsOutsideOneSmallArea(complete, codes)).toEqual([])
    const withAreas = [...new Set(campaign.smallAreas.map((a) => a.districtCode))]
    expect(buildingsOutsideOneSmallArea(campaign, sample(withAreas, 30, 5))).toEqual([])
  })
})

describe('generateCity in mid-campaign', () => {
  it('has drawn about 57 % of districts and 1,000–2,500 small areas', () => {
    const drawn = campaign.districts.filter((d) => d.boundary !== null)
    expect(drawn.length / campaign.districts.length).toBeGreaterThan(0.54)
    expect(drawn.length / campaign.districts.length).toBeLessThan(0.6)
    expect(campaign.smallAreas.length).toBeGreaterThanOrEqual(1_000)
    expect(campaign.smallAreas.length).toBeLessThanOrEqual(2_500)
  })

  it('leaves undrawn districts empty and marks buildings only where small areas are drawn', () => {
    const withAreas = new Set(campaign.smallAreas.map((a) => a.districtCode))
    for (const d of campaign.districts.filter((d) => d.boundary === null)) {
      expect(d).toMatchObject({ status: 'not_started', drawnAt: null })
      expect(withAreas.has(d.code)).toBe(false)
    }
    const drawn = new Set(campaign.districts.filter((d) => d.boundary !== null).map((d) => d.code))
    expect([...withAreas].every((c) => drawn.has(c))).toBe(true)
    expect(campaign.buildings.every((b) => withAreas.has(b.districtCode))).toBe(true)
    // Small areas come whole: a district with any has all of them.
    const completeCount = groupBy(complete.smallAreas, (a) => a.districtCode)
    for (const [code, areas] of groupBy(campaign.smallAreas, (a) => a.districtCode)) expect(areas.length).toBe(completeCount.get(code)!.length)
  })

  it('has townships at very different stages: 12 over 20 % of expected buildings, 7 over 30 %, 3 over 70 %', () => {
    const shares = markedShareByTownship(campaign)
    expect(shares.filter((s) => s > 0.2)).toHaveLength(12)
    expect(shares.filter((s) => s > 0.3)).toHaveLength(7)
    expect(shares.filter((s) => s > 0.7)).toHaveLength(3)
    const drawnShare = campaign.townships.map((t) => {
      const own = campaign.districts.filter((d) => d.townshipCode === t.code)
      return own.filter((d) => d.boundary).length / own.length
    })
    expect(Math.max(...drawnShare)).toBeGreaterThan(0.9)
    expect(Math.min(...drawnShare)).toBeLessThan(0.2)
  })

  it('has mostly drawn districts, some submitted, a few approved and a few returned', () => {
    const statuses = groupBy(campaign.districts.filter((d) => d.boundary), (d) => d.status)
    const count = (s: string) => statuses.get(s)?.length ?? 0
    expect(count('not_started')).toBe(0)
    expect(count('drawn')).toBeGreaterThan(count('submitted'))
    expect(count('submitted')).toBeGreaterThan(count('approved'))
    expect(count('approved')).toBeGreaterThan(count('returned'))
    expect(count('returned')).toBeGreaterThan(0)
    // Small areas follow their district: none approved in a district that is not.
    const status = new Map(campaign.districts.map((d) => [d.code, d.status]))
    expect(campaign.smallAreas.filter((a) => a.status === 'approved' && status.get(a.districtCode) !== 'approved')).toEqual([])
  })

  it('dates everything between campaignStart and asOf, in order, townships ahead having started earlier', () => {
    const [from, to] = [times.campaignStart.getTime(), times.asOf.getTime()]
    const drawnAt = new Map(campaign.districts.map((d) => [d.code, d.drawnAt === null ? NaN : Date.parse(d.drawnAt)]))
    const early = [
      ...campaign.districts.filter((d) => d.drawnAt !== null && !(Date.parse(d.drawnAt) >= from)),
      ...campaign.smallAreas.filter((a) => !(Date.parse(a.drawnAt) >= drawnAt.get(a.districtCode)!)),
      ...campaign.buildings.filter((b) => !(Date.parse(b.markedAt) >= drawnAt.get(b.districtCode)!)),
    ]
    expect(early).toEqual([])
    const late = [...campaign.districts.map((d) => d.drawnAt), ...campaign.smallAreas.map((a) => a.drawnAt), ...campaign.buildings.map((b) => b.markedAt)].filter(
      (at) => at !== null && Date.parse(at) > to,
    )
    expect(late).toEqual([])
    const shares = markedShareByTownship(campaign)
    const firstDrawn = campaign.townships.map((t) => Math.min(...campaign.districts.filter((d) => d.townshipCode === t.code && d.drawnAt).map((d) => Date.parse(d.drawnAt!))))
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
    expect(mean(firstDrawn.filter((_, i) => shares[i]! > 0.7))).toBeLessThan(mean(firstDrawn.filter((_, i) => shares[i]! <= 0.2)))
    // Progress grows: the first week of the campaign saw only a small part of the marking.
    const week = from + 7 * 86_400_000
    expect(campaign.buildings.filter((b) => Date.parse(b.markedAt) < week).length).toBeLessThan(campaign.buildings.length / 4)
  })
})
