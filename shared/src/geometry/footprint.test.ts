import { describe, expect, it } from 'vitest'
import type { Polygon, Position } from 'geojson'
import { checkFootprint, FOOTPRINT_REACH_M } from './footprint.ts'

// Near Tengzhou (35.06° N): a metre is about 1 / 91 100 of a degree east, 1 / 111 200 north.
const AT: Position = [117.11, 35.06]
const east = (m: number) => m / 91_100
const north = (m: number) => m / 111_200

/** A rectangle `w` × `h` metres with its south-west corner `dx`, `dy` metres from the building's point. */
function rectangle(dx: number, dy: number, w: number, h: number): Polygon {
  const [x, y] = [AT[0]! + east(dx), AT[1]! + north(dy)]
  const ring: Position[] = [[x, y], [x + east(w), y], [x + east(w), y + north(h)], [x, y + north(h)], [x, y]]
  return { type: 'Polygon', coordinates: [ring] }
}

describe('checkFootprint', () => {
  it('accepts a house traced round its point, as a Polygon or a one-part MultiPolygon', () => {
    const house = rectangle(-6, -4, 12, 8)
    expect(checkFootprint(house, AT)).toEqual([])
    expect(checkFootprint({ type: 'MultiPolygon', coordinates: [house.coordinates] }, AT)).toEqual([])
  })

  it('accepts a point placed at the door, just outside', () => {
    expect(checkFootprint(rectangle(2, 2, 10, 10), AT)).toEqual([])
  })

  it('refuses an outline traced beside another building, saying how far off the point is', () => {
    const [problem] = checkFootprint(rectangle(FOOTPRINT_REACH_M + 30, 0, 10, 10), AT)
    expect(problem?.path).toBe('footprint')
    expect(problem?.message.zh).toMatch(/位置点在轮廓外 5\d 米/)
    expect(problem?.message.en).toContain('outside the footprint')
  })

  it('refuses an outline the size of a block', () => {
    const [problem] = checkFootprint(rectangle(-150, -150, 300, 300), AT, 'building.footprint')
    expect(problem?.path).toBe('building.footprint')
    expect(problem?.message.zh).toContain('超过一栋建筑物的上限 30,000 平方米')
  })

  it('refuses two outlines for one building', () => {
    const [problem] = checkFootprint(
      { type: 'MultiPolygon', coordinates: [rectangle(-5, -5, 10, 10).coordinates, rectangle(20, 20, 5, 5).coordinates] },
      AT,
    )
    expect(problem?.message.en).toBe('A footprint is one polygon')
  })
})
