/**
 * The progress report in the words of the city office: open it from the header, read the city's
 * row, pick an as-of time, copy the bulletin, export the table. Specs speak through this driver.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { ReportResponse } from '@census/shared'
import type { Page } from './browser.ts'

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts')

export class ReportDriver {
  constructor(readonly page: Page) {}

  /** Clicks the header's tab, as a person would, and waits for the figures; returns the report the page read. */
  async openReport(): Promise<ReportResponse> {
    const read = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/report')
    await this.page.getByRole('tab', { name: '进度统计' }).click()
    const response = await read
    await this.waitForFigures()
    return (await response.json()) as ReportResponse
  }

  async waitForFigures(): Promise<void> {
    await this.page.getByTestId('report-table').waitFor({ timeout: 30_000 })
  }

  async heading(): Promise<string> {
    return (await this.page.locator('.report-heading').textContent()) ?? ''
  }

  /** The city row's cells as the page shows them, without thousands separators. */
  async cityRow(): Promise<string[]> {
    const cells = await this.page.getByTestId('city-row').locator('th, td').allTextContents()
    return cells.map((c) => c.replace(/,/g, '').trim())
  }

  async townshipNames(): Promise<string[]> {
    return this.page.getByTestId('report-table').locator('tbody tr[data-code] th').allTextContents()
  }

  /**
   * Picks a China day ("2026-07-27") and a whole hour as the moment of the figures, and waits for
   * them. The day goes into the date input behind the day's button: its calendar is the browser's
   * own, out of the page's reach.
   */
  async pickAsOf(day: string, hour: number): Promise<void> {
    await this.page.getByTestId('report-asof-day').fill(day)
    await this.page.getByTestId('report-asof-hour').selectOption(String(hour))
    const [, month, date] = day.split('-').map(Number)
    const heading = `截止${day.slice(0, 4)}年${month}月${date}日${hour}时）`
    await this.page.waitForFunction((h) => document.querySelector('.report-heading')?.textContent?.endsWith(h), heading, { timeout: 30_000 })
    await this.page.getByTestId('report-table').waitFor()
  }

  /** The as-of picker as it reads: the day's button and the hour chosen ("2026年7月27日", "17时"). */
  async asOfShown(): Promise<{ day: string; hour: string }> {
    const hour = this.page.getByTestId('report-asof-hour')
    return {
      day: (await this.page.locator('.report-asof .day-picker-button').textContent()) ?? '',
      hour: await hour.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ''),
    }
  }

  /** Clicks 刷新 and returns when the open findings have been asked for again and have answered. */
  async refresh(): Promise<void> {
    const asked = this.page.waitForResponse((r) => r.url().includes('/api/topology/summary'), { timeout: 120_000 })
    await this.page.getByTestId('report-refresh').click()
    await asked
    await this.page.getByTestId('findings-checked').filter({ hasText: /^拓扑检查于 \d\d:\d\d$/ }).waitFor({ timeout: 30_000 })
  }

  /**
   * Lets the page's clock run `minutes` ahead at once (the test installed it before the page
   * loaded), and returns when the open findings have been asked for again and have answered, with
   * what the toolbar then says of when they were checked.
   */
  async letTimePass(minutes: number, before: string): Promise<string> {
    const asked = this.page.waitForResponse((r) => r.url().includes('/api/topology/summary'), { timeout: 120_000 })
    await this.page.clock.fastForward(minutes * 60_000)
    await asked
    const checked = this.page.getByTestId('findings-checked').filter({ hasText: /^拓扑检查于 \d\d:\d\d$/ }).filter({ hasNotText: before })
    await checked.waitFor({ timeout: 30_000 })
    return (await checked.textContent()) ?? ''
  }

  /** When the open findings were last checked, as the toolbar says it. */
  async findingsChecked(): Promise<string> {
    return (await this.page.getByTestId('findings-checked').textContent()) ?? ''
  }

  /** Scrolls the chart into view and waits until ECharts has drawn it. */
  async showChart(): Promise<void> {
    const chart = this.page.getByTestId('report-chart')
    await chart.scrollIntoViewIfNeeded()
    await chart.locator('canvas').waitFor({ timeout: 30_000 })
  }

  /** How many townships the report's small map colours. */
  async choroplethShapes(): Promise<number> {
    return this.page.getByTestId('report-choropleth').locator('path').count()
  }

  async atRiskNote(): Promise<string> {
    return (await this.page.getByTestId('at-risk').textContent()) ?? ''
  }

  async bulletin(): Promise<string> {
    return (await this.page.getByTestId('bulletin').textContent()) ?? ''
  }

  /** Presses "复制" and returns what the clipboard then holds. */
  async copyBulletin(): Promise<string> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await this.page.getByRole('button', { name: '复制' }).click()
    await this.page.getByRole('button', { name: '已复制' }).waitFor()
    return this.page.evaluate(() => navigator.clipboard.readText())
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByTestId('report-table').locator('thead th', { hasText: column }).click()
  }

  /** A township's row as shown: its cells' text and tooltips, in order (name first). */
  async townshipRow(code: string): Promise<{ cells: string[]; titles: (string | null)[]; atRisk: boolean }> {
    const row = this.page.getByTestId('report-table').locator(`tbody tr[data-code="${code}"]`)
    const cells = row.locator('th, td')
    return {
      cells: (await cells.allTextContents()).map((c) => c.replace(/,/g, '').trim()),
      titles: await cells.evaluateAll((all) => all.map((c) => c.getAttribute('title'))),
      atRisk: (await row.getAttribute('class'))?.includes('at-risk') ?? false,
    }
  }

  /** Codes of the rows highlighted as at risk of missing the deadline. */
  async atRiskRows(): Promise<string[]> {
    return this.page.getByTestId('report-table').locator('tbody tr.at-risk').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''))
  }

  /** Waits until the errors and warnings columns are filled in (the topology check answers separately). */
  async waitForFindings(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelectorAll('.report-table td.finding-unknown').length === 0, null, { timeout: 120_000 })
  }

  /** The estimate's tooltip: when it was entered. */
  async estimateTooltip(code: string): Promise<string> {
    return (await this.page.getByTestId(`estimate-${code}`).getAttribute('title')) ?? ''
  }

  /** Clicks a township's expected buildings, types a new count and presses Enter; waits until the table shows it. */
  async editEstimate(code: string, value: number): Promise<void> {
    await this.page.getByTestId(`estimate-${code}`).click()
    const input = this.page.getByTestId('report-table').locator(`tr[data-code="${code}"] td.editing input`)
    await input.fill(String(value))
    await input.press('Enter')
    await this.page.getByTestId(`estimate-${code}`).filter({ hasText: value.toLocaleString('zh-CN') }).waitFor({ timeout: 30_000 })
  }

  /** Clicks the chart button of a township's row. */
  async chartFromRow(code: string): Promise<void> {
    await this.page.getByTestId('report-table').locator(`tr[data-code="${code}"] .chart-button`).click()
    await this.page.locator(`[data-testid="report-chart"][data-line="${code}"] canvas`).waitFor({ timeout: 30_000 })
  }

  /** Points at the chart, 40 % of the way along, and returns what its tooltip says. */
  async chartTooltip(): Promise<string> {
    const chart = this.page.getByTestId('report-chart')
    const box = (await chart.boundingBox())!
    await this.page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5)
    await this.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="report-chart"]')?.innerText.trim(), null, { timeout: 10_000 })
    return (await chart.innerText()).trim()
  }

  /** Which township the chart shows ('city' for the whole city) and the forecast sentence under it. */
  async chart(): Promise<{ line: string; chosen: string; forecast: string }> {
    return {
      line: (await this.page.getByTestId('report-chart').getAttribute('data-line')) ?? '',
      chosen: await this.page.getByTestId('chart-township').inputValue(),
      forecast: (await this.page.getByTestId('chart-forecast').textContent()) ?? '',
    }
  }

  /** Picks the county's deadline on its card ("2026-12-01"), and waits until the report is read again with it. */
  async setDeadline(day: string): Promise<void> {
    await this.page.getByTestId('deadline').fill(day)
    await this.page.locator(`[data-testid="card-deadline"][data-deadline="${day}"]`).waitFor({ timeout: 30_000 })
  }

  /**
   * Presses 清除 on the deadline card and answers its question: yes (and waits until the report is
   * read again without a deadline) or no. Returns the question asked.
   */
  async clearDeadline(answer: 'yes' | 'no'): Promise<string> {
    const asked = new Promise<string>((resolve) =>
      this.page.once('dialog', (dialog) => {
        resolve(dialog.message())
        void (answer === 'yes' ? dialog.accept() : dialog.dismiss())
      }),
    )
    await this.page.getByTestId('card-deadline').getByRole('button', { name: '清除' }).click()
    const question = await asked
    if (answer === 'yes') await this.page.locator('[data-testid="card-deadline"][data-deadline=""]').waitFor({ timeout: 30_000 })
    return question
  }

  /** The deadline card as it reads: the day, then how many days are left and how many townships are at risk. */
  async deadlineCard(): Promise<{ day: string; detail: string }> {
    const card = this.page.getByTestId('card-deadline')
    return { day: ((await card.locator('.card-value').textContent()) ?? '').trim(), detail: (await card.locator('.card-detail').textContent()) ?? '' }
  }

  /** Whether the page is wider than the window (something pushes it out). */
  async overflowsSideways(): Promise<boolean> {
    return this.page.getByTestId('report').evaluate((report) => report.scrollWidth > report.clientWidth)
  }

  /** The townships listed under the chart as at risk. */
  async atRiskListed(): Promise<string[]> {
    return this.page.getByTestId('at-risk').locator('li button').allTextContents()
  }

  async columnHeaders(): Promise<string[]> {
    return (await this.page.getByTestId('report-table').locator('thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim())
  }

  /** Clicks "导出 Excel" and saves what the browser downloads into test-artifacts/; returns its path and name. */
  async exportXlsx(): Promise<{ path: string; fileName: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: '导出 Excel' }).click()])
    await mkdir(ARTIFACTS, { recursive: true })
    const path = join(ARTIFACTS, 'report-export.xlsx')
    await download.saveAs(path)
    return { path, fileName: download.suggestedFilename() }
  }
}
