/**
 * A building placed with its footprint traced round it, with the real mouse in the production
 * build: 描绘轮廓 draws the outline on the map, the form checks it against the building's point, and
 * the saved building carries it (drawn as a pale fill under the dot at close zooms).
 */
import { describe, expect, test } from 'vitest'
import type { BuildingProperties } from '@census/shared'
import type { FeatureCollection, Point, Position } from 'geojson'
import { FOOTPRINT_MIN_ZOOM } from '../src/map/footprints-style.ts'
import { api, useCensusSession } from './session.ts'
import { between, freshDistrict, openWorkplace } from './workplaces.ts'

const session = useCensusSession()

/** About 18 m east–west and 17 m north–south of `at`, near 35° N: a house, and corners 35 px apart at zoom 18. */
const around = ([x, y]: Position, dx = 0.0002, dy = 0.00015): Position[] => [
  [x! - dx, y! - dy],
  [x! + dx, y! - dy],
  [x! + dx, y! + dy],
  [x! - dx, y! + dy],
]

describe('building footprints', () => {
  test('a footprint traced round a new building is checked, saved with it and drawn under its dot', async () => {
    const { census, consoleErrors } = session
    const place = await freshDistrict()
    const [a, b] = place.border
    await openWorkplace(census, place)
    await census.pressToolbar('标绘建筑物')
    await census.waitUntilMapSettles()
    const at = between(place.inside, between(a, b, 0.5), 0.2)
    await census.zoomInAt(at, FOOTPRINT_MIN_ZOOM + 2)

    const said = await census.placeBuildingWithFootprint(at, around(at))
    expect(said).toContain('已描绘轮廓')
    expect(said).not.toContain('轮廓外')
    await census.screenshot('footprint-1-traced')
    await census.saveBuildingForm()
    await census.waitUntilMapSettles()
    await census.screenshot('footprint-2-saved')

    const buildings = await api<FeatureCollection<Point, BuildingProperties>>(`/api/buildings?district=${place.code}`)
    const traced = buildings.features.filter((f) => f.properties.footprint !== null && f.properties.updatedBy === '张伟')
    expect(traced).toHaveLength(1)
    const ring = traced[0]!.properties.footprint!.coordinates[0]![0]!
    const [x, y] = traced[0]!.geometry.coordinates as [number, number]
    // Round the point it was placed at: the corners clicked, within a few pixels.
    expect(Math.min(...ring.map((p) => p[0]!))).toBeLessThan(x)
    expect(Math.max(...ring.map((p) => p[0]!))).toBeGreaterThan(x)
    expect(Math.min(...ring.map((p) => p[1]!))).toBeLessThan(y)
    expect(Math.max(...ring.map((p) => p[1]!))).toBeGreaterThan(y)
    expect(ring).toHaveLength(5)
    expect(consoleErrors).toEqual([])
  })
})
