/**
 * Raster base maps given as XYZ URL templates (`https://host/{z}/{x}/{y}.png`). The one check of a
 * template: the server applies it to BASEMAP_URL at start and the page to what a person types in
 * its settings, so both refuse the same templates with the same words.
 */
import type { Bilingual } from './errors.ts'

/** Where a tile's zoom, column and row go; maplibre fills them in for every tile it asks for. */
const PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const

/** What is wrong with a tile URL template, or null when maplibre can ask for tiles with it. */
export function tileTemplateProblem(template: string): Bilingual | null {
  const url = template.trim()
  if (url === '') return { zh: '请填写瓦片地址模板', en: 'Enter a tile URL template' }
  if (!/^https?:\/\/[^\s/?#]+/i.test(url)) {
    return { zh: '瓦片地址应以 http:// 或 https:// 开头，后接服务器地址', en: 'The tile URL must start with http:// or https:// and a server name' }
  }
  if (/\s/.test(url)) return { zh: '瓦片地址不能包含空格', en: 'The tile URL must not contain spaces' }
  const missing = PLACEHOLDERS.filter((p) => !url.includes(p))
  if (missing.length > 0) {
    return {
      zh: `瓦片地址模板缺少 ${missing.join('、')}：应包含 {z}、{x}、{y}，分别代表缩放级别、列号和行号`,
      en: `The tile URL template lacks ${missing.join(', ')}: it must contain {z}, {x} and {y} (zoom, column, row)`,
    }
  }
  return null
}
