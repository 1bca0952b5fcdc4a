import { area, booleanPointInPolygon, point } from '@turf/turf'
import fc from 'fast-check'
import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { round7, SMALL_AREA_TARGET_HOUSEHOLDS } from '@census/shared'
import { relativeDifference, sumArea } from './city-checks.test-support.ts'
import { metricAt, randomPointIn, shapeCentroid, Topology } from './planar.ts'
import { createRandom } from './random.ts'
import { smallAreaCount, splitIntoSmallAreas } from './small-area-split.ts'

/** A district of about 1 km², its buildings kept 20 m from the boundary as placeBuildings keeps them. */
const DISTRICT: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[117.15, 35.07], [117.161, 35.07], [117.163, 35.079], [117.15, 35.08], [117.15, 35.07]]]] }
const INNER: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[117.1503, 35.0703], [117.1607, 35.0703], [117.1625, 35.0787], [117.1503, 35.0797], [117.1503, 35.0703]]]] }

describe('splitIntoSmallAreas', () => {
  it('halves a district into parts of about one enumerator’s households, each building strictly inside one part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 200, max: 900 }), (seed, homes) => {
        const r = createRandom(seed)
        const topology = new Topology()
        const district = topology.shapeOf(DISTRICT)
        const inner = topology.shapeOf(INNER)
        const buildings = Array.from({ length: homes }, (_, id) => {
          const p = randomPointIn(inner, r)
          return { id, x: round7(p.x), y: round7(p.y), households: r.int(1, 3) }
        })
        const households = buildings.reduce((s, b) => s + b.households, 0)
        const pieces = smallAreaCount(households, SMALL_AREA_TARGET_HOUSEHOLDS)
        const parts = splitIntoSmallAreas(district, buildings, pieces, metricAt(shapeCentroid(district)), r, topology)

        expect(parts).toHaveLength(pieces)
        for (const part of parts) {
          const held = part.buildings.reduce((s, b) => s + b.households, 0)
          expect(Math.abs(held - households / pieces)).toBeLessThan(0.2 * (households / pieces))
        }
        const boundaries = parts.map((part) => topology.expand(part.shape))
        expect(relativeDifference(sumArea(boundaries), area(topology.expand(district)))).toBeLessThan(1e-9)
        expect(parts.flatMap((part) => part.buildings.map((b) => b.id)).sort((a, b) => a - b)).toEqual(buildings.map((b) => b.id))
        parts.forEach((part, i) => {
          for (const b of part.buildings) {
            const at = point([b.x, b.y])
            expect(boundaries.map((g, j) => booleanPointInPolygon(at, g, { ignoreBoundary: i === j }))).toEqual(boundaries.map((_, j) => i === j))
          }
        })
      }),
      { numRuns: 20 },
    )
  })

  it('gives a district one small area for each target of households, within the ordinary codes 001–899', () => {
    expect(smallAreaCount(0, 80)).toBe(1)
    expect(smallAreaCount(100, 80)).toBe(1)
    expect(smallAreaCount(2_000, 80)).toBe(25)
    expect(smallAreaCount(1_000_000, 80)).toBe(899)
  })
})
