/**
 * The viewer, driven like a person would in the production build served by the real server:
 * the demo county must be drawn on the map, clicks must show what was clicked, and the legend must
 * speak Chinese.
 */
import { describe, expect, test } from 'vitest'
import { boundaryStatus, buildingUse, tileMinZoom, type DistrictProperties, type TownshipProperties } from '@census/shared'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { boundsOf } from '../src/geo/bounds.ts'
import { minZoom } from '../src/map/census-style.ts'
import { api, useCensusSession } from './session.ts'


const session = useCensusSession()

describe('the census viewer', () => {
  test('draws every township and the drawn districts of the demo county', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    const districts = await api<FeatureCollection<null, DistrictProperties>>('/api/districts')
    const drawn = new Set(districts.features.filter((d) => d.geometry !== null).map((d) => d.properties.code))

    await session.census.openCity()
    await session.census.screenshot('county')

    expect(new Set(await session.census.visibleCodes('township'))).toEqual(new Set(townships.features.map((t) => t.properties.code)))
    const shownDistricts = await session.census.visibleCodes('district')
    expect(shownDistricts.filter((code) => !drawn.has(code))).toEqual([])
    // At county scale a tiny district may be simplified away; nearly all must still be drawn.
    expect(shownDistricts.length).toBeGreaterThan(drawn.size * 0.95)
    // Small areas and buildings wait for closer zooms, so the county view stays readable.
    expect(await session.census.visibleFeatureCount('smallArea')).toBe(0)
    expect(await session.census.visibleFeatureCount('building')).toBe(0)
  })

  test('the legend names every status in Chinese', async () => {
    await session.census.openCity()
    const labels = await session.census.legendLabels()
    for (const status of boundaryStatus.values) expect(labels).toContain(boundaryStatus.labels[status].zh)
  })

  test('clicking a district shows its code, Chinese name and status', async () => {
    await session.census.openCity()
    const code = await session.census.clickFeature('district')
    const district = await api<Feature<null, DistrictProperties>>(`/api/districts/${code}`)

    const shown = await session.census.shownFeature()
    await session.census.screenshot('district-selected')
    expect(shown.kind).toBe('普查区')
    expect(shown.code).toBe(code)
    expect(shown.title).toBe(district.properties.name)
    expect(shown.text).toContain(boundaryStatus.labels[district.properties.status].zh)
  })

  test('picking a township and zooming in shows its small areas and buildings', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    const township = townships.features[0]!.properties

    await session.census.openCity()
    await session.census.pickTownship(township.name)
    const districts = await session.census.visibleCodes('district')
    expect(districts.some((code) => code.startsWith(township.code))).toBe(true)

    await session.census.zoomInToBuildings()
    expect(await session.census.visibleFeatureCount('smallArea')).toBeGreaterThan(0)
    await session.census.screenshot('township-zoomed')

    const code = await session.census.clickFeature('building')
    const shown = await session.census.shownFeature()
    expect(shown.kind).toBe('建筑物')
    expect(shown.code).toBe(code)
    expect(buildingUse.values.some((use) => shown.text.includes(buildingUse.labels[use].zh))).toBe(true)
    await session.census.screenshot('building-selected')
  })

  test('a township picked close enough for its small areas has them drawn before its findings are asked for', async () => {
    // The township smallest on the map is fitted closest in: its small areas come at once.
    const townships = await api<FeatureCollection<Polygon | MultiPolygon, TownshipProperties>>('/api/townships')
    const extent = (t: (typeof townships.features)[number]) => {
      const [w, s, e, n] = boundsOf([t.geometry])!
      return (e - w) * (n - s)
    }
    const township = [...townships.features].sort((a, b) => extent(a) - extent(b))[0]!.properties
    // What the page asked and received, in order.
    const timeline: string[] = []
    session.census.page.on('request', (request) => timeline.push(`start ${request.url()}`))
    session.census.page.on('requestfinished', (request) => timeline.push(`end ${request.url()}`))
    // A slow network: the map is drawn and still before the small areas come.
    await session.census.page.route(
      (url) => url.pathname === '/api/small-areas' && url.searchParams.get('township') === township.code,
      async (route) => {
        await new Promise((done) => setTimeout(done, 2_000))
        await route.continue()
      },
    )
    await session.census.openCity()
    await session.census.pickTownship(township.name)
    expect(await session.census.zoom()).toBeGreaterThanOrEqual(minZoom.smallArea)
    const at = (event: string, path: string) => timeline.findIndex((e) => e.startsWith(`${event} ${new URL(path, session.census.page.url())}`))
    const findingsAsked = () => at('start', `/api/topology?scope=${township.code}`)
    const smallAreasArrived = () => at('end', `/api/small-areas?township=${township.code}`)
    await expect.poll(() => Math.min(findingsAsked(), smallAreasArrived()), { timeout: 30_000 }).toBeGreaterThanOrEqual(0)
    // A township's check takes seconds, and on the embedded database every other request waits behind it.
    expect(findingsAsked()).toBeGreaterThan(smallAreasArrived())
  })

  test('zoomed out over a picked township, its buildings are dots from vector tiles and a click there picks the area; neighbours show districts only', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    const township = townships.features[0]!.properties
    await session.census.openCity()
    await session.census.pickTownship(township.name)
    while ((await session.census.zoom()) < tileMinZoom.buildings) await session.census.zoomIn()
    expect(await session.census.zoom()).toBeLessThan(minZoom.building)
    expect(await session.census.waitForBuildingDots()).toBeGreaterThan(0)
    await session.census.screenshot('building-tiles')

    // Only the picked township's small areas are drawn at this zoom (the dots are filtered alike).
    const smallAreas = await session.census.visibleCodes('smallArea')
    expect(smallAreas.length).toBeGreaterThan(0)
    expect(smallAreas.filter((code) => !code.startsWith(township.code))).toEqual([])
    // A dot is a pixel among thousands: a click on one picks the small area (or district) under it.
    expect(await session.census.visibleFeatureCount('building')).toBe(0)
    const code = await session.census.clickFeature('smallArea')
    expect((await session.census.shownFeature()).kind).toBe('普查小区')
    expect(code.startsWith(township.code)).toBe(true)

    // Closer in, the neighbours' small areas come back, and buildings are picked one by one.
    await session.census.zoomInToBuildings()
    const building = await session.census.clickFeature('building')
    const shown = await session.census.shownFeature()
    expect(shown.kind).toBe('建筑物')
    expect(shown.code).toBe(building)
    expect(session.consoleErrors).toEqual([])
  })

  test('the legend hides the status colours, the buildings and the names; areas are still picked, the choice is kept, and tagging brings buildings back', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    await session.census.openCity()
    await session.census.pickTownship(townships.features[0]!.properties.name)
    await session.census.zoomInToBuildings()
    expect(await session.census.visibleLabelCount()).toBeGreaterThan(0)

    await session.census.showOverlay('建筑物', false)
    expect(await session.census.visibleFeatureCount('building')).toBe(0)
    await session.census.showOverlay('名称和编码', false)
    expect(await session.census.visibleLabelCount()).toBe(0)
    await session.census.showOverlay('状态填色', false)
    await session.census.screenshot('overlays-hidden')
    // The colours are gone, not the areas: a click inside one still picks it.
    await session.census.clickFeature('smallArea')
    expect((await session.census.shownFeature()).kind).toBe('普查小区')

    // Kept in this browser, as the base map is.
    await session.census.openCity()
    expect(await session.census.overlaysShown()).toEqual({ 状态填色: false, 建筑物: false, 名称和编码: false })
    await session.census.showOverlay('状态填色', true)
    await session.census.showOverlay('名称和编码', true)
    expect(await session.census.visibleLabelCount()).toBeGreaterThan(0)

    // Tagging buildings that cannot be seen would repeat them: taking up the tool shows them again.
    await session.census.pickTownship(townships.features[0]!.properties.name)
    while ((await session.census.zoom()) < minZoom.smallArea) await session.census.zoomIn()
    await session.census.clickFeature('smallArea')
    await session.census.pressToolbar('标绘建筑物')
    expect(await session.census.overlaysShown()).toEqual({ 状态填色: true, 建筑物: true, 名称和编码: true })
    await session.census.waitUntilMapSettles()
    const buildingsDrawn = () => session.census.page.evaluate(() => window.__censusMap!.renderedCodes('building').length + window.__censusMap!.renderedBuildingDots())
    expect(await buildingsDrawn()).toBeGreaterThan(0)
    expect(session.consoleErrors).toEqual([])
  })

  test('the legend folds to its title and 显示 boxes, which still work, and stays folded', async () => {
    await session.census.openCity()
    const open = await session.census.legendHeight()
    await session.census.foldLegend(true)
    expect(await session.census.legendLabels()).toEqual(['显示', '状态填色', '建筑物', '名称和编码'])
    expect(await session.census.legendHeight()).toBeLessThan(open / 3)
    await session.census.screenshot('legend-folded')
    await session.census.showOverlay('名称和编码', false)
    expect(await session.census.visibleLabelCount()).toBe(0)

    // Kept in this browser, as the overlays are.
    await session.census.openCity()
    expect(await session.census.legendLabels()).toEqual(['显示', '状态填色', '建筑物', '名称和编码'])
    await session.census.foldLegend(false)
    await session.census.showOverlay('名称和编码', true)
    expect(await session.census.legendLabels()).toContain(boundaryStatus.labels.approved.zh)
    expect(await session.census.legendHeight()).toBe(open)
    expect(session.consoleErrors).toEqual([])
  })

  test('a whole session logs no console error', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    await session.census.openCity()
    await session.census.pickTownship(townships.features.at(-1)!.properties.name)
    await session.census.clickFeature('district')
    await session.census.zoomInToBuildings()
    expect(await session.census.mapControls()).toEqual({ scale: expect.stringMatching(/^\d+\s(米|公里)$/), zoomIn: '放大' })
    await session.census.switchLanguage()
    expect(await session.census.legendLabels()).toContain(boundaryStatus.labels.approved.en)
    // The map's own words follow: the scale in m or km, the buttons' tips in English.
    expect(await session.census.mapControls()).toEqual({ scale: expect.stringMatching(/^\d+\s(m|km)$/), zoomIn: 'Zoom in' })
    await session.census.screenshot('english')
    expect(session.consoleErrors).toEqual([])
  })
})
