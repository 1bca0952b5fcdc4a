/**
 * The editor on a phone held upright (390 × 844): the map above the side panel, the toolbar across
 * the top of the map and the legend along its bottom. A township picked or a district located must
 * land in the map left free between them, not under them.
 */
import { describe, expect, test } from 'vitest'
import type { DistrictProperties, TownshipProperties } from '@census/shared'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import { boundsOf } from '../src/geo/bounds.ts'
import { api, useCensusSession } from './session.ts'
import { freshDistrict } from './workplaces.ts'

const session = useCensusSession()

describe('on a phone', () => {
  test('a township picked and a district located are fitted between the toolbar and the legend', async () => {
    const place = await freshDistrict()
    const { census } = session
    const townships = await api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships')
    const township = townships.features.find((t) => t.properties.name === place.township)!
    const district = await api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${place.code}`)

    await census.page.setViewportSize({ width: 390, height: 844 })
    await census.openCity()
    await census.signAs('张伟')
    await census.pickTownship(place.township)
    expect(await census.showsClearOfPanels(boundsOf([township.geometry])!)).toBe(true)
    // Nothing to draw in yet: the tools, all disabled, give their rows to the map.
    await expect.poll(() => census.page.getByRole('button', { name: '画普查小区' }).isVisible()).toBe(false)
    await census.screenshot('phone-township')

    await census.chooseDistrict(place.code, place.inside)
    expect(await census.page.getByRole('button', { name: '画普查小区' }).isVisible()).toBe(true)
    await census.locateDistrict()
    expect(await census.showsClearOfPanels(boundsOf([district.geometry])!)).toBe(true)
    await census.screenshot('phone-district-located')

    // Taking up a tool fits the district the same way, however tall the toolbar has grown with the tool's hint.
    await census.zoomIn(2)
    await census.pressToolbar('画普查小区')
    await census.waitUntilMapSettles()
    expect(await census.showsClearOfPanels(boundsOf([district.geometry])!)).toBe(true)
    await census.screenshot('phone-district-drawing')
    await census.page.keyboard.press('Escape')
    expect(session.consoleErrors).toEqual([])
  })
})
