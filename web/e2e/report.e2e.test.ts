/**
 * The city office's progress report on the demo city, driven in Chromium: the city's figures must
 * match what the database holds, a past as-of time (a China day and hour) must show that moment, and
 * the Excel export must hold the same numbers under a title that names the moment. Open topology
 * findings fill in per township (now only) and are checked again on 刷新 and every 5 minutes, the
 * office edits an expected count and the county's one deadline in place (or clears it), each township
 * has its chart, and the page reads on the office's screens.
 */
import { beforeEach, describe, expect, test } from 'vitest'
import { readSheet } from 'read-excel-file/node'
import {
  bulletinParagraph,
  chinaDayEnd,
  chinaTime,
  chinaDayOf,
  DAY_MS,
  forecastFinish,
  percent,
  townshipCompletion,
  type CompletionReport,
  type CompletionSeries,
  type CountySettings,
  type OpenFindings,
  type ReportResponse,
} from '@census/shared'
import type { FeatureCollection } from 'geojson'
import { api, useCensusSession } from './session.ts'
import { ReportDriver } from './report-driver.ts'
import { FINDINGS_REFRESH_MS } from '../src/report/use-open-findings.ts'

type Summary = { townships: (OpenFindings & { township: string })[] }

/** The city row as the page should show it: name, status, then the columns in order (see web/src/report/columns.ts). */
function expectedCityRow(report: CompletionReport, summary: Summary | null): string[] {
  const { city } = report
  const rate = (v: number | null) => (v === null ? '—' : `${v}%`)
  const findingsOf = (code: string) => summary?.townships.find((t) => t.township === code) ?? null
  const done = report.townships.filter((t) => townshipCompletion(t, findingsOf(t.code)).state === 'done').length
  const sum = (key: keyof OpenFindings) => String(summary!.townships.reduce((s, t) => s + t[key], 0))
  return [
    '全市',
    summary ? `${done}/${city.townships}` : '—',
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
    summary ? sum('errors') : '—',
    summary ? sum('warnings') : '—',
    '',
  ]
}

/** Today in China, "2026-11-29". */
function chinaToday(): string {
  return chinaDayOf(new Date())
}

/** The China day `days` after today (before, when negative). */
function chinaDaysFromToday(days: number): string {
  return chinaDayOf(new Date(Date.now() + days * DAY_MS))
}

/** The townships whose district forecast misses the deadline day at their recent pace. */
function townshipsAtRisk(series: CompletionSeries, deadlineDay: string) {
  return series.townships.filter((t) => forecastFinish(series.days, t.drawnDistricts, t.expectedDistricts, chinaDayEnd(deadlineDay)).state === 'at_risk')
}

const session = useCensusSession()
let report: ReportDriver
beforeEach(() => {
  report = new ReportDriver(session.census.page)
})

