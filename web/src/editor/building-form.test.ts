import { describe, expect, test } from 'vitest'
import type { Point, Polygon, Position } from 'geojson'
import { checkBuildingForm, DEFAULT_BUILDING_VALUES, nextBuildingValues } from './building-form.ts'

const location: Point = { type: 'Point', coordinates: [117.16, 35.08] }
const DISTRICT = '370481001001'

describe('the building form', () => {
  test('starts from a one-storey house with one household', () => {
    expect(nextBuildingValues(null)).toEqual(DEFAULT_BUILDING_VALUES)
    expect(checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location)).toMatchObject({
      ok: true,
      input: { use: 'residential', floors: 1, households: 1 },
    })
  })

  test('keeps the last values for the next building, except the note', () => {
    const last = { use: 'mixed' as const, floors: '3', households: '6', address: '幸福路 12 号', note: '临街商铺' }
    expect(nextBuildingValues(last)).toEqual({ ...last, note: '' })
  })

  test('reports bad numbers by field, in Chinese and English', () => {
    const result = checkBuildingForm({ ...DEFAULT_BUILDING_VALUES, floors: '-1', households: '三' }, DISTRICT, location)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p.message]))
    expect(byPath['floors']?.zh).toContain('不能小于 0')
    expect(byPath['households']?.zh).toBeTruthy()
    expect(byPath['households']?.en).toBeTruthy()
  })

  test('takes a footprint traced round the point, and refuses one traced elsewhere before anything is sent', () => {
    const square = (dx: number): Polygon => {
      const [x, y] = [117.16 + dx, 35.08]
      const ring: Position[] = [[x - 0.00005, y - 0.00004], [x + 0.00005, y - 0.00004], [x + 0.00005, y + 0.00004], [x - 0.00005, y + 0.00004]]
      return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
    }
    const traced = checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location, square(0))
    expect(traced.ok && traced.input.footprint?.type).toBe('MultiPolygon')
    const elsewhere = checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location, square(0.002))
    expect(elsewhere.ok).toBe(false)
    if (elsewhere.ok) return
    expect(elsewhere.problems).toMatchObject([{ path: 'footprint', message: { zh: expect.stringContaining('轮廓外') } }])
  })
})
