import { describe, expect, test } from 'vitest'
import type { Polygon } from 'geojson'
import { SMALL_AREA_TARGET_HOUSEHOLDS } from '@census/shared'
import { containsPoint, levelOf, loadOf } from './small-area-load.ts'

const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
}

describe('the live building and household counter', () => {
  test('counts the buildings inside the shape, not those in a hole or outside', () => {
    const load = loadOf(withHole, [
      { location: [1, 1], households: 30 },
      { location: [9, 9], households: 40 },
      { location: [5, 5], households: 500 },
      { location: [11, 5], households: 500 },
    ])
    expect(load).toMatchObject({ buildings: 2, households: 70, target: SMALL_AREA_TARGET_HOUSEHOLDS, level: 'balanced' })
  })

  test('says light, balanced, heavy or over the limit against the target of 80 households', () => {
    expect(SMALL_AREA_TARGET_HOUSEHOLDS).toBe(80)
    expect(levelOf(0)).toBe('light')
    expect(levelOf(63)).toBe('light')
    expect(levelOf(64)).toBe('balanced')
    expect(levelOf(96)).toBe('balanced')
    expect(levelOf(97)).toBe('heavy')
    expect(levelOf(1000)).toBe('overLimit')
  })

  test('a virtual small area is judged by the hard limit only, as the server checks it', () => {
    expect(levelOf(3, true)).toBe('withinLimit')
    expect(levelOf(500, true)).toBe('withinLimit')
    expect(levelOf(1000, true)).toBe('overLimit')
    expect(loadOf(withHole, [{ location: [1, 1], households: 2 }], true).level).toBe('withinLimit')
  })

  test('a point is inside a multipolygon when it is inside any of its parts', () => {
    const two = { type: 'MultiPolygon' as const, coordinates: [withHole.coordinates, [[[20, 0], [30, 0], [30, 10], [20, 0]]]] }
    expect(containsPoint(two, [29, 5])).toBe(true)
    expect(containsPoint(two, [15, 5])).toBe(false)
  })
})
