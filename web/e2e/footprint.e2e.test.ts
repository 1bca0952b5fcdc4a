/**
 * Buildings and their footprints, with the real mouse in the production build: 描绘轮廓 draws the
 * outline on the map, the form checks it against the building's point, and the saved building
 * carries it (drawn as a pale fill under the dot at close zooms). A saved building clicked in the
 * tagging tool opens in the same form, to correct its values or outline it, undoable like any edit.
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

/** A fresh district open in the tagging tool, zoomed in where footprints show, and a point inside it. */
async function taggingCloseUp(): Promise<{ place: Awaited<ReturnType<typeof freshDistrict>>; at: Position }> {
  const { census } = session
  const place = await freshDistrict()
  const [a, b] = place.border
  await openWorkplace(census, place)
  await census.pressToolbar('标绘建筑物')
  await census.waitUntilMapSettles()
  const at = between(place.inside, between(a, b, 0.5), 0.2)
  await census.zoomInAt(at, FOOTPRINT_MIN_ZOOM + 2)
  return { place, at }
}

describe('building footprints', () => {
  test('a footprint traced round a new building is checked, saved with it and drawn under its dot', async () => {
    const { census, consoleErrors } = session
    const { place, at } = await taggingCloseUp()

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

describe('editing a saved building', () => {
  test('the point being placed is marked until saved or cancelled; a saved building is corrected, outlined, undone and redone', async () => {
    const { census, consoleErrors } = session
    const { place, at } = await taggingCloseUp()
    expect(await census.legendLabels()).toContain('建筑物轮廓（再放大后显示）')

    // A click marks where the building will stand, before anything is saved; 取消 takes the mark away.
    const aside: Position = [at[0]! + 0.0004, at[1]!]
    await census.clickGround(aside)
    expect(await census.pendingBuildingShown()).toBe(true)
    await census.cancelBuildingForm()
    expect(await census.pendingBuildingShown()).toBe(false)

    await census.clickGround(at)
    expect(await census.pendingBuildingShown()).toBe(true)
    await census.fillBuildingForm({ floors: '2', households: '4', address: '幸福路 20 号' })
    await census.screenshot('building-edit-1-pending')
    await census.saveBuildingForm()
    expect(await census.pendingBuildingShown()).toBe(false)
    const [placed] = await mine(place.code)
    expect(placed?.properties).toMatchObject({ households: 4, footprint: null })
    const code = placed!.properties.code

    // Clicked in the tagging tool, the saved building opens in the same form, with its own values.
    expect(await census.openBuilding(at)).toContain(code)
    expect(await census.buildingFormValues()).toMatchObject({ floors: '2', households: '4', address: '幸福路 20 号' })
    await census.fillBuildingForm({ households: '7' })
    const said = await census.traceFootprint(around(at))
    expect(said).not.toContain('轮廓外')
    await census.screenshot('building-edit-2-traced')
    await census.saveBuildingEdit()
    await census.screenshot('building-edit-3-saved')
    const [edited] = await mine(place.code)
    expect(edited?.properties).toMatchObject({ code, households: 7, floors: 2, version: placed!.properties.version + 1 })
    expect(edited?.properties.footprint?.coordinates[0]![0]).toHaveLength(5)
    expect(await census.listedHouseholds(code)).toBe('7')

    // The next new building starts from the last new one, not from the edit.
    await census.clickGround(aside)
    expect(await census.buildingFormValues()).toMatchObject({ floors: '2', households: '4', address: '幸福路 20 号' })
    await census.cancelBuildingForm()

    // Undone, the old count and no outline; saved so, and redone and saved again.
    await census.undo()
    expect(await census.listedHouseholds(code)).toBe('4')
    expect(await census.saveState()).toBe('1 处修改未保存')
    await census.save()
    expect((await mine(place.code))[0]?.properties).toMatchObject({ households: 4, footprint: null })
    await census.redo()
    expect(await census.listedHouseholds(code)).toBe('7')
    await census.save()

    // After a reload the page has the corrected count and the outline.
    await openWorkplace(census, place)
    await census.pressToolbar('标绘建筑物')
    await census.waitUntilMapSettles()
    await census.zoomInAt(at, FOOTPRINT_MIN_ZOOM + 2)
    await census.page.getByTestId('building-list').getByText(code).waitFor()
    expect(await census.listedHouseholds(code)).toBe('7')
    await census.openBuilding(at)
    expect(await census.buildingFormValues()).toMatchObject({ households: '7' })
    expect(await census.page.getByTestId('footprint-field').textContent()).toContain('已有轮廓')
    expect(await census.shownRow('已绘制轮廓')).toBe('是')
    await census.screenshot('building-edit-4-reloaded')
    expect(consoleErrors).toEqual([])
  })
})

/** The buildings 张伟 tagged in a district, as the server has them. */
async function mine(district: string) {
  const buildings = await api<FeatureCollection<Point, BuildingProperties>>(`/api/buildings?district=${district}`)
  return buildings.features.filter((f) => f.properties.updatedBy === '张伟')
}
