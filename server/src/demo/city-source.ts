/**
 * What a city is generated from: the official lists of townships and districts and the county
 * outline. A source that breaks the code rules is a bug in the fixture or the caller, so it throws.
 */
import type { MultiPolygon } from 'geojson'
import { checkBelongsTo, checkCode, type TownshipKind } from '@census/shared'
import type { Density } from './settlements.ts'

export interface CitySource {
  /** 6 digits. */
  countyCode: string
  countyName: string
  /** WGS84 lon/lat, outer rings only. */
  outline: MultiPolygon
  townships: { code: string /* 9 digits */; name: string; kind: TownshipKind }[]
  districts: { code: string /* 12 */; name: string; townshipCode: string /* 9 */; urbanRuralCode: string | null }[]
  /** Absent: Tengzhou's, which the household model is fitted to. largeCitySource sets it to reach a census's size. */
  density?: Density
}

export function checkSource(source: CitySource) {
  const problem = checkCode('county', source.countyCode)
  if (problem) throw new Error(problem.en)
  const townships = new Set<string>()
  for (const t of source.townships) {
    const p = checkCode('township', t.code) ?? checkBelongsTo('township', t.code, source.countyCode)
    if (p) throw new Error(p.en)
    if (townships.has(t.code)) throw new Error(`township ${t.code} is listed twice`)
    townships.add(t.code)
  }
  const districts = new Set<string>()
  for (const d of source.districts) {
    const p = checkCode('district', d.code) ?? checkBelongsTo('district', d.code, d.townshipCode)
    if (p) throw new Error(p.en)
    if (!townships.has(d.townshipCode)) throw new Error(`district ${d.code} names an unknown township ${d.townshipCode}`)
    if (districts.has(d.code)) throw new Error(`district ${d.code} is listed twice`)
    districts.add(d.code)
  }
  for (const t of source.townships) {
    if (!source.districts.some((d) => d.townshipCode === t.code)) throw new Error(`township ${t.code} has no districts`)
  }
  const density = source.density
  if (density && !(density.households > 0 && Number.isFinite(density.households) && density.otherBuildings >= 0 && Number.isFinite(density.otherBuildings))) {
    throw new Error(`density must be finite, households positive and otherBuildings not negative: ${JSON.stringify(density)}`)
  }
}
