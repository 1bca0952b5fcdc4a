/**
 * The base map a person picks in 设置: the offline map (nothing under the census layers, works
 * without the internet), 天地图 imagery or vector tiles with their key (and, unless unticked, 天地图's
 * place and road names over them), an OSM-style tile server, or any XYZ template. What they type is
 * kept as typed and checked here, with the shared template rule the server applies to BASEMAP_URL;
 * the check's result is what the map is given.
 */
import { tileTemplateProblem, type Basemap, type Bilingual, type FieldProblem } from '@census/shared'

export const basemapPresets = ['offline', 'tiandituImagery', 'tiandituVector', 'osm', 'custom'] as const
export type BasemapPreset = (typeof basemapPresets)[number]

/** The settings form; numbers stay text until checked, so a half-typed field is not lost. */
export interface BasemapFormValues {
  preset: BasemapPreset
  /** The tile URL template (ignored for 天地图, whose template is fixed). */
  url: string
  /** Replaces `{s}` in the template, one tile server each: "a, b, c". */
  subdomains: string
  attribution: string
  maxZoom: string
  /** 天地图's key (tk), which every tile request carries. */
  key: string
  /** 天地图's names (注记) drawn over its map: its imagery and vector tiles carry none themselves. */
  labels: boolean
}

/** A raster base map as the map draws it: one URL per subdomain, its credit line, its deepest zoom. */
export interface RasterBasemap {
  tiles: string[]
  attribution: string
  maxZoom: number
  /** Tiles of names to draw over the census areas' colours (天地图's 注记), one URL per subdomain; null for none. */
  labelTiles: string[] | null
}

/** Tile servers stop somewhere; beyond it maplibre enlarges the deepest tiles instead of asking for more. */
const DEFAULT_MAX_ZOOM = 18
const MAX_ZOOM_LIMIT = 22

/** 天地图's Web Mercator WMTS, asked for tile by tile; servers t0 … t7 share the load. */
function tiandituTemplate(layer: 'img' | 'vec' | 'cia' | 'cva'): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}'
  )
}

/** Each of 天地图's maps, and the layer of names made for it (imagery: cia, vector: cva). */
const TIANDITU = {
  tiandituImagery: { map: tiandituTemplate('img'), labels: tiandituTemplate('cia') },
  tiandituVector: { map: tiandituTemplate('vec'), labels: tiandituTemplate('cva') },
} as const
const TIANDITU_SUBDOMAINS = '0, 1, 2, 3, 4, 5, 6, 7'
const TIANDITU_ATTRIBUTION = '© 天地图 国家地理信息公共服务平台'

export function isTianditu(preset: BasemapPreset): preset is keyof typeof TIANDITU {
  return preset in TIANDITU
}

/** The form as a preset fills it in; the key typed for 天地图 is kept when switching between its two maps. Names are on. */
export function presetValues(preset: BasemapPreset, key = ''): BasemapFormValues {
  switch (preset) {
    case 'offline':
      return { preset, url: '', subdomains: '', attribution: '', maxZoom: String(DEFAULT_MAX_ZOOM), key: '', labels: true }
    case 'tiandituImagery':
    case 'tiandituVector':
      return { preset, url: TIANDITU[preset].map, subdomains: TIANDITU_SUBDOMAINS, attribution: TIANDITU_ATTRIBUTION, maxZoom: '18', key, labels: true }
    case 'osm':
      // The layout of openstreetmap.org's tiles, which most self-hosted tile servers copy.
      return { preset, url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: '', attribution: '© OpenStreetMap 贡献者', maxZoom: '19', key: '', labels: true }
    case 'custom':
      return { preset, url: '', subdomains: '', attribution: '', maxZoom: String(DEFAULT_MAX_ZOOM), key: '', labels: true }
    default: {
      const never: never = preset
      throw new Error(`unknown base-map preset ${String(never)}`)
    }
  }
}

export type BasemapFormResult = { ok: true; basemap: RasterBasemap | null } | { ok: false; problems: FieldProblem[] }

const problem = (path: keyof BasemapFormValues, message: Bilingual): FieldProblem => ({ path, message })

function subdomainsOf(text: string): string[] {
  return text.split(/[\s,，、]+/).filter((s) => s !== '')
}

