/**
 * The city office's progress report on the demo city, driven in Chromium: the city's figures must
 * match what the database holds, a past as-of time must show that moment, and the Excel export must
 * hold the same numbers under a title that names the moment.
 */
import { beforeEach, describe, expect, test } from 'vitest'
import { readSheet } from 'read-excel-file/node'
import { bulletinParagraph, percent, type CompletionReport } from '@census/shared'
import type { FeatureCollection } from 'geojson'
import { api, useCensusSession } from './session.ts'
import { ReportDriver } from './report-driver.ts'

/** The city row as the page should show it: name, then the columns in order (see web/src/report/columns.ts). */
function expectedCityRow(city: CompletionReport['city']): string[] {
  const rate = (v: number | null) => (v === null ? '—' : `${v}%`)
  return [
    '全市',
    String(city.expectedDistricts),
    String(city.drawnDistricts),
    rate(percent(city.drawnDistricts, city.expectedDistricts)),
    String(city.submittedDistricts),
    String(city.approvedDistricts),
    rate(percent(city.approvedDistricts, city.expectedDistricts)),
    String(city.returnedDistricts),
    String(city.smallAreas),
    String(city.buildingsMarked),
    String(city.expectedBuildings ?? '—'),
    rate(city.buildingRate === null ? null : Math.round(city.buildingRate * 100)),
    String(city.households),
    '',
  ]
}

/** "2026-11-08T17:00" in China time, `days` before today. */
function chinaDaysAgoAt17(days: number): { input: string; instant: string } {
  const chinaToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  const day = new Date(Date.parse(`${chinaToday}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
  return { input: `${day}T17:00`, instant: new Date(`${day}T17:00:00+08:00`).toISOString() }
}

const session = useCensusSession()
let report: ReportDriver
beforeEach(() => {
  report = new ReportDriver(session.census.page)
})

describe('the progress report', () => {
  test('shows the city total the database holds, and the bulletin written from it', async () => {
    await session.census.openCity()
    await report.openReport()
    await session.census.screenshot('report')

    const now = await api<CompletionReport>('/api/report')
    expect(await report.cityRow()).toEqual(expectedCityRow(now.city))
    // Everything history holds, counted another way: the features the map reads from the tables.
    // (As of the end of time, not now: the demo stamps each campaign day at 17:00, which may be later today.)
    const everything = await api<CompletionReport>('/api/report?asOf=2100-01-01T00:00:00Z')
    const districts = await api<FeatureCollection>('/api/districts')
    const smallAreas = await api<FeatureCollection>('/api/small-areas')
    expect(everything.city.expectedDistricts).toBe(districts.features.length)
    expect(everything.city.drawnDistricts).toBe(districts.features.filter((f) => f.geometry !== null).length)
    expect(everything.city.smallAreas).toBe(smallAreas.features.length)
    expect(now.city.drawnDistricts).toBeGreaterThan(0)

    expect(await report.townshipNames()).toEqual(now.townships.map((t) => t.name))
    expect(await report.bulletin()).toBe(bulletinParagraph(now).zh)
    expect(await report.copyBulletin()).toBe(bulletinParagraph(now).zh)
    expect(await report.bulletin()).toMatch(/^截止\d+月\d+日\d+时(\d+分)?，全市已完成普查区划分\d+个，完成率\d+%/)

    await report.showChart()
    await session.census.screenshot('report-chart')
    expect(await report.choroplethShapes()).toBe(now.townships.length)
    expect(await report.atRiskNote()).toMatch(/截止日期/)
    expect(session.consoleErrors).toEqual([])
  })

  test('switches to a past moment and exports it to Excel with that moment in the title', async () => {
    await session.census.openCity()
    await report.openReport()
    const past = chinaDaysAgoAt17(21)
    await report.pickAsOf(past.input)
    await session.census.screenshot('report-past')

    const then = await api<CompletionReport>(`/api/report?asOf=${encodeURIComponent(past.instant)}`)
    const now = await api<CompletionReport>('/api/report')
    expect(then.asOf).toBe(past.instant)
    expect(await report.cityRow()).toEqual(expectedCityRow(then.city))
    expect(then.city.drawnDistricts).toBeLessThan(now.city.drawnDistricts)
    const [, month, day] = past.input.slice(0, 10).split('-').map(Number)
    expect(await report.heading()).toContain(`截止${past.input.slice(0, 4)}年${month}月${day}日17时`)
    expect(await report.bulletin()).toBe(bulletinParagraph(then).zh)

    const { path, fileName } = await report.exportXlsx()
    expect(fileName).toBe(`滕州市-普查进度-${past.input.slice(0, 10).replace(/-/g, '')}-1700.xlsx`)
    const rows = await readSheet(path)
    expect(String(rows[0]![0])).toBe(`滕州市普查区划分与建筑物标绘进度（截止${past.input.slice(0, 4)}年${month}月${day}日17时）`)
    expect(rows[1]!.slice(0, 4)).toEqual(['乡镇（街道）', '普查区应划分数', '已划分普查区', '普查区完成率'])
    expect(rows[2]!.slice(0, 4)).toEqual(['全市', then.city.expectedDistricts, then.city.drawnDistricts, percent(then.city.drawnDistricts, then.city.expectedDistricts)])
    expect(rows[2]![9]).toBe(then.city.buildingsMarked)
    expect(rows.slice(3).map((r) => r[0])).toEqual(then.townships.map((t) => t.name))
    expect(rows.slice(3).map((r) => r[2])).toEqual(then.townships.map((t) => t.drawnDistricts))
    expect(session.consoleErrors).toEqual([])
  })

  test('sorts by a rate, and opens a township on the map from its name', async () => {
    await session.census.openCity()
    await report.openReport()
    const now = await api<CompletionReport>('/api/report')
    await report.sortBy('建筑物标绘率')
    const byRate = [...now.townships].sort((a, b) => (b.buildingRate ?? -1) - (a.buildingRate ?? -1))
    expect((await report.townshipNames())[0]).toBe(byRate[0]!.name)

    await session.census.page.getByRole('button', { name: byRate[0]!.name, exact: true }).click()
    await session.census.waitUntilMapSettles()
    expect(await session.census.page.getByLabel('乡镇（街道）').inputValue()).toBe(byRate[0]!.code)
    expect(session.consoleErrors).toEqual([])
  })
})
