/**
 * The findings panel and the overlap path in the words of township staff: open the 问题 tab, read
 * what it found, 定位 a finding, repair it, switch clipping off, read what a save clipped or why it
 * was refused. Specs speak through this driver and never touch selectors.
 */
import type { CensusDriver } from './census-driver.ts'
import type { MarkKind } from '../src/map/marks-style.ts'

export class FindingsDriver {
  constructor(readonly census: CensusDriver) {}

  private get page() {
    return this.census.page
  }

  private panel() {
    return this.page.getByTestId('findings-panel')
  }

  /** Opens the side panel's 问题 tab and waits for the check of the district in hand. */
  async openPanel(): Promise<void> {
    await this.page.getByRole('tab', { name: /^问题/ }).click()
    await this.waitForCheck()
  }

  async backToOverview(): Promise<void> {
    await this.page.getByRole('tab', { name: '概况' }).click()
  }

  /** Waits until the panel has the server's answer for what it checks now. */
  async waitForCheck(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('[data-testid="findings-panel"]')?.getAttribute('aria-busy') === 'false', undefined, {
      timeout: 30_000,
    })
  }

  /** The tab's title as it reads, e.g. "问题2" (the counts are badges beside the word). */
  async tabTitle(): Promise<string> {
    return (await this.page.getByRole('tab', { name: /^问题/ }).textContent()) ?? ''
  }

  /** The headings (错误（1）, 漏划空隙 1 …) and the messages, in the panel's order. */
  async listed(): Promise<{ headings: string[]; messages: string[] }> {
    return {
      headings: await this.panel().locator('h3, h4').allTextContents(),
      messages: await this.panel().locator('.finding-message').allTextContents(),
    }
  }

  async saysNothingFound(): Promise<boolean> {
    return this.panel().getByTestId('findings-none').getByText('未发现问题').isVisible()
  }

  private row(containing: string) {
    return this.panel().getByTestId('finding').filter({ hasText: containing })
  }

  /** Presses 定位 on the finding whose message contains the text, and waits for the map to get there. */
  async locate(containing: string): Promise<void> {
    await this.row(containing).getByRole('button', { name: '定位' }).click()
    await this.census.waitUntilMapSettles()
  }

  /** Presses a finding's repair button (填补空隙, 吸附) and waits for the check that follows it. */
  async repair(containing: string, button: '填补空隙' | '吸附'): Promise<void> {
    await this.row(containing).getByRole('button', { name: button }).click()
    await this.page.waitForFunction(() => !document.querySelector('.finding-actions button.repair:disabled'), undefined, { timeout: 30_000 })
    await this.waitForCheck()
    await this.census.waitUntilMapSettles()
  }

  /** What the panel says is marked on the map, or null. */
  async markedText(): Promise<string | null> {
    const marked = this.panel().locator('.finding-marked')
    return (await marked.count()) > 0 ? marked.textContent() : null
  }

  async clearMark(): Promise<void> {
    await this.panel().getByRole('button', { name: '取消标出' }).click()
    await this.census.waitUntilMapSettles()
  }

  /** The kinds of marks the map draws in view: a finding, a clipped part, a refused overlap. */
  async marksOnMap(): Promise<MarkKind[]> {
    return this.page.evaluate(() => window.__censusMap?.renderedMarks() ?? [])
  }

  /** Ticks or unticks the toolbar's 自动裁去重叠. */
  async setClipping(on: boolean): Promise<void> {
    await this.page.getByTestId('editor-toolbar').getByLabel('自动裁去重叠').setChecked(on)
  }

  /** What the toolbar says a save clipped. */
  async clippedNotice(): Promise<string> {
    const notice = this.page.getByTestId('clipped-notice')
    await notice.waitFor()
    return (await notice.textContent()) ?? ''
  }

  /** Presses 保存 for a save the server refuses, and returns the reason the toolbar gives. */
  async saveRefused(): Promise<string> {
    await this.census.pressToolbar('保存')
    const warning = this.page.getByTestId('editor-toolbar').getByRole('alert')
    await warning.waitFor()
    await this.census.waitUntilMapSettles()
    return (await warning.textContent()) ?? ''
  }
}
