/**
 * District boundaries and virtual small areas in the editor, driven with the real mouse in the
 * production build: township staff find the ground not drawn yet through the 问题 panel, draw a
 * district there whose border snaps onto its neighbour's, and see it after a reload; they add a
 * virtual small area, numbered from 900, and are told why a district holding it keeps its boundary.
 */
import { describe, expect, test } from 'vitest'
import type { DistrictProperties } from '@census/shared'
import type { Feature, MultiPolygon, Position } from 'geojson'
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

    // Two clicks a few pixels off the neighbour's corners, one inside the gap.
    const [a, b] = place.edge
    await census.drawDistrict([a, b, place.inside], { x: 4, y: -3 })
    expect(await census.saveState()).toBe('1 处修改未保存')
    await census.screenshot('district-drawn-unsaved')
    await census.save()

    const saved = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.district.code}`)
    expect(saved.properties).toMatchObject({ status: 'drawn', updatedBy: '张伟' })
    // The border it shares with its neighbour is the neighbour's own: the same vertices, to the digit.
    const neighbour = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.neighbour}`)
    for (const p of [a, b]) {
      expect(hasVertex(saved.geometry, p)).toBe(true)
      expect(hasVertex(neighbour.geometry, p)).toBe(true)
    }

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
