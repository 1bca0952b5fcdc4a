/**
 * The viewer, driven like a person would in the production build served by the real server:
 * the demo county must be drawn on the map, clicks must show what was clicked, and the legend must
 * speak Chinese.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import { boundaryStatus, buildingUse, type DistrictProperties, type TownshipProperties } from '@census/shared'
import type { Feature, FeatureCollection } from 'geojson'
import { launchBrowser, openPage } from './browser.ts'
import { CensusDriver } from './census-driver.ts'

type Browser = Awaited<ReturnType<typeof launchBrowser>>

const baseUrl = inject('baseUrl')

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`)
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return (await response.json()) as T
}

let browser: Browser
let census: CensusDriver
let consoleErrors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

beforeEach(async () => {
  const opened = await openPage(browser)
  census = new CensusDriver(opened.page, baseUrl)
  consoleErrors = opened.consoleErrors
})

afterEach(async () => {
  await census.page.context().close()
})

describe('the census viewer', () => {
  test('draws every township and the drawn districts of the demo county', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    const districts = await api<FeatureCollection<null, DistrictProperties>>('/api/districts')
    const drawn = new Set(districts.features.filter((d) => d.geometry !== null).map((d) => d.properties.code))

    await census.openCity()
    await census.screenshot('county')

    expect(new Set(await census.visibleCodes('township'))).toEqual(new Set(townships.features.map((t) => t.properties.code)))
    const shownDistricts = await census.visibleCodes('district')
    expect(shownDistricts.filter((code) => !drawn.has(code))).toEqual([])
    // At county scale a tiny district may be simplified away; nearly all must still be drawn.
    expect(shownDistricts.length).toBeGreaterThan(drawn.size * 0.95)
    // Small areas and buildings wait for closer zooms, so the county view stays readable.
    expect(await census.visibleFeatureCount('smallArea')).toBe(0)
    expect(await census.visibleFeatureCount('building')).toBe(0)
  })

  test('the legend names every status in Chinese', async () => {
    await census.openCity()
    const labels = await census.legendLabels()
    for (const status of boundaryStatus.values) expect(labels).toContain(boundaryStatus.labels[status].zh)
  })

  test('clicking a district shows its code, Chinese name and status', async () => {
    await census.openCity()
    const code = await census.clickFeature('district')
    const district = await api<Feature<null, DistrictProperties>>(`/api/districts/${code}`)

    const shown = await census.shownFeature()
    await census.screenshot('district-selected')
    expect(shown.kind).toBe('普查区')
    expect(shown.code).toBe(code)
    expect(shown.title).toBe(district.properties.name)
    expect(shown.text).toContain(boundaryStatus.labels[district.properties.status].zh)
  })

  test('picking a township and zooming in shows its small areas and buildings', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    const township = townships.features[0]!.properties

    await census.openCity()
    await census.pickTownship(township.name)
    const districts = await census.visibleCodes('district')
    expect(districts.some((code) => code.startsWith(township.code))).toBe(true)

    await census.zoomInToBuildings()
    expect(await census.visibleFeatureCount('smallArea')).toBeGreaterThan(0)
    await census.screenshot('township-zoomed')

    const code = await census.clickFeature('building')
    const shown = await census.shownFeature()
    expect(shown.kind).toBe('建筑物')
    expect(shown.code).toBe(code)
    expect(buildingUse.values.some((use) => shown.text.includes(buildingUse.labels[use].zh))).toBe(true)
    await census.screenshot('building-selected')
  })

  test('a whole session logs no console error', async () => {
    const townships = await api<FeatureCollection<null, TownshipProperties>>('/api/townships')
    await census.openCity()
    await census.pickTownship(townships.features.at(-1)!.properties.name)
    await census.clickFeature('district')
    await census.zoomInToBuildings()
    await census.switchLanguage()
    expect(await census.legendLabels()).toContain(boundaryStatus.labels.approved.en)
    await census.screenshot('english')
    expect(consoleErrors).toEqual([])
  })
})
