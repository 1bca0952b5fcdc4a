/**
 * District boundaries and virtual small areas in the editor, driven with the real mouse in the
 * production build: township staff find the ground not drawn yet through the 问题 panel, draw a
 * district there whose border snaps onto its neighbour's, and see it after a reload; they add a
 * virtual small area, numbered from 900, and are told why a district holding it keeps its boundary.
 * A district with no boundary cannot be located on the map: the page says so and offers to draw it.
 */
import { describe, expect, test } from 'vitest'
import type { DistrictProperties, TownshipProperties } from '@census/shared'
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson'
import { nearestOnSegment } from '../src/editor/snapping.ts'
import { boundsOf } from '../src/geo/bounds.ts'
import { FindingsDriver } from './findings-driver.ts'
import { api, useCensusSession } from './session.ts'
import { between, freshDistrict, openWorkplace, smallAreasOf, undrawnGround } from './workplaces.ts'

const session = useCensusSession()

const hasVertex = (shape: MultiPolygon, p: Position) => shape.coordinates.flat(2).some(([x, y]) => x === p[0] && y === p[1])

/** The browser logs the 409 of a refused save itself; nothing else may go wrong. */
const unexpectedErrors = () => session.consoleErrors.filter((e) => !e.includes('status of 409'))

describe('drawing districts and virtual small areas', () => {
  test('an undrawn district drawn beside its neighbour snaps onto the shared border, saves, and is there after a reload', async () => {
    const place = await undrawnGround()
    const { census } = session
    const findings = new FindingsDriver(census)
    await census.openCity()
    await census.signAs('张伟')
    await census.pickTownship(place.township)

    // The ground nobody has drawn yet is a gap among the township's districts: 定位 brings it into view.
    await findings.openPanel()
    await findings.locate(place.gapMessage)
    await findings.clearMark()
    await findings.backToOverview()
    await census.chooseUndrawnDistrict(place.district.code)

    // Clicks a few pixels off the neighbour's corners and off the middle of its edge between them, one inside the gap.
    const [a, b] = place.edge
    expect(await census.shownRows()).toMatchObject({ boundary: { value: '未绘制', unsaved: false }, area: { value: '无', unsaved: false } })
    await census.drawDistrict([a, between(a, b, 0.5), b, place.inside], { x: 4, y: -3 })
    expect(await census.saveState()).toBe('1 处修改未保存')
    // Its details are of the boundary being drawn: drawn, with an area, neither saved yet.
    const drawn = await census.shownRows()
    expect(await census.shownUnsaved()).toBe(true)
    expect(drawn['boundary']).toEqual({ value: '已绘制', unsaved: true })
    expect(drawn['area']).toMatchObject({ value: expect.stringMatching(/^[\d,]+ 平方米$/), unsaved: true })
    expect(await census.page.getByTestId('feature-details').textContent()).not.toContain('尚未绘制边界')
    await census.screenshot('district-drawn-unsaved')
    await census.save()
    expect(await census.shownUnsaved()).toBe(false)
    expect(await census.shownRows()).toMatchObject({ boundary: { value: '已绘制', unsaved: false }, status: { value: '已绘制', unsaved: false } })

    const saved = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.district.code}`)
    expect(saved.properties).toMatchObject({ status: 'drawn', updatedBy: '张伟' })
    // The border it shares with its neighbour is the neighbour's own: the same vertices, to the digit.
    const neighbour = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.neighbour}`)
    for (const p of [a, b]) {
      expect(hasVertex(saved.geometry, p)).toBe(true)
      expect(hasVertex(neighbour.geometry, p)).toBe(true)
    }
    // The middle click snapped onto the neighbour's edge. Kept to 7 decimals it lands a hair off that slanted
    // edge, and the save fits the boundary to the edge itself; a vertex left on the edge, the neighbour holds
    // too: no T-junction on the border either way.
    const isCorner = (p: Position) => [a, b].some((q) => q[0] === p[0] && q[1] === p[1])
    const onEdge = saved.geometry.coordinates.flat(2).filter((p) => !isCorner(p) && nearestOnSegment(p, [a, b]).metres < 0.1)
    for (const p of onEdge) expect(hasVertex(neighbour.geometry, p)).toBe(true)

    await census.openCity()
    await census.pickTownship(place.township)
    await census.page.waitForFunction((code) => window.__censusMap?.renderedCodes('district').includes(code), place.district.code, { timeout: 20_000 })
    await census.chooseDistrict(place.district.code, between(between(a, b, 0.5), place.inside, 0.5))
    await census.pressToolbar('定位')
    await census.waitUntilMapSettles()
    await census.screenshot('district-after-reload')
    expect(await census.page.getByTestId('district-tools').textContent()).toContain('修改普查区边界')
    expect(session.consoleErrors).toEqual([])
  })

  test('定位 on a district with no boundary says so, shows its township, and offers to draw it', async () => {
    const { census } = session
    const [districts, townships] = await Promise.all([
      api<FeatureCollection<MultiPolygon | null, DistrictProperties>>('/api/districts'),
      api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships'),
    ])
    // The county's last one: the other tests draw the first ones they find, and this one draws nothing.
    const district = districts.features.findLast((d) => d.geometry === null)!.properties
    const township = townships.features.find((t) => t.properties.code === district.townshipCode)!
    await census.openCity()
    const countyZoom = await census.zoom()

    // Picked from the county's list of districts without a boundary, it is nowhere on the map: the map shows its township.
    await census.chooseUndrawnDistrict(district.code)
    await census.waitUntilMapSettles()
    expect(await census.zoom()).toBeGreaterThan(countyZoom + 1)
    expect(await census.showsInMap(boundsOf([township.geometry])!)).toBe(true)

    await census.locateDistrict()
    expect(await census.noticeText()).toBe(`普查区“${district.name}”尚未绘制边界，地图上无法定位，请先绘制`)
    await census.screenshot('district-undrawn-located')
    await census.pressInNotice('画普查区边界')
    expect(await census.toolInHand('画普查区边界')).toBe(true)
    expect(await census.noticeText()).toBeNull()
    await census.page.keyboard.press('Escape')
    expect(await census.toolInHand('画普查区边界')).toBe(false)
    expect(await census.saveState()).toBe('已保存')
    expect(session.consoleErrors).toEqual([])
  })

  test('a virtual small area gets the first code from 900, shows as virtual, and keeps its district’s boundary from removal', async () => {
    const place = await freshDistrict()
    const [a, b] = place.border
    const { census } = session
    await openWorkplace(census, place)

    const code = await census.drawSmallArea([a, b, place.inside], { x: 0, y: 0 }, '虚拟（900起）')
    expect(code).toBe(`${place.code}900`)
    await census.save()
    const saved = await smallAreasOf(place.code)
    expect(saved.features.map((f) => [f.properties.code, f.properties.virtual])).toEqual([[`${place.code}900`, true]])

    await census.clickGround(between(between(a, b, 0.5), place.inside, 0.5))
    await census.page.getByTestId('feature-details').getByText('900 号虚拟普查小区').waitFor()
    await census.waitUntilMapSettles()
    await census.screenshot('virtual-small-area')

    // The district holds a small area now: removing its boundary is refused, with the server's reason.
    await census.removeDistrictBoundary()
    const refused = await new FindingsDriver(census).saveRefused()
    expect(refused).toContain('还有 1 个普查小区')
    await census.undo()
    expect(await census.saveState()).toBe('已保存')
    // Unselected, it has the dotted outline of virtual small areas that the legend explains.
    await census.page.getByTestId('feature-details').getByRole('button', { name: '关闭' }).click()
    await census.waitUntilMapSettles()
    await census.screenshot('virtual-small-area-outline')
    expect((await api<Feature<MultiPolygon | null, DistrictProperties>>(`/api/districts/${place.code}`)).geometry).not.toBeNull()
    expect(unexpectedErrors()).toEqual([])
  })
})
