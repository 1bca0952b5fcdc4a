import { describe, expect, test } from 'vitest'
import { toFinding, type FindingFacts } from '@census/shared'
import type { Polygon } from 'geojson'
import { findingKey, findingsScope, focusBounds, groupFindings, repairOf } from './findings-list.ts'

const DISTRICT = '370481003038'
const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [117, 35],
      [117.002, 35],
      [117.002, 35.001],
      [117, 35.001],
      [117, 35],
    ],
  ],
}
const facts = (patch: Partial<FindingFacts> & Pick<FindingFacts, 'type'>): FindingFacts => ({
  parent: DISTRICT,
  codes: [],
  geometry: null,
  areaM2: null,
  distanceM: null,
  ...patch,
})

const gap = toFinding(facts({ type: 'gap', codes: [`${DISTRICT}001`], geometry: square, areaM2: 20_000 }))
const overlap = toFinding(facts({ type: 'overlap', codes: [`${DISTRICT}001`, `${DISTRICT}002`], areaM2: 12 }))
const touching = toFinding(facts({ type: 'near_miss', codes: [`${DISTRICT}001`, `${DISTRICT}002`], distanceM: 0 }))
const sliver = toFinding(facts({ type: 'near_miss', codes: [`${DISTRICT}002`, `${DISTRICT}003`], distanceM: 0.2 }))
const load = toFinding(facts({ type: 'load', codes: [`${DISTRICT}001`], households: 3 }))

describe('the findings panel', () => {
  test('checks the district in hand, else the picked township, never the whole county', () => {
    expect(findingsScope(DISTRICT, '370481003')).toBe(DISTRICT)
    expect(findingsScope(null, '370481003')).toBe('370481003')
    expect(findingsScope(null, null)).toBeNull()
  })

  test('groups errors before warnings, and kinds in the order of the checks', () => {
    const grouped = groupFindings([load, touching, gap, sliver, overlap])
    expect(grouped.map((s) => [s.severity, s.count, s.groups.map((g) => `${g.type}:${g.findings.length}`)])).toEqual([
      ['error', 3, ['overlap:1', 'gap:1', 'near_miss:1']],
      ['warning', 2, ['near_miss:1', 'load:1']],
    ])
    expect(groupFindings([load]).map((s) => s.severity)).toEqual(['warning'])
    expect(groupFindings([])).toEqual([])
  })

  test('knows a finding again after a refresh, and tells apart two gaps beside the same areas', () => {
    const again = toFinding(facts({ type: 'gap', codes: [`${DISTRICT}001`], geometry: square, areaM2: 20_000.001 }))
    const other = toFinding(facts({ type: 'gap', codes: [`${DISTRICT}001`], geometry: square, areaM2: 35 }))
    expect(findingKey(again)).toBe(findingKey(gap))
    expect(findingKey(other)).not.toBe(findingKey(gap))
  })

  test('offers to fill a district gap at a point inside it', () => {
    const repair = repairOf(gap)
    expect(repair?.kind).toBe('fillGap')
    if (repair?.kind !== 'fillGap') return
    expect(repair.district).toBe(DISTRICT)
    const [x, y] = repair.point as [number, number]
    expect(x > 117 && x < 117.002 && y > 35 && y < 35.001).toBe(true)
  })

  test('a gap between a township’s districts, or without a shape, is drawn by hand', () => {
    expect(repairOf(toFinding(facts({ type: 'gap', parent: '370481003', geometry: square, areaM2: 20_000 })))).toBeNull()
    expect(repairOf(toFinding(facts({ type: 'gap', geometry: null, areaM2: 1 })))).toBeNull()
  })

  test('two small areas that nearly meet snap the first, reaching past the distance found; others have no repair', () => {
    expect(repairOf(touching)).toEqual({ kind: 'snap', smallArea: `${DISTRICT}001`, toleranceM: 0.5 })
    expect(repairOf(toFinding(facts({ type: 'near_miss', codes: [`${DISTRICT}002`, `${DISTRICT}003`], distanceM: 2 })))).toEqual({
      kind: 'snap',
      smallArea: `${DISTRICT}002`,
      toleranceM: 3,
    })
    expect(repairOf(toFinding(facts({ type: 'near_miss', codes: [`${DISTRICT}002`, `${DISTRICT}003`], distanceM: 9 })))).toMatchObject({ toleranceM: 5 })
    const districts = toFinding(facts({ type: 'near_miss', parent: '370481003', codes: [DISTRICT, '370481003039'], distanceM: 0.1 }))
    expect(repairOf(districts)).toBeNull()
    expect(repairOf(overlap)).toBeNull()
    expect(repairOf(load)).toBeNull()
  })

  test('frames a finding with room around it, and a point with a street’s width', () => {
    const [w, s, e, n] = focusBounds(gap)!
    expect(w).toBeLessThan(117)
    expect(e).toBeGreaterThan(117.002)
    expect(s).toBeLessThan(35)
    expect(n).toBeGreaterThan(35.001)
    const point = toFinding(facts({ type: 'load', codes: [`${DISTRICT}001`], geometry: { type: 'Point', coordinates: [117, 35] }, households: 3 }))
    expect(focusBounds(point)).toEqual([116.999, 34.999, 117.001, 35.001])
    expect(focusBounds(overlap)).toBeNull()
  })
})
