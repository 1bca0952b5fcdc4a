/**
 * The progress report in the words of the city office: open it from the header, read the city's
 * row, pick an as-of time, copy the bulletin, export the table. Specs speak through this driver.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from './browser.ts'

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts')

export class ReportDriver {
  constructor(readonly page: Page) {}

  /** Clicks the header's tab, as a person would, and waits for the figures. */
  async openReport(): Promise<void> {
    await this.page.getByRole('tab', { name: '进度统计' }).click()
    await this.waitForFigures()
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

  /** Types a China-time moment into the as-of picker ("2026-07-27T17:00") and waits for the new figures. */
  async pickAsOf(chinaTime: string): Promise<void> {
    const before = await this.heading()
    await this.page.getByTestId('report-asof').fill(chinaTime)
    await this.page.waitForFunction((old) => document.querySelector('.report-heading')?.textContent !== old, before, { timeout: 30_000 })
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

  /** Clicks "导出 Excel" and saves what the browser downloads into test-artifacts/; returns its path and name. */
  async exportXlsx(): Promise<{ path: string; fileName: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: '导出 Excel' }).click()])
    await mkdir(ARTIFACTS, { recursive: true })
    const path = join(ARTIFACTS, 'report-export.xlsx')
    await download.saveAs(path)
    return { path, fileName: download.suggestedFilename() }
  }
}
