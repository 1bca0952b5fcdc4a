/**
 * The census page in the words of its users: open the city, pick a township, click a district,
 * read the legend. Specs speak through this driver and never touch selectors or the browser API.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from './browser.ts'
import type { Position } from 'geojson'
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

  /** Zooms in on a point of the ground with the mouse wheel, as a person would, until the map is at `zoom` or closer. */
  async zoomInAt(at: Position, zoom: number): Promise<void> {
    while ((await this.zoom()) < zoom) {
      const { x, y } = await this.screenPoint(at)
      await this.page.mouse.move(x, y)
      await this.page.mouse.wheel(0, -400)
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

  /** Waits until the overview draws building dots (from vector tiles) and returns how many. */
  async waitForBuildingDots(): Promise<number> {
    await this.page.waitForFunction(() => (window.__censusMap?.renderedBuildingDots() ?? 0) > 0, undefined, { timeout: 30_000 })
    await this.waitUntilMapSettles()
    return this.page.evaluate(() => window.__censusMap?.renderedBuildingDots() ?? 0)
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
      ({ k, left, top, width, height }) => {
        const probe = window.__censusMap
        // Scan from the middle outwards, so the spot is well inside the view.
        const step = 16
        const spots: Array<{ x: number; y: number }> = []
        for (let y = step; y < height - step; y += step) for (let x = step; x < width - step; x += step) spots.push({ x, y })
        spots.sort((a, b) => Math.hypot(a.x - width / 2, a.y - height / 2) - Math.hypot(b.x - width / 2, b.y - height / 2))
        for (const { x, y } of spots) {
          // A spot under the toolbar or the legend would click the panel, not the map.
          if (!document.elementFromPoint(left + x, top + y)?.classList.contains('maplibregl-canvas')) continue
          const hit = probe?.featureAt(x, y)
          if (hit?.kind === k) return { x, y, code: hit.code }
        }
        return null
      },
      { k: kind, left: box.x, top: box.y, width: box.width, height: box.height },
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

  /** One row of what the side panel says about the selected feature, by its label. */
  async shownRow(label: string): Promise<string> {
    return (await this.page.getByTestId('feature-details').locator(`dt:text-is("${label}") + dd`).textContent()) ?? ''
  }

  /**
   * The rows of the side panel's details, by field (see feature-rows.ts): the value as shown, and
   * whether it is marked 未保存 (a value being edited that differs from the saved one).
   */
  async shownRows(): Promise<Record<string, { value: string; unsaved: boolean }>> {
    const rows = await this.page
      .getByTestId('feature-details')
      .locator('[data-field]')
      .evaluateAll((all) =>
        all.map((row) => {
          const value = row.querySelector('dd')!
          const tag = value.querySelector('.unsaved-tag')
          return [row.getAttribute('data-field')!, { value: (value.textContent ?? '').replace(tag?.textContent ?? '', '').trim(), unsaved: !!tag }] as const
        }),
      )
    return Object.fromEntries(rows)
  }

  /** Whether the details say the feature is shown as being edited, with changes not saved. */
  async shownUnsaved(): Promise<boolean> {
    return (await this.page.getByTestId('feature-unsaved').count()) > 0
  }

  /** Whether a box on the ground ([west, south, east, north]) is all on screen, inside the map. */
  async showsInMap(bounds: [number, number, number, number]): Promise<boolean> {
    return (await this.placeOnScreen(bounds)).inside
  }

  /** Whether it is, and clear of every panel drawn over the map too (the toolbar and its notice, the legend). */
  async showsClearOfPanels(bounds: [number, number, number, number]): Promise<boolean> {
    const { inside, clear } = await this.placeOnScreen(bounds)
    return inside && clear
  }

  private placeOnScreen([w, s, e, n]: [number, number, number, number]): Promise<{ inside: boolean; clear: boolean }> {
    return this.page.evaluate(
      ({ w, s, e, n }) => {
        const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect()
        const nw = window.__censusMap!.project(w, n)
        const se = window.__censusMap!.project(e, s)
        const box = { left: map.left + nw.x, top: map.top + nw.y, right: map.left + se.x, bottom: map.top + se.y }
        const panels = [...document.querySelectorAll('[data-over-map]')].map((panel) => panel.getBoundingClientRect())
        return {
          inside: box.left >= map.left && box.right <= map.right && box.top >= map.top && box.bottom <= map.bottom,
          clear: panels.every((p) => p.right <= box.left || p.left >= box.right || p.bottom <= box.top || p.top >= box.bottom),
        }
      },
      { w, s, e, n },
    )
  }

  async legendLabels(): Promise<string[]> {
    return this.page.getByTestId('legend').locator('li:visible').allTextContents()
  }

  /** Folds the legend down to its title and 显示 boxes, or opens it again, with its title. */
  async foldLegend(folded: boolean): Promise<void> {
    const title = this.page.getByTestId('legend').getByRole('button', { name: '普查区 / 普查小区状态' })
    if ((await title.getAttribute('aria-expanded')) === String(folded)) await title.click()
    await this.waitUntilMapSettles()
  }

  /** The legend's height on the page, in CSS pixels. */
  async legendHeight(): Promise<number> {
    return (await this.page.getByTestId('legend').boundingBox())?.height ?? 0
  }

  /** Shows or hides what the map draws over the base map, with the legend's checkboxes. */
  async showOverlay(name: '状态填色' | '建筑物' | '名称和编码', shown: boolean): Promise<void> {
    await this.page.getByTestId('legend').getByLabel(name).setChecked(shown)
    await this.waitUntilMapSettles()
  }

  /** Which of the legend's overlays are ticked, by name. */
  async overlaysShown(): Promise<Record<string, boolean>> {
    const boxes = this.page.getByTestId('legend').getByRole('checkbox')
    const shown: Record<string, boolean> = {}
    for (const box of await boxes.all()) shown[(await box.locator('..').textContent()) ?? ''] = await box.isChecked()
    return shown
  }

  /** How many names and codes of areas the map has drawn in the current view. */
  async visibleLabelCount(): Promise<number> {
    return this.page.evaluate(() => window.__censusMap?.renderedLabels() ?? 0)
  }

  /** What the map's scale bar reads, and the title of its zoom-in button. */
  async mapControls(): Promise<{ scale: string; zoomIn: string }> {
    return {
      scale: (await this.page.locator('.maplibregl-ctrl-scale').textContent()) ?? '',
      zoomIn: (await this.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')) ?? '',
    }
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('.language-toggle').click()
  }

  // ---- the editor ----

  /** Types a name into the header's 署名 field: every saved change is recorded under it. */
  async signAs(name: string): Promise<void> {
    await this.page.getByLabel('署名').fill(name)
  }

  /** Where a point on the ground is on the screen, for clicks with the real mouse. */
  async screenPoint([lng, lat]: Position, offset = { x: 0, y: 0 }): Promise<{ x: number; y: number }> {
    const box = await this.page.getByTestId('map').boundingBox()
    const at = await this.page.evaluate(([x, y]) => window.__censusMap!.project(x!, y!), [lng, lat])
    if (!box) throw new Error('the map is not on the page')
    return { x: box.x + at.x + offset.x, y: box.y + at.y + offset.y }
  }

  /** Clicks the map at a point on the ground, `offset` pixels away (to show that vertices snap). */
  async clickGround(at: Position, offset = { x: 0, y: 0 }): Promise<void> {
    const { x, y } = await this.screenPoint(at, offset)
    await this.page.mouse.click(x, y)
  }

  /** Clicks inside a district (at `inside`) to make it the one the editor works in. */
  async chooseDistrict(code: string, inside: Position): Promise<void> {
    await this.clickGround(inside)
    await this.page.getByTestId('editor-toolbar').getByText(code).waitFor()
  }

  private toolbar() {
    return this.page.getByTestId('editor-toolbar')
  }

  async pressToolbar(label: string): Promise<void> {
    await this.toolbar().getByRole('button', { name: label }).click()
  }

  /**
   * Draws a small area (ordinary, or virtual when chosen so in the toolbar) by clicking its vertices,
   * each `offset` pixels off the given point, then closes it on its first vertex. Returns the code
   * the toolbar promised it.
   */
  async drawSmallArea(vertices: Position[], offset = { x: 0, y: 0 }, kind: '普通' | '虚拟（900起）' = '普通'): Promise<string> {
    await this.pressToolbar('画普查小区')
    await this.waitUntilMapSettles()
    await this.toolbar().getByLabel(kind).check()
    const nextCode = (await this.page.getByTestId('next-code').textContent()) ?? ''
    await this.clickPolygon(vertices, offset)
    await this.page.getByTestId('next-code').waitFor({ state: 'detached' })
    return nextCode
  }

  /** Clicks a polygon's vertices, each `offset` pixels off the given point, then closes it on its first vertex. */
  private async clickPolygon(vertices: Position[], offset: { x: number; y: number }): Promise<void> {
    for (const vertex of vertices) {
      const { x, y } = await this.screenPoint(vertex, offset)
      await this.page.mouse.move(x, y, { steps: 4 })
      await this.page.mouse.click(x, y)
    }
    // Its first vertex has snapped onto the target, so close it there.
    const first = await this.screenPoint(vertices[0]!)
    await this.page.mouse.move(first.x, first.y, { steps: 4 })
    await this.page.mouse.click(first.x, first.y)
  }

  /** Picks a district that has no boundary yet from the township's list of them (概况). */
  async chooseUndrawnDistrict(code: string): Promise<void> {
    await this.page.getByTestId('district-overview').getByRole('button', { name: new RegExp(code) }).click()
    await this.toolbar().getByText(code).waitFor()
  }

  /** Presses 定位 beside the district in hand and waits until the map has moved. */
  async locateDistrict(): Promise<void> {
    await this.pressToolbar('定位')
    await this.waitUntilMapSettles()
  }

  /** What the notice under the toolbar says, or null when there is none. */
  async noticeText(): Promise<string | null> {
    const notice = this.page.getByTestId('notice')
    return (await notice.count()) > 0 ? ((await notice.locator('span').first().textContent()) ?? '') : null
  }

  /** Presses a button of the notice: what it offers to do, or 知道了. */
  async pressInNotice(label: string): Promise<void> {
    await this.page.getByTestId('notice').getByRole('button', { name: label }).click()
    await this.waitUntilMapSettles()
  }

  /** Whether a tool's button in the toolbar is pressed (the tool is in hand). */
  async toolInHand(label: string): Promise<boolean> {
    return (await this.toolbar().getByRole('button', { name: label }).getAttribute('aria-pressed')) === 'true'
  }

  /** Draws the boundary of the district in hand like a small area: vertices `offset` pixels off, closed on the first. */
  async drawDistrict(vertices: Position[], offset = { x: 0, y: 0 }): Promise<void> {
    await this.pressToolbar('画普查区边界')
    await this.waitUntilMapSettles()
    await this.clickPolygon(vertices, offset)
    await this.toolbar().getByRole('button', { name: '画普查区边界' }).waitFor({ state: 'detached' })
    await this.waitUntilMapSettles()
  }

  /** Presses 删除普查区边界 and confirms; the removal waits to be saved like any change. */
  async removeDistrictBoundary(): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept())
    await this.pressToolbar('删除普查区边界')
    await this.toolbar().getByRole('button', { name: '画普查区边界' }).waitFor()
  }

  /** The editor's own word on its state: 已保存, or how many changes are unsaved. */
  async saveState(): Promise<string> {
    return (await this.page.getByTestId('save-state').textContent()) ?? ''
  }

  async save(): Promise<void> {
    await this.pressToolbar('保存')
    await this.page.getByTestId('save-state').getByText('已保存').waitFor()
    await this.waitUntilMapSettles()
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+z')
    await this.waitUntilMapSettles()
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+z')
    await this.waitUntilMapSettles()
  }

  /** Drags a map point (a vertex or a building) to another point on the ground, with the real mouse. */
  async drag(from: Position, to: Position): Promise<void> {
    const a = await this.screenPoint(from)
    const b = await this.screenPoint(to)
    await this.page.mouse.move(a.x, a.y, { steps: 3 })
    await this.page.mouse.down()
    await this.page.mouse.move(b.x, b.y, { steps: 12 })
    await this.page.mouse.up()
    await this.waitUntilMapSettles()
  }

  /** What the toolbar says about the border the last vertex edit touched, if it is shared with a neighbour. */
  async sharedEdgeWarning(): Promise<string | null> {
    const warning = this.toolbar().getByTestId('shared-edge')
    return (await warning.count()) > 0 ? warning.textContent() : null
  }

  /** Answers that warning: move the neighbour's side too, or this small area only. */
  async moveSharedEdge(choice: '一起移动' | '只移动本小区'): Promise<void> {
    await this.toolbar().getByTestId('shared-edge').getByRole('button', { name: choice }).click()
    await this.waitUntilMapSettles()
  }

  /**
   * Clicks the map to place a building, presses 描绘轮廓 and clicks the corners of its outline
   * (closing it on the first); returns what the form then says of the outline.
   */
  async placeBuildingWithFootprint(at: Position, corners: Position[]): Promise<string> {
    await this.clickGround(at)
    return this.traceFootprint(corners)
  }

  /**
   * Presses 描绘轮廓 (or 重新描绘) in the open building form and clicks the corners of the outline,
   * closing it on the first; returns what the form then says of the outline.
   */
  async traceFootprint(corners: Position[]): Promise<string> {
    const field = this.page.getByTestId('building-form').getByTestId('footprint-field')
    await field.getByRole('button', { name: /^(描绘轮廓|重新描绘)$/ }).click()
    await this.clickPolygon(corners, { x: 0, y: 0 })
    await field.getByText('已描绘轮廓').waitFor()
    await this.waitUntilMapSettles()
    return (await field.textContent()) ?? ''
  }

  /** Whether the map marks where the building being placed will stand (its hollow ring), once the map has drawn. */
  async pendingBuildingShown(): Promise<boolean> {
    await this.waitUntilMapSettles()
    return this.page.evaluate(() => window.__censusMap?.placingDrawn() ?? false)
  }

  /** Clicks a saved building in the tagging tool and waits for its form; returns the form's heading. */
  async openBuilding(at: Position): Promise<string> {
    await this.clickGround(at)
    const heading = this.page.getByTestId('building-form').getByRole('heading', { name: /修改建筑物/ })
    await heading.waitFor()
    await this.waitUntilMapSettles()
    return (await heading.textContent()) ?? ''
  }

  /** Types into the open building form's fields. */
  async fillBuildingForm(fields: Partial<Record<'floors' | 'households' | 'address' | 'note', string>>): Promise<void> {
    const form = this.page.getByTestId('building-form')
    for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value)
  }

  /** Presses 保存修改 in the form of a saved building and waits until the change is saved. */
  async saveBuildingEdit(): Promise<void> {
    const form = this.page.getByTestId('building-form')
    await form.getByRole('button', { name: '保存修改' }).click()
    await form.waitFor({ state: 'detached' })
    await this.page.getByTestId('save-state').getByText('已保存').waitFor()
    await this.waitUntilMapSettles()
  }

  /** Presses 取消 in the open building form. */
  async cancelBuildingForm(): Promise<void> {
    const form = this.page.getByTestId('building-form')
    await form.getByRole('button', { name: '取消' }).click()
    await form.waitFor({ state: 'detached' })
  }

  /** The household count the building list shows for a building. */
  async listedHouseholds(code: string): Promise<string> {
    return (await this.page.getByTestId('building-list').locator('li').filter({ hasText: code }).locator('.count').textContent()) ?? ''
  }

  /** Presses 保存建筑物 in the open building form and waits until it is saved. */
  async saveBuildingForm(): Promise<void> {
    const form = this.page.getByTestId('building-form')
    await form.getByRole('button', { name: '保存建筑物' }).click()
    await form.waitFor({ state: 'detached' })
    await this.page.getByTestId('save-state').getByText('已保存').waitFor()
  }

  /** Clicks the map to place a building and fills in what differs from the values kept from the last one. */
  async tagBuilding(at: Position, fields: Partial<Record<'floors' | 'households' | 'address' | 'note', string>> = {}): Promise<void> {
    await this.clickGround(at)
    const form = this.page.getByTestId('building-form')
    await form.waitFor()
    await this.fillBuildingForm(fields)
    const before = await this.buildingListCount()
    await form.getByRole('button', { name: '保存建筑物' }).click()
    await form.waitFor({ state: 'detached' })
    await this.page.waitForFunction(
      (n) => (document.querySelectorAll('[data-testid="building-list"] li').length ?? 0) > n,
      before,
      { timeout: 10_000 },
    )
  }

  /** The values the building form opens with. */
  async buildingFormValues(): Promise<Record<string, string>> {
    const form = this.page.getByTestId('building-form')
    const values: Record<string, string> = {}
    for (const name of ['use', 'floors', 'households', 'address', 'note']) values[name] = await form.locator(`[name="${name}"]`).inputValue()
    return values
  }

  async buildingListCount(): Promise<number> {
    return this.page.getByTestId('building-list').locator('li').count()
  }

  async searchBuildings(query: string): Promise<string[]> {
    await this.page.getByTestId('building-list').getByRole('searchbox').fill(query)
    return this.page.getByTestId('building-list').locator('li .code').allTextContents()
  }

  /**
   * Takes 分割 and draws the cutting line by clicking its points, then Enter finishes it; returns
   * what the page says once the server has answered.
   */
  async splitAlong(points: Position[]): Promise<string> {
    const before = await this.currentNotice()
    await this.pressToolbar('分割')
    await this.waitUntilMapSettles()
    for (const point of points) {
      const { x, y } = await this.screenPoint(point)
      await this.page.mouse.move(x, y, { steps: 4 })
      await this.page.mouse.click(x, y)
    }
    await this.page.keyboard.press('Enter')
    return this.nextNotice(before)
  }

  /** Takes 合并 with a small area selected, clicks the neighbour at `inside`, and confirms. */
  async mergeWithNeighbourAt(inside: Position): Promise<string> {
    const before = await this.currentNotice()
    await this.pressToolbar('合并')
    this.page.once('dialog', (dialog) => void dialog.accept())
    await this.clickGround(inside)
    return this.nextNotice(before)
  }

  private currentNotice(): Promise<string | null> {
    return this.page.evaluate(() => document.querySelector('.notice')?.textContent ?? null)
  }

  /** The page's notice banner once it says something other than `before`; read, then dismissed, as a person would. */
  private async nextNotice(before: string | null): Promise<string> {
    await this.page.waitForFunction((old) => {
      const now = document.querySelector('.notice')?.textContent ?? null
      return now !== null && now !== old
    }, before, { timeout: 30_000 })
    await this.waitUntilMapSettles()
    const said = (await this.currentNotice()) ?? ''
    await this.page.locator('.notice').getByRole('button', { name: '知道了' }).click()
    return said
  }

  /** The messages of the side panel's 问题 tab, once its check has finished. */
  async findingMessages(): Promise<string[]> {
    await this.page.getByRole('tab', { name: /问题/ }).click()
    const panel = this.page.getByTestId('findings-panel')
    await this.page.waitForFunction(() => document.querySelector('[data-testid="findings-panel"]')?.getAttribute('aria-busy') === 'false', undefined, {
      timeout: 30_000,
    })
    return panel.locator('.finding-message').allTextContents()
  }

  /** The dialog a stale save opens, as a person reads it. */
  async staleDialogText(): Promise<string> {
    const dialog = this.page.getByTestId('stale-dialog')
    await dialog.waitFor()
    return (await dialog.textContent()) ?? ''
  }

  async chooseInStaleDialog(choice: '保留我的并保存' | '采用对方的'): Promise<void> {
    await this.page.getByTestId('stale-dialog').getByRole('button', { name: choice }).click()
    await this.page.getByTestId('stale-dialog').waitFor({ state: 'detached' })
  }

  /** Saves a screenshot of the whole page to test-artifacts/<name>.png, for people to look at. */
  async screenshot(name: string): Promise<string> {
    await mkdir(ARTIFACTS, { recursive: true })
    const path = join(ARTIFACTS, `${name}.png`)
    await this.page.screenshot({ path })
    return path
  }
}
