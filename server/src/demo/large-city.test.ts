import { area, length, lineString } from '@turf/turf'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkPolygonal, SMALL_AREA_TARGET_HOUSEHOLDS } from '@census/shared'
import {
  buildingsOutsideOneSmallArea,
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
import { generateCity, type CitySource, type DemoCity } from './generate.ts'
import { DENSE_TOWNSHIP_CENSUS, largeCitySource, XIAN_CENSUS, type CitySize } from './large-city.ts'
import { loadTengzhouSource } from './tengzhou.ts'

const source = loadTengzhouSource(TENGZHOU_FIXTURES)

describe('largeCitySource', () => {
  it('invents a city of the asked size under the base county, in China', () => {
    const large = largeCitySource(source, 3200)
    expect(large.countyCode).toBe(source.countyCode)
    expect(large.districts).toHaveLength(3200)
    expect(large.townships.length).toBe(160)
    for (const t of large.townships) expect(codeProblems('township', t.code, large.countyCode)).toBeNull()
    for (const d of large.districts) expect(codeProblems('district', d.code, d.townshipCode)).toBeNull()
    expect(new Set(large.districts.map((d) => d.code)).size).toBe(3200)
    expect(relativeDifference(area(large.outline), (area(source.outline) * 3200) / 1250)).toBeLessThan(0.01)
    expect(checkPolygonal(large.outline, '')).toEqual([])
  })

  it('generates valid, exactly tiled small cities whatever the seed', () => {
    const small: CitySource = largeCitySource(source, 30)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const city = generateCity(small, { ...options('complete', seed), householdsPerSmallArea: 60 })
        const all = [...city.townships.map((t) => t.boundary), ...city.districts.map((d) => d.boundary!), ...city.smallAreas.map((a) => a.boundary)]
        expect(all.filter((g) => checkPolygonal(g, '').length > 0)).toEqual([])
        expect(relativeDifference(sumArea(city.townships.map((t) => t.boundary)), area(small.outline))).toBeLessThan(1e-6)
        for (const [code, areas] of groupBy(city.smallAreas, (a) => a.districtCode)) {
          const d = city.districts.find((x) => x.code === code)!
          expect(relativeDifference(sumArea(areas.map((a) => a.boundary)), area(d.boundary!))).toBeLessThan(1e-6)
        }
        expect(buildingsOutsideOneSmallArea(city, city.districts.slice(0, 5).map((d) => d.code))).toEqual([])
      }),
      { numRuns: 6 },
    )
  })

  it('keeps Tengzhou’s density unless asked for small areas or buildings', () => {
    expect(largeCitySource(source, 40).density).toBeUndefined()
    expect(largeCitySource(source, { districts: 40 })).toEqual(largeCitySource(source, 40))
    const xian = largeCitySource(source, XIAN_CENSUS)
    expect(xian.density!.households).toBeGreaterThan(1.2)
    expect(xian.density!.otherBuildings).toBeGreaterThan(1)
  })

  it('makes the dense township of issue 4: about 1,000 small areas and 50,000 buildings', () => {
    const city = generateCity(largeCitySource(source, DENSE_TOWNSHIP_CENSUS), options('complete'))
    const [busiest] = city.townships
      .map((t) => ({
        buildings: city.buildings.filter((b) => b.districtCode.startsWith(t.code)).length,
        smallAreas: city.smallAreas.filter((a) => a.districtCode.startsWith(t.code)).length,
      }))
      .sort((a, b) => b.buildings - a.buildings)
    expect(busiest!.buildings).toBeGreaterThanOrEqual(50_000)
    expect(busiest!.smallAreas).toBeGreaterThanOrEqual(1_000)
  })

  it('refuses a number of buildings the homes alone exceed', () => {
    expect(() => largeCitySource(source, { districts: 40, smallAreas: 800, buildings: 1_000 })).toThrow(/too few/)
  })
})

/** Xi'an's census cut to a tenth of its districts, at Xi'an's density: the full city takes 20 s. */
const TENTH_OF_XIAN: CitySize = { districts: 320, smallAreas: 6_300, buildings: 135_000 }

