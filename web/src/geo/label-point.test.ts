import { describe, expect, test } from 'vitest'
import type { MultiPolygon, Position } from 'geojson'
import { labelPoint } from './label-point.ts'

/** Even-odd point-in-polygon, written independently of labelPoint's scanline. */
function inside([x, y]: Position, rings: Position[][]): boolean {
  let result = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) result = !result
    }
  }
  return result
}

const square = (w: number, s: number, size: number): Position[] => [
  [w, s],
  [w + size, s],
  [w + size, s + size],
  [w, s + size],
  [w, s],
]

describe('labelPoint', () => {
  test('puts a square’s label at its centre', () => {
    const [lon, lat] = labelPoint({ type: 'MultiPolygon', coordinates: [[square(117, 35, 0.02)]] })!
    expect(lon).toBeCloseTo(117.01, 9)
    expect(lat).toBeCloseTo(35.01, 9)
  })

  test('keeps the label inside a C-shaped village whose centroid lies outside it', () => {
    const c: Position[] = [
      [0, 0],
      [3, 0],
      [3, 1],
      [1, 1],
      [1, 2],
      [3, 2],
      [3, 3],
      [0, 3],
      [0, 0],
    ]
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[c]] }
    const point = labelPoint(geometry)
    expect(point).not.toBeNull()
    expect(inside(point!, [c])).toBe(true)
  })

  test('avoids a hole in the middle', () => {
    const outer = square(0, 0, 4)
    const hole = square(1, 1, 2)
    const point = labelPoint({ type: 'MultiPolygon', coordinates: [[outer, hole]] })
    expect(inside(point!, [outer, hole])).toBe(true)
  })

  test('labels the largest part of a township in several pieces', () => {
    const small = square(10, 10, 1)
    const large = square(0, 0, 5)
    const point = labelPoint({ type: 'MultiPolygon', coordinates: [[small], [large]] })
    expect(inside(point!, [large])).toBe(true)
  })
})
