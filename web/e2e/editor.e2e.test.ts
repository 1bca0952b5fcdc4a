/**
 * The editor, driven with the real mouse and keyboard in the production build: township staff draw
 * small areas that snap onto their district's border and onto each other, tag buildings in a row,
 * undo and redo, and meet someone else's save without losing their own work. Each test works in a
 * district of its own, so no test depends on another.
 */
import { describe, expect, test } from 'vitest'
import type { BuildingProperties, DistrictProperties, SmallAreaProperties } from '@census/shared'
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from 'geojson'
import { boundsOf } from '../src/geo/bounds.ts'
import { api, useCensusSession } from './session.ts'
import { between, freshDistrict, openWorkplace, smallAreasOf, type Workplace } from './workplaces.ts'

const verticesOf = (f: Feature<MultiPolygon>) => f.geometry.coordinates.flat(2)
const hasVertex = (f: Feature<MultiPolygon>, p: Position) => verticesOf(f).some(([x, y]) => x === p[0] && y === p[1])

const session = useCensusSession()

const openDistrict = (place: Workplace) => openWorkplace(session.census, place)

describe('the map editor', () => {
  test('a small area drawn near the border and beside a neighbour snaps onto both, saves, and is there after a reload', async () => {
    const place = await freshDistrict()
    const [a, b, c] = place.border
    await openDistrict(place)

    // Each click lands a few pixels off the border's vertices: the vertices must snap onto them.
    const first = await session.census.drawSmallArea([a, b, place.inside], { x: 4, y: -3 })
    expect(first).toMatch(new RegExp(`^${place.code}001$`))
    expect(await session.census.saveState()).toBe('1 处修改未保存')
    await session.census.screenshot('editor-drawn-unsaved')
    await session.census.save()

    // The second one shares the first one's inner vertex, which is on no district border.
    const second = await session.census.drawSmallArea([b, c, place.inside], { x: -3, y: 4 })
    expect(second).toBe(`${place.code}002`)
    await session.census.screenshot('editor-second-drawn')
    await session.census.save()

    const saved = await smallAreasOf(place.code)
    const byCode = new Map(saved.features.map((f) => [f.properties.code, f]))
    const one = byCode.get(first)!
    const two = byCode.get(second)!
    expect(one.properties.updatedBy).toBe('张伟')
    for (const p of [a, b]) expect(hasVertex(one, p)).toBe(true)
    for (const p of [b, c]) expect(hasVertex(two, p)).toBe(true)
    // The shared border coincides exactly: the inner vertex is the same number in both.
    const inner = verticesOf(one).find((p) => !hasVertexOnBorder(p, place.border))!
    expect(hasVertex(two, inner)).toBe(true)

    await session.census.openCity()
    await session.census.pickTownship(place.township)
    await session.census.chooseDistrict(place.code, between(between(a, b, 0.5), place.inside, 0.5))
    await session.census.pressToolbar('定位')
    await session.census.waitUntilMapSettles()
    await session.census.page.waitForFunction(
      (codes) => codes.every((code) => window.__censusMap?.renderedCodes('smallArea').includes(code)),
      [first, second],
      { timeout: 20_000 },
    )
    await session.census.screenshot('editor-after-reload')
    expect(session.consoleErrors).toEqual([])
  })

  test('undo and redo step through drawing and editing, and a vertex edit saves with its version', async () => {
    const place = await freshDistrict()
    const [a, b] = place.border
    await openDistrict(place)
    const code = await session.census.drawSmallArea([a, b, place.inside])

    await session.census.undo()
    expect(await session.census.saveState()).toBe('已保存')
    expect(await session.census.visibleCodes('smallArea')).not.toContain(code)
    await session.census.redo()
    expect(await session.census.saveState()).toBe('1 处修改未保存')
    expect(await session.census.visibleCodes('smallArea')).toContain(code)
    // Drawn but not saved, it can be picked all the same: every row is new, and it has no version yet.
    const middle = between(between(a, b, 0.5), place.inside, 0.5)
    await session.census.clickGround(middle)
    await session.census.page.getByTestId('feature-details').getByText('001 号普查小区').waitFor()
    expect(await session.census.shownUnsaved()).toBe(true)
    const drawnRows = await session.census.shownRows()
    expect(Object.values(drawnRows).every((row) => row.unsaved)).toBe(true)
    expect(drawnRows['version']).toBeUndefined()
    await session.census.save()
    const created = (await smallAreasOf(place.code)).features.find((f) => f.properties.code === code)!
    const savedRows = await session.census.shownRows()
    expect(await session.census.shownUnsaved()).toBe(false)
    expect(savedRows['version']).toEqual({ value: String(created.properties.version), unsaved: false })
    expect(savedRows['households']).toEqual({ value: created.properties.households.toLocaleString('zh-CN'), unsaved: false })

    // Drag the inner vertex towards the border's middle, then undo it and redo it with the buttons.
    await session.census.pressToolbar('修改边界')
    await session.census.waitUntilMapSettles()
    const moved = between(place.inside, between(a, b, 0.5), 0.3)
    await session.census.drag(place.inside, moved)
    expect(await session.census.saveState()).toBe('1 处修改未保存')
    // The details follow the shape being edited: its area, and the buildings in it as the browser counts them.
    const draggedRows = await session.census.shownRows()
    expect(await session.census.shownUnsaved()).toBe(true)
    expect(draggedRows['area']?.unsaved).toBe(true)
    expect(draggedRows['area']?.value).not.toBe(savedRows['area']?.value)
    expect(draggedRows['version']).toEqual(savedRows['version'])
    await session.census.screenshot('editor-vertex-dragged')
    await session.census.pressToolbar('↶ 撤销')
    expect(await session.census.saveState()).toBe('已保存')
    expect(await session.census.shownRows()).toEqual(savedRows)
    await session.census.pressToolbar('↷ 重做')
    expect(await session.census.saveState()).toBe('1 处修改未保存')
    expect(await session.census.shownRows()).toEqual(draggedRows)
    await session.census.pressToolbar('完成')
    await session.census.save()

    const edited = (await smallAreasOf(place.code)).features.find((f) => f.properties.code === code)!
    expect(edited.properties.version).toBe(created.properties.version + 1)
    expect(hasVertex(edited, place.inside)).toBe(false)
    // Saved, the figures are the server's again, and its count is the one the browser showed before.
    const afterRows = await session.census.shownRows()
    expect(await session.census.shownUnsaved()).toBe(false)
    // The server keeps vertices to 1e-7°: the area it saved is the one shown, give or take a square metre.
    const squareMetres = (row?: { value: string }) => Number(row?.value.replace(/\D/g, ''))
    expect(afterRows['area']?.unsaved).toBe(false)
    expect(Math.abs(squareMetres(afterRows['area']) - squareMetres(draggedRows['area']))).toBeLessThanOrEqual(1)
    expect(afterRows['households']).toEqual({ value: edited.properties.households.toLocaleString('zh-CN'), unsaved: false })
    expect(draggedRows['households']?.value).toBe(edited.properties.households.toLocaleString('zh-CN'))
    expect(session.consoleErrors).toEqual([])
  })

  test('three buildings tagged in a row keep the last values, and the list finds them', async () => {
    const place = await freshDistrict()
    const [a, b] = place.border
    await openDistrict(place)
    await session.census.pressToolbar('标绘建筑物')
    await session.census.waitUntilMapSettles()

    // Spread along the border, well apart, so that no click lands on a building already placed.
    const spots = [0.25, 0.5, 0.75].map((t) => between(between(a, b, t), place.inside, 0.3))
    await session.census.tagBuilding(spots[0]!, { floors: '2', households: '3', address: '幸福路 8 号' })
    await session.census.clickGround(spots[1]!)
    expect(await session.census.buildingFormValues()).toEqual({ use: 'residential', floors: '2', households: '3', address: '幸福路 8 号', note: '' })
    await session.census.screenshot('editor-building-form')
    await session.census.page.getByTestId('building-form').getByRole('button', { name: '取消' }).click()
    await session.census.tagBuilding(spots[1]!, { address: '幸福路 10 号' })
    await session.census.tagBuilding(spots[2]!, { address: '幸福路 12 号' })
    await session.census.screenshot('editor-three-buildings')

    const buildings = await api<FeatureCollection<Point, BuildingProperties>>(`/api/buildings?district=${place.code}`)
    const mine = buildings.features.filter((f) => f.properties.address.startsWith('幸福路'))
    expect(mine.map((f) => [f.properties.address, f.properties.floors, f.properties.households, f.properties.updatedBy])).toEqual([
      ['幸福路 8 号', 2, 3, '张伟'],
      ['幸福路 10 号', 2, 3, '张伟'],
      ['幸福路 12 号', 2, 3, '张伟'],
    ])
    const ten = mine[1]!.properties.code
    expect(await session.census.searchBuildings('10 号')).toEqual([ten])

    // A wrong number is refused with the rule's message, in Chinese, before anything is sent.
    await session.census.clickGround(between(spots[1]!, place.inside, 0.5))
    await session.census.page.getByTestId('building-form').locator('[name="floors"]').fill('-1')
    await session.census.page.getByTestId('building-form').getByRole('button', { name: '保存建筑物' }).click()
    await session.census.page.getByTestId('building-form').getByText('不能小于 0').waitFor()
    await session.census.page.getByTestId('building-form').getByRole('button', { name: '取消' }).click()

    // Pick one from the list and press Delete.
    await session.census.page.getByTestId('building-list').getByRole('button', { name: new RegExp(ten) }).first().click()
    await session.census.page.keyboard.press('Delete')
    await session.census.page.getByTestId('save-state').getByText('已保存').waitFor()
    await session.census.page.waitForFunction((code) => !document.querySelector('[data-testid="building-list"]')?.textContent?.includes(code), ten)
    const after = await api<FeatureCollection<Point, BuildingProperties>>(`/api/buildings?district=${place.code}`)
    expect(after.features.map((f) => f.properties.code)).not.toContain(ten)
    expect(session.consoleErrors).toEqual([])
  })

  test('a district taken up for drawing is fitted clear of the toolbar and the legend, in Chinese and in English', async () => {
    const place = await freshDistrict()
    const district = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.code}`)
    const bounds = boundsOf([district.geometry])!
    await openDistrict(place)
    await session.census.pressToolbar('画普查小区')
    await session.census.waitUntilMapSettles()
    expect(await session.census.showsClearOfPanels(bounds)).toBe(true)
    await session.census.page.keyboard.press('Escape')
    // The English legend and toolbar are wider and taller: they are measured, not assumed.
    await session.census.zoomIn(2)
    await session.census.switchLanguage()
    await session.census.pressToolbar('Draw small area')
    await session.census.waitUntilMapSettles()
    expect(await session.census.showsClearOfPanels(bounds)).toBe(true)
    await session.census.screenshot('editor-district-fitted-english')
    expect(session.consoleErrors).toEqual([])
  })

  test('a stale save shows both versions and keeping mine saves it over theirs', async () => {
    const place = await freshDistrict()
    const [a, b] = place.border
    await openDistrict(place)
    const code = await session.census.drawSmallArea([a, b, place.inside])
    await session.census.save()

    await session.census.clickGround(between(between(a, b, 0.5), place.inside, 0.5))
    await session.census.pressToolbar('修改边界')
    await session.census.waitUntilMapSettles()
    await session.census.drag(place.inside, between(place.inside, between(a, b, 0.5), 0.3))
    await session.census.pressToolbar('完成')

    // Meanwhile a colleague saves another boundary for the same small area.
    const current = await api<Feature<MultiPolygon, SmallAreaProperties>>(`/api/small-areas/${code}`)
    const theirs: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[a, b, between(place.inside, a, 0.2), a]]] }
    await api(`/api/small-areas/${code}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'X-Census-User': encodeURIComponent('李娜') },
      body: JSON.stringify({ version: current.properties.version, boundary: theirs }),
    })

    await session.census.pressToolbar('保存')
    const dialog = await session.census.staleDialogText()
    await session.census.screenshot('editor-stale-dialog')
    expect(dialog).toContain('李娜')
    expect(dialog).toContain('我的版本')
    expect(dialog).toContain('对方的版本')
    expect(await session.census.page.getByTestId('theirs-version').textContent()).toBe(String(current.properties.version + 1))
    // Until a version is chosen the change is not saved, and the toolbar says so.
    expect(await session.census.saveState()).toBe('1 处修改待选择版本')

    await session.census.chooseInStaleDialog('保留我的并保存')
    await session.census.page.getByTestId('save-state').getByText('已保存').waitFor()
    const final = await api<Feature<MultiPolygon, SmallAreaProperties>>(`/api/small-areas/${code}`)
    expect(final.properties.version).toBe(current.properties.version + 2)
    expect(final.properties.updatedBy).toBe('张伟')
    expect(hasVertex(final, between(place.inside, a, 0.2))).toBe(false)
    // The browser itself logs the 409 the stale save met; nothing else may go wrong.
    expect(session.consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([])
  })
})

function hasVertexOnBorder(p: Position, border: Position[]): boolean {
  return border.some((q) => q[0] === p[0] && q[1] === p[1])
}
