/** The 设置 dialog in the words of its users: choose a base map, fill in its fields, apply it. */
import type { Page } from './browser.ts'

export type BasemapField = '瓦片地址模板' | '子域名' | '版权说明' | '最大缩放级别' | '天地图密钥（tk）'

export class SettingsDriver {
  constructor(readonly page: Page) {}

  private dialog() {
    return this.page.getByTestId('settings-dialog')
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '设置' }).click()
    await this.dialog().waitFor()
  }

  async chooseBasemap(name: '离线底图（默认）' | '天地图影像' | '天地图矢量' | 'OSM 样式瓦片服务' | '自定义 XYZ 瓦片'): Promise<void> {
    await this.dialog().getByRole('radio', { name }).check()
  }

  async fill(field: BasemapField, value: string): Promise<void> {
    await this.dialog().getByLabel(field).fill(value)
  }

  /** Whether 天地图's names (注记) are ticked to be drawn over its map. */
  async namesShown(): Promise<boolean> {
    return this.dialog().getByLabel('叠加注记（地名、道路名）').isChecked()
  }

  async showNames(shown: boolean): Promise<void> {
    await this.dialog().getByLabel('叠加注记（地名、道路名）').setChecked(shown)
  }

  /** Presses 应用: true when the dialog closed, false when it stayed open with problems. */
  async apply(): Promise<boolean> {
    await this.dialog().getByRole('button', { name: '应用' }).click()
    return (await this.dialog().count()) === 0
  }

  /** The problems the dialog shows beside its fields. */
  async problems(): Promise<string[]> {
    return this.dialog().locator('.problem').allTextContents()
  }

  async useDefault(): Promise<void> {
    await this.dialog().getByRole('button', { name: '恢复默认' }).click()
    await this.dialog().waitFor({ state: 'detached' })
  }

  /** The credit lines maplibre shows on the map for its sources ('' when it shows none). */
  async attribution(): Promise<string> {
    // With no credit left, maplibre hides the control and leaves the old text in it.
    const shown = this.page.locator('.maplibregl-ctrl-attrib:not(.maplibregl-attrib-empty) .maplibregl-ctrl-attrib-inner')
    return (await shown.count()) > 0 ? ((await shown.textContent()) ?? '') : ''
  }
}