describe('a tenth of Xi’an at Xi’an’s density', () => {
  let large: CitySource
  let city: DemoCity
  beforeAll(() => {
    large = largeCitySource(source, TENTH_OF_XIAN)
    city = generateCity(large, options('complete'))
  })

  it('comes to the small areas and buildings asked for, about one enumerator’s households each', () => {
    expect(city.districts).toHaveLength(TENTH_OF_XIAN.districts)
    // Halving a district cannot always give every part its own buildings: a few small areas fewer.
    expect(city.smallAreas.length / TENTH_OF_XIAN.smallAreas!).toBeGreaterThan(0.96)
    expect(city.smallAreas.length / TENTH_OF_XIAN.smallAreas!).toBeLessThanOrEqual(1.005)
    expect(relativeDifference(city.buildings.length, TENTH_OF_XIAN.buildings!)).toBeLessThan(0.01)
    const households = city.buildings.reduce((s, b) => s + b.households, 0)
    expect(households / city.smallAreas.length / SMALL_AREA_TARGET_HOUSEHOLDS).toBeGreaterThan(0.95)
    expect(households / city.smallAreas.length / SMALL_AREA_TARGET_HOUSEHOLDS).toBeLessThan(1.1)
  })

  it('gives every code the right length and its parent’s prefix', () => {
    const problems = [
      ...city.districts.map((d) => codeProblems('district', d.code, d.townshipCode)),
      ...city.smallAreas.map((a) => codeProblems('smallArea', a.code, a.districtCode)),
      ...city.buildings.map((b) => codeProblems('building', b.code, b.districtCode)),
    ].filter((p) => p !== null)
    expect(problems).toEqual([])
  })

  it('outputs valid polygons on the 7-decimal grid', () => {
    const boundaries = [...city.townships.map((t) => t.boundary), ...city.districts.map((d) => d.boundary!), ...city.smallAreas.map((a) => a.boundary)]
    expect(boundaries.filter((g) => checkPolygonal(g, '').length > 0)).toEqual([])
    expect(boundaries.flatMap((g) => g.coordinates.flat(2).flat()).filter((v) => Math.round(v * 1e7) / 1e7 !== v)).toEqual([])
  })

  it('tiles exactly and is one noded coverage at every level', () => {
    expect(relativeDifference(sumArea(city.townships.map((t) => t.boundary)), area(large.outline))).toBeLessThan(1e-6)
    const areasOf = groupBy(city.smallAreas, (a) => a.districtCode)
    for (const d of city.districts) expect(relativeDifference(sumArea(areasOf.get(d.code)!.map((a) => a.boundary)), area(d.boundary!))).toBeLessThan(1e-6)
    const townships = openEdges(city.townships.map((t) => t.boundary))
    expect(townships.twice).toBe(0)
    for (const level of [city.districts.map((d) => d.boundary!), city.smallAreas.map((a) => a.boundary)]) {
      const edges = openEdges(level)
      expect(edges.twice).toBe(0)
      expect(edges.open).toEqual(townships.open)
    }
    expect(relativeDifference(townships.length(), length(lineString(large.outline.coordinates[0]![0]!)))).toBeLessThan(1e-6)
  })

  it('leaves no overlap between neighbours and puts every building inside one small area (a sample)', () => {
    const districtsOf = groupBy(city.districts, (d) => d.townshipCode)
    for (const code of sample([...districtsOf.keys()], 2, 6)) expect(overlapOfNeighbours(districtsOf.get(code)!.map((d) => d.boundary!))).toBeLessThan(0.01)
    const areasOf = groupBy(city.smallAreas, (a) => a.districtCode)
    const codes = sample([...areasOf.keys()], 20, 7)
    for (const code of codes) expect(overlapOfNeighbours(areasOf.get(code)!.map((a) => a.boundary))).toBeLessThan(0.01)
    expect(buildingsOutsideOneSmallArea(city, codes)).toEqual([])
  })
})