describe('the progress report', () => {
  test('shows the city total the database holds, and the bulletin written from it', async () => {
    await session.census.openCity()
    const shown = await report.openReport()
    await session.census.screenshot('report')

    // The figures of the page's own moment (the bulletin names its minute) are the database's.
    const now = await api<ReportResponse>(`/api/report?asOf=${encodeURIComponent(shown.asOf)}`)
    expect(now.city).toEqual(shown.city)
    expect(shown.findings.live).toBe(true)
    await report.waitForFindings()
    const summary = await api<Summary>(shown.findings.live ? shown.findings.summary : '')
    await session.census.screenshot('report')
    expect(await report.cityRow()).toEqual(expectedCityRow(now, summary))
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

  test('forecasts against the county’s one deadline, which the demo sets at the end of its drawing stage', async () => {
    await session.census.openCity()
    await report.openReport()
    const now = await api<ReportResponse>('/api/report')
    const series = await api<CompletionSeries>('/api/report/series')
    const deadline = now.county!.deadline!
    // Weeks ahead, as an office plans a stage: some townships make it at their recent pace, some do not.
    expect(Date.parse(deadline) - Date.parse(chinaToday())).toBeGreaterThan(14 * DAY_MS)
    const atRisk = townshipsAtRisk(series, deadline)
    expect(atRisk.length).toBeGreaterThan(0)
    expect(atRisk.length).toBeLessThan(series.townships.length / 2)
    expect((await report.atRiskRows()).sort()).toEqual(atRisk.map((t) => t.code).sort())

    const [, month, date] = deadline.split('-').map(Number)
    const card = await report.deadlineCard()
    expect(card.day).toBe(`${month}月${date}日`)
    expect(card.detail).toBe(`还有${Math.round((Date.parse(deadline) - Date.parse(chinaToday())) / DAY_MS)}天 · ${atRisk.length}个镇街可能延误`)
    expect(session.consoleErrors).toEqual([])
  })

  test('switches to a past moment and exports it to Excel with that moment in the title', async () => {
    await session.census.openCity()
    await report.openReport()
    const day = chinaDaysFromToday(-21)
    const past = { input: `${day}T17:00`, instant: new Date(`${day}T17:00:00+08:00`).toISOString() }
    await report.pickAsOf(day, 17)
    await session.census.screenshot('report-past')

    const then = await api<CompletionReport>(`/api/report?asOf=${encodeURIComponent(past.instant)}`)
    const now = await api<CompletionReport>('/api/report')
    expect(then.asOf).toBe(past.instant)
    expect(await report.cityRow()).toEqual(expectedCityRow(then, null))
    // Findings are not reproducible for a past moment: blanks, with the reason on hover.
    const first = await report.townshipRow(then.townships[0]!.code)
    expect(first.cells.slice(-3, -1)).toEqual(['—', '—'])
    expect(first.titles.at(-2)).toContain('历史时点无法重现')
    expect(then.city.drawnDistricts).toBeLessThan(now.city.drawnDistricts)
    const [year, month, date] = day.split('-').map(Number)
    expect(await report.heading()).toContain(`截止${year}年${month}月${date}日17时`)
    // The picker reads as the office writes it, whatever the browser's own date format.
    expect(await report.asOfShown()).toEqual({ day: `${year}年${month}月${date}日`, hour: '17时' })
    expect(await report.bulletin()).toBe(bulletinParagraph(then).zh)

    const { path, fileName } = await report.exportXlsx()
    expect(fileName).toBe(`滕州市-普查进度-${past.input.slice(0, 10).replace(/-/g, '')}-1700.xlsx`)
    const rows = await readSheet(path)
    expect(String(rows[0]![0])).toBe(`滕州市普查区划分与建筑物标绘进度（截止${year}年${month}月${date}日17时）`)
    expect(rows[1]!.slice(0, 5)).toEqual(['乡镇（街道）', '完成情况', '普查区应划分数', '已划分普查区', '普查区完成率'])
    expect(rows[1]!.slice(-2)).toEqual(['错误', '警告'])
    expect(rows[2]!.slice(0, 5)).toEqual(['全市', '—', then.city.expectedDistricts, then.city.drawnDistricts, percent(then.city.drawnDistricts, then.city.expectedDistricts)])
    expect(rows[2]![10]).toBe(then.city.buildingsMarked)
    expect(rows.slice(3).map((r) => r[0])).toEqual(then.townships.map((t) => t.name))
    expect(rows.slice(3).map((r) => r[3])).toEqual(then.townships.map((t) => t.drawnDistricts))
    expect(session.consoleErrors).toEqual([])
  })

  test('sorts by a rate, and opens a township on the map from its name', async () => {
    await session.census.openCity()
    await report.openReport()
    const now = await api<CompletionReport>('/api/report')
    await report.sortBy('建筑物标绘率')
    const byRate = [...now.townships].sort((a, b) => (b.buildingRate ?? -1) - (a.buildingRate ?? -1))
    expect((await report.townshipNames())[0]).toBe(byRate[0]!.name)

    await session.census.page.getByTestId('report-table').getByRole('button', { name: byRate[0]!.name, exact: true }).click()
    await session.census.waitUntilMapSettles()
    expect(await session.census.page.getByLabel('乡镇（街道）').inputValue()).toBe(byRate[0]!.code)
    expect(session.consoleErrors).toEqual([])
  })
})

describe('findings, estimates and each township’s chart', () => {
  test('shows each township’s open errors and warnings, and calls a township with errors not done', async () => {
    await session.census.openCity()
    await report.openReport()
    await report.waitForFindings()
    const now = await api<ReportResponse>('/api/report')
    const summary = await api<Summary>(now.findings.live ? now.findings.summary : '')
    const labels = { done: '已完成', in_progress: '进行中', has_errors: '有错误', unchecked: '待核查' }
    for (const t of now.townships) {
      const own = summary.townships.find((s) => s.township === t.code)!
      const row = await report.townshipRow(t.code)
      expect(row.cells.slice(-3, -1)).toEqual([String(own.errors), String(own.warnings)])
      expect(row.cells[1]).toBe(labels[townshipCompletion(t, own).state])
      if (own.errors > 0) expect(row.cells[1]).not.toBe('已完成')
    }
    expect(session.consoleErrors).toEqual([])
  })

  test('edits a township’s expected buildings in place: the percentages change and the day is noted', async () => {
    await session.census.openCity()
    await report.openReport()
    await session.census.signAs('市人普办 李敏')
    const before = await api<ReportResponse>('/api/report')
    const township = before.townships.find((t) => t.buildingsMarked > 0 && t.expectedBuildings !== null)!
    const rateColumn = (await report.columnHeaders()).indexOf('建筑物标绘率')
    expect((await report.townshipRow(township.code)).cells[rateColumn]).toBe(`${Math.round(township.buildingRate! * 100)}%`)

    // Twice the buildings marked: the township is then at 50 %.
    await report.editEstimate(township.code, township.buildingsMarked * 2)
    await session.census.screenshot('report-estimate-edited')
    expect((await report.townshipRow(township.code)).cells[rateColumn]).toBe('50%')
    expect(await report.estimateTooltip(township.code)).toContain(chinaToday())

    const after = await api<ReportResponse>('/api/report')
    expect(after.townships.find((t) => t.code === township.code)).toMatchObject({ expectedBuildings: township.buildingsMarked * 2, expectedBuildingsOn: chinaToday(), buildingRate: 0.5 })
    await report.waitForFindings()
    expect(await report.cityRow()).toEqual(expectedCityRow(after, await api<Summary>(after.findings.live ? after.findings.summary : '')))
    const [entry] = await api<{ author: string; after: { expected_buildings: number } }[]>(`/api/history?scope=${township.code}&entity=township&limit=1`)
    expect(entry).toMatchObject({ author: '市人普办 李敏', after: { expected_buildings: township.buildingsMarked * 2 } })
    expect(session.consoleErrors).toEqual([])
  })

  test('moves the county’s deadline for every office worker, and charts one township at risk against it', async () => {
    await session.census.openCity()
    await report.openReport()
    await session.census.signAs('市人普办 李敏')
    const series = await api<CompletionSeries>('/api/report/series')
    const before = (await api<ReportResponse>('/api/report')).county!
    // A deadline a week from today: more townships cannot make it.
    const deadlineDay = chinaDaysFromToday(7)
    await report.setDeadline(deadlineDay)
    const atRisk = townshipsAtRisk(series, deadlineDay)
    expect(atRisk.length).toBeGreaterThan(townshipsAtRisk(series, before.deadline!).length)
    expect((await report.atRiskRows()).sort()).toEqual(atRisk.map((t) => t.code).sort())
    expect(await report.atRiskListed()).toEqual(atRisk.map((t) => t.name))

    // Kept by the server, not this browser: the report says so, history names who moved it, and
    // another office worker's page opens with it.
    const after = (await api<ReportResponse>('/api/report')).county!
    expect(after).toMatchObject({ deadline: deadlineDay, version: before.version + 1 })
    const [entry] = await api<{ author: string; before: { deadline: string }; after: { deadline: string } }[]>(`/api/history?scope=${after.code}&entity=county&limit=1`)
    expect(entry).toMatchObject({ author: '市人普办 李敏', before: { deadline: before.deadline }, after: { deadline: deadlineDay } })
    expect(await session.census.page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('deadline')))).toEqual([])
    const colleague = new ReportDriver(await session.census.page.context().newPage())
    await colleague.page.goto(session.census.page.url())
    await colleague.waitForFigures()
    expect((await colleague.deadlineCard()).day).toBe(`${Number(deadlineDay.slice(5, 7))}月${Number(deadlineDay.slice(8))}日`)
    await colleague.page.close()

    const chosen = atRisk[0]!
    await report.chartFromRow(chosen.code)
    await report.showChart()
    await session.census.screenshot('report-township-chart')
    const chart = await report.chart()
    expect(chart).toMatchObject({ line: chosen.code, chosen: chosen.code })
    expect(chart.forecast).toMatch(new RegExp(`^${chosen.name}：`))
    expect(chart.forecast).toMatch(/晚于截止日期|无法在截止日期/)

    // Back to the stage's end, for the other tests.
    await report.setDeadline(before.deadline!)
    expect((await api<{ county: CountySettings }>('/api/report')).county).toMatchObject({ deadline: before.deadline, version: before.version + 2 })
    expect(session.consoleErrors).toEqual([])
  })

  test('clears the county’s deadline once asked and answered yes; the forecast then judges no township against one', async () => {
    await session.census.openCity()
    await report.openReport()
    await session.census.signAs('市人普办 李敏')
    const before = (await api<ReportResponse>('/api/report')).county!
    const shownBefore = await report.deadlineCard()
    expect(before.deadline).not.toBeNull()

    // Asked first, and a no leaves it as it was.
    expect(await report.clearDeadline('no')).toBe('确定清除全市统一的区划绘图截止日期吗？清除后，进度预测不再判断哪些镇街会延误，直到重新设定。')
    expect(await report.deadlineCard()).toEqual(shownBefore)
    expect((await api<ReportResponse>('/api/report')).county).toEqual(before)

    await report.clearDeadline('yes')
    await session.census.screenshot('report-deadline-cleared')
    expect(await report.deadlineCard()).toEqual({ day: '未设定', detail: '点击设定全市统一的截止日期' })
    expect(await report.atRiskRows()).toEqual([])
    await report.showChart()
    expect(await report.atRiskNote()).toBe('尚未设定截止日期，无法判断哪些镇街会延误')
    const after = (await api<ReportResponse>('/api/report')).county!
    expect(after).toMatchObject({ deadline: null, version: before.version + 1 })
    const [entry] = await api<{ author: string; before: { deadline: string }; after: { deadline: string | null } }[]>(`/api/history?scope=${after.code}&entity=county&limit=1`)
    expect(entry).toMatchObject({ author: '市人普办 李敏', before: { deadline: before.deadline }, after: { deadline: null } })

    // Back to the stage's end, for the other tests: set again on the same card.
    await report.setDeadline(before.deadline!)
    expect((await api<ReportResponse>('/api/report')).county).toMatchObject({ deadline: before.deadline, version: before.version + 2 })
    expect(session.consoleErrors).toEqual([])
  })

  test('checks the open findings again on 刷新, and says when they were checked', async () => {
    await session.census.openCity()
    await report.openReport()
    await report.waitForFindings()
    expect(await report.findingsChecked()).toMatch(/^拓扑检查于 \d\d:\d\d$/)
    await report.refresh()
    expect(await report.findingsChecked()).toMatch(/^拓扑检查于 \d\d:\d\d$/)
    expect(session.consoleErrors).toEqual([])
  })

  test('checks the open findings again by itself every 5 minutes, and says when', async () => {
    const { page } = session.census
    // Installed before the page loads, the clock's timers are the test's to move; until then it runs as usual.
    await page.clock.install()
    await session.census.openCity()
    await report.openReport()
    await report.waitForFindings()
    const first = await report.findingsChecked()
    expect(first).toMatch(/^拓扑检查于 \d\d:\d\d$/)
    const before = await page.evaluate(() => Date.now())

    const second = await report.letTimePass(FINDINGS_REFRESH_MS / 60_000, first)
    // The time of the new check: five minutes on, or a minute more if one turned while it was asked.
    const after = await page.evaluate(() => Date.now())
    const clock = (at: number) => {
      const { hour, minute } = chinaTime(new Date(at))
      return `拓扑检查于 ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
    }
    expect([clock(before + FINDINGS_REFRESH_MS), clock(after)]).toContain(second)
    await session.census.screenshot('report-findings-rechecked')
    expect(session.consoleErrors).toEqual([])
  })

  test('reads at a glance on the office’s screens, 1280×800 and 1920×1080', async () => {
    await session.census.openCity()
    await report.openReport()
    await report.waitForFindings()
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await session.census.page.setViewportSize({ width, height })
      await session.census.page.getByTestId('report').evaluate((r) => r.scrollTo(0, 0))
      await session.census.screenshot(`report-${width}-top`)
      expect(await report.overflowsSideways()).toBe(false)
      await report.showChart()
      // The chart's days are China days: a point's tooltip names its day as the office writes it.
      expect(await report.chartTooltip()).toMatch(/^\d+月\d+日(\s\d\d:\d\d)?\n普查区完成率/)
      await session.census.screenshot(`report-${width}-chart`)
    }
    expect(session.consoleErrors).toEqual([])
  })

  test('reads in English', async () => {
    await session.census.openCity()
    await report.openReport()
    await session.census.switchLanguage()
    await report.waitForFindings()
    await session.census.screenshot('report-english-top')
    await report.showChart()
    await session.census.screenshot('report-english')
    const headers = await report.columnHeaders()
    expect(headers.slice(0, 2)).toEqual(['Township', 'Status'])
    expect(headers).toEqual(expect.arrayContaining(['Errors', 'Warnings', 'Expected buildings', 'Districts: forecast finish']))
    expect(await report.heading()).toMatch(/^滕州市: census districts and building marking, as of/)
    expect(await report.bulletin()).toMatch(/^As of /)
    expect(session.consoleErrors).toEqual([])
  })
})
