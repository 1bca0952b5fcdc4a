/**
 * The census page in the words of its users: open the city, pick a township, click a district,
 * read the legend. Specs speak through this driver and never touch selectors or the browser API.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from './browser.ts'
import type { FeatureKind } from '../src/features.ts'
import { minZoom } from '../src/map/census-style.ts'
// For its `window.__censusMap` declaration: the probe the page exposes to automation.
import type {} from '../src/map/test-probe.ts'

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts')

export interface ShownFeature {
  kind: string
  title: string
  code: string
  text: string
}

export class CensusDriver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens the page and waits until the county is loaded and drawn. */
  async openCity(): Promise<void> {
    await this.page.goto(this.baseUrl)
    const outcome = await this.page.waitForFunction(
      () => {
        const failed = document.querySelector('.load-failed')
        if (failed) return `failed: ${failed.textContent ?? ''}`
        return !document.querySelector('.load-status') && window.__censusMap ? 'ready' : false
      },
      undefined,
      { timeout: 60_000 },
    )
    const result = await outcome.jsonValue()
    if (result !== 'ready') throw new Error(`The page could not load the city: ${String(result)}`)
    await this.waitUntilMapSettles()
  }

  async waitUntilMapSettles(): Promise<void> {
    await this.page.waitForFunction(() => window.__censusMap?.settled() === true, undefined, { timeout: 30_000 })
  }

  async cityName(): Promise<string> {
    return (await this.page.locator('.header-county').textContent()) ?? ''
  }

  async pickTownship(name: string): Promise<void> {
    await this.page.getByLabel('乡镇（街道）').selectOption({ label: name })
    await this.waitUntilMapSettles()
  }

  /** Presses the map's own zoom-in button, as a person would. */
  async zoomIn(steps = 1): Promise<void> {
    for (let i = 0; i < steps; i++) {
      await this.page.getByRole('button', { name: '放大' }).click()
      await this.waitUntilMapSettles()
    }
  }

  /** Zooms in with the button until the map shows buildings, and waits for them to arrive. */
  async zoomInToBuildings(): Promise<void> {
    while ((await this.zoom()) < minZoom.building) await this.zoomIn()
    await this.waitForVisible('building')
  }

  async zoom(): Promise<number> {
    return this.page.evaluate(() => window.__censusMap?.zoom() ?? Number.NaN)
  }

  /** The codes of the features of a kind the map has drawn in the current view. */
  async visibleCodes(kind: FeatureKind): Promise<string[]> {
    return this.page.evaluate((k) => window.__censusMap?.renderedCodes(k) ?? [], kind)
  }

  async visibleFeatureCount(kind: FeatureKind): Promise<number> {
    return (await this.visibleCodes(kind)).length
  }

  /** Waits until the map shows at least one feature of a kind (buildings arrive after a fetch). */
  async waitForVisible(kind: FeatureKind): Promise<void> {
    await this.page.waitForFunction((k) => (window.__censusMap?.renderedCodes(k).length ?? 0) > 0, kind, { timeout: 30_000 })
    await this.waitUntilMapSettles()
  }

  /**
   * Clicks the map, with the real mouse, on a spot where a feature of this kind is the one a click
   * selects (so not on a building or a small area inside a district). Returns its code.
   */
  async clickFeature(kind: FeatureKind): Promise<string> {
    const map = this.page.getByTestId('map')
    const box = await map.boundingBox()
    if (!box) throw new Error('the map is not on the page')
    const spot = await this.page.evaluate(
      ({ k, width, height }) => {
        const probe = window.__censusMap
        // Scan from the middle outwards, so the spot is well inside the view.
        const step = 16
        const spots: Array<{ x: number; y: number }> = []
        for (let y = step; y < height - step; y += step) for (let x = step; x < width - step; x += step) spots.push({ x, y })
        spots.sort((a, b) => Math.hypot(a.x - width / 2, a.y - height / 2) - Math.hypot(b.x - width / 2, b.y - height / 2))
        for (const { x, y } of spots) {
          const hit = probe?.featureAt(x, y)
          if (hit?.kind === k) return { x, y, code: hit.code }
        }
        return null
      },
      { k: kind, width: box.width, height: box.height },
    )
    if (!spot) throw new Error(`no ${kind} to click in the current view`)
    await this.page.mouse.click(box.x + spot.x, box.y + spot.y)
    await this.page.getByTestId('feature-details').waitFor()
    await this.waitUntilMapSettles()
    return spot.code
  }

  /** What the side panel says about the selected feature. */
  async shownFeature(): Promise<ShownFeature> {
    const panel = this.page.getByTestId('feature-details')
    return {
      kind: (await panel.locator('.feature-kind').textContent()) ?? '',
      title: (await panel.locator('.feature-title').textContent()) ?? '',
      code: (await panel.getByTestId('feature-code').textContent()) ?? '',
      text: (await panel.textContent()) ?? '',
    }
  }

  async legendLabels(): Promise<string[]> {
    return this.page.getByTestId('legend').locator('li').allTextContents()
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('.language-toggle').click()
  }

  /** Saves a screenshot of the whole page to test-artifacts/<name>.png, for people to look at. */
  async screenshot(name: string): Promise<string> {
    await mkdir(ARTIFACTS, { recursive: true })
    const path = join(ARTIFACTS, `${name}.png`)
    await this.page.screenshot({ path })
    return path
  }
}