/** The base map the form describes (null: the offline map), or what is wrong with it, by field. */
export function checkBasemapForm(values: BasemapFormValues): BasemapFormResult {
  if (values.preset === 'offline') return { ok: true, basemap: null }
  const problems: FieldProblem[] = []
  const tianditu = isTianditu(values.preset)
  const key = values.key.trim()
  if (tianditu && !/^[0-9A-Za-z]+$/.test(key)) {
    problems.push(
      problem('key', key ? { zh: '天地图密钥只含字母和数字', en: 'A Tianditu key has letters and digits only' } : { zh: '请填写天地图密钥（tk）', en: 'Enter your Tianditu key (tk)' }),
    )
  }
  const tiandituMap = tianditu ? TIANDITU[values.preset as keyof typeof TIANDITU] : null
  const template = tiandituMap ? `${tiandituMap.map}&tk=${key}` : values.url.trim()
  const urlProblem = tianditu ? null : tileTemplateProblem(template)
  if (urlProblem) problems.push(problem('url', urlProblem))

  const subdomains = subdomainsOf(values.subdomains)
  const wantsSubdomains = template.includes('{s}')
  if (subdomains.some((s) => !/^[0-9A-Za-z-]+$/.test(s))) {
    problems.push(problem('subdomains', { zh: '子域名只含字母、数字和连字符，用逗号分隔', en: 'Subdomains have letters, digits and hyphens only, separated by commas' }))
  } else if (wantsSubdomains && subdomains.length === 0) {
    problems.push(problem('subdomains', { zh: '地址模板含 {s}，请填写子域名，如 a, b, c', en: 'The template contains {s}: list its subdomains, e.g. a, b, c' }))
  } else if (!wantsSubdomains && subdomains.length > 0 && !urlProblem) {
    problems.push(problem('subdomains', { zh: '地址模板中没有 {s}，子域名不会被使用', en: 'The template has no {s}, so subdomains would not be used' }))
  }

  const maxZoom = Number(values.maxZoom)
  if (values.maxZoom.trim() === '' || !Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > MAX_ZOOM_LIMIT) {
    problems.push(problem('maxZoom', { zh: `最大缩放级别应为 1 至 ${MAX_ZOOM_LIMIT} 的整数`, en: `The maximum zoom must be a whole number from 1 to ${MAX_ZOOM_LIMIT}` }))
  }
  if (problems.length > 0) return { ok: false, problems }
  const perServer = (url: string) => (wantsSubdomains ? subdomains.map((s) => url.replaceAll('{s}', s)) : [url])
  const labelTiles = tiandituMap && values.labels ? perServer(`${tiandituMap.labels}&tk=${key}`) : null
  return { ok: true, basemap: { tiles: perServer(template), attribution: values.attribution.trim(), maxZoom, labelTiles } }
}

/**
 * What to tell a person whose base map does not load, by the tile server's answer: refused (a
 * 天地图 key that is wrong, or not allowed for this site, the usual case), or no answer or another one.
 */
export function basemapFailure(status: number | null): Bilingual {
  if (status === 401 || status === 403) {
    return {
      zh: `底图服务器拒绝了请求（HTTP ${status}）：请在“设置”中检查天地图密钥，或该密钥是否允许本网站的地址。普查图层不受影响。`,
      en: `The base-map server refused the tiles (HTTP ${status}): check the Tianditu key in Settings, or whether it allows this site's address. The census layers are not affected.`,
    }
  }
  return {
    zh: `底图瓦片加载失败${status ? `（HTTP ${status}）` : ''}：请检查网络和“设置”中的瓦片地址。普查图层不受影响。`,
    en: `The base-map tiles could not be loaded${status ? ` (HTTP ${status})` : ''}: check the network and the tile address in Settings. The census layers are not affected.`,
  }
}

/** The server's base map (BASEMAP_URL), for those who chose nothing themselves. */
export function configuredBasemap(basemap: Basemap): RasterBasemap {
  return { tiles: [basemap.url], attribution: basemap.attribution, maxZoom: basemap.maxZoom ?? DEFAULT_MAX_ZOOM, labelTiles: null }
}

/** What the map shows: the person's choice when they made one (even the offline map), else the server's. */
export function shownBasemap(chosen: BasemapFormValues | null, configured: Basemap | null): RasterBasemap | null {
  if (chosen) {
    const checked = checkBasemapForm(chosen)
    if (checked.ok) return checked.basemap
  }
  return configured ? configuredBasemap(configured) : null
}

/**
 * Reads a choice kept in the browser; anything that is not a whole, valid form (an older page's
 * format, a hand edit) counts as no choice, so the server's default applies again.
 */
export function readStoredBasemap(text: string | null): BasemapFormValues | null {
  if (!text) return null
  let stored: unknown
  try {
    stored = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof stored !== 'object' || stored === null) return null
  const record = stored as Record<string, unknown>
  if (!basemapPresets.includes(record['preset'] as BasemapPreset)) return null
  const fields = ['url', 'subdomains', 'attribution', 'maxZoom', 'key'] as const
  if (fields.some((f) => typeof record[f] !== 'string')) return null
  // Kept before names could be chosen: they were not drawn then, and are now by default.
  const labels = record['labels'] ?? true
  if (typeof labels !== 'boolean') return null
  const values = { ...Object.fromEntries(['preset', ...fields].map((f) => [f, record[f]])), labels } as unknown as BasemapFormValues
  return checkBasemapForm(values).ok ? values : null
}
