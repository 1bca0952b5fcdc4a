import { describe, expect, test } from 'vitest'
import { basemapFailure, checkBasemapForm, presetValues, readStoredBasemap, shownBasemap, type BasemapFormValues } from './basemap-settings.ts'

const KEY = '0123456789abcdef0123456789abcdef'
const custom = (patch: Partial<BasemapFormValues>): BasemapFormValues => ({ ...presetValues('custom'), ...patch })
const problemsOf = (values: BasemapFormValues) => {
  const result = checkBasemapForm(values)
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message.zh}`)
}

describe('presets', () => {
  test('天地图 imagery asks t0 … t7 for WMTS tiles with the key, in Web Mercator', () => {
    const result = checkBasemapForm({ ...presetValues('tiandituImagery'), key: KEY })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.basemap?.tiles).toHaveLength(8)
    expect(result.basemap?.tiles[0]).toBe(
      `https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`,
    )
    expect(result.basemap?.tiles[7]).toMatch(/^https:\/\/t7\.tianditu\.gov\.cn\/img_w\//)
    expect(result.basemap?.attribution).toContain('天地图')
    expect(result.basemap?.maxZoom).toBe(18)
  })

  test('天地图 draws its names over its map (imagery: cia, vector: cva) unless unticked', () => {
    const imagery = checkBasemapForm({ ...presetValues('tiandituImagery'), key: KEY })
    expect(imagery.ok && imagery.basemap?.labelTiles).toHaveLength(8)
    expect(imagery.ok && imagery.basemap?.labelTiles?.[2]).toBe(
      `https://t2.tianditu.gov.cn/cia_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cia&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`,
    )
    const vector = checkBasemapForm(presetValues('tiandituVector', KEY))
    expect(vector.ok && vector.basemap?.labelTiles?.[0]).toMatch(/^https:\/\/t0\.tianditu\.gov\.cn\/cva_w\/wmts\?.*LAYER=cva&.*&tk=0123/)
    const unticked = checkBasemapForm({ ...presetValues('tiandituImagery', KEY), labels: false })
    expect(unticked.ok && unticked.basemap?.labelTiles).toBeNull()
    expect(unticked.ok && unticked.basemap?.tiles).toHaveLength(8)
  })

  test('天地图 vector uses the vec layer, and switching keeps the key typed', () => {
    const vector = presetValues('tiandituVector', KEY)
    expect(vector.key).toBe(KEY)
    const result = checkBasemapForm(vector)
    expect(result.ok && result.basemap?.tiles[0]).toContain('/vec_w/wmts?')
    expect(result.ok && result.basemap?.tiles[0]).toContain('LAYER=vec&')
  })

  test('天地图 needs its key', () => {
    expect(problemsOf(presetValues('tiandituImagery'))).toEqual(['key: 请填写天地图密钥（tk）'])
    expect(problemsOf(presetValues('tiandituImagery', 'abc&x=1'))).toEqual(['key: 天地图密钥只含字母和数字'])
  })

  test('the OSM-style server preset is a valid template with its credit', () => {
    const result = checkBasemapForm(presetValues('osm'))
    expect(result).toEqual({ ok: true, basemap: { tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], attribution: '© OpenStreetMap 贡献者', maxZoom: 19, labelTiles: null } })
  })

  test('the offline map is no base map at all', () => {
    expect(checkBasemapForm(presetValues('offline'))).toEqual({ ok: true, basemap: null })
  })
})

describe('a template typed by hand', () => {
  test('is checked with the shared rule', () => {
    expect(problemsOf(custom({ url: 'https://tiles.example.cn/{z}/{x}.png' }))).toEqual([
      'url: 瓦片地址模板缺少 {y}：应包含 {z}、{x}、{y}，分别代表缩放级别、列号和行号',
    ])
    expect(problemsOf(custom({ url: 'file:///tiles/{z}/{x}/{y}.png' }))[0]).toMatch(/^url: 瓦片地址应以 http/)
  })

  test('expands {s} into one URL per subdomain, and wants subdomains only with {s}', () => {
    const result = checkBasemapForm(custom({ url: 'http://{s}.tiles.example.cn/{z}/{x}/{y}.png', subdomains: 'a，b, c', attribution: ' 示例 ', maxZoom: '17' }))
    expect(result).toEqual({
      ok: true,
      basemap: {
        tiles: ['http://a.tiles.example.cn/{z}/{x}/{y}.png', 'http://b.tiles.example.cn/{z}/{x}/{y}.png', 'http://c.tiles.example.cn/{z}/{x}/{y}.png'],
        attribution: '示例',
        maxZoom: 17,
        labelTiles: null,
      },
    })
    expect(problemsOf(custom({ url: 'http://{s}.tiles.example.cn/{z}/{x}/{y}.png' }))).toEqual(['subdomains: 地址模板含 {s}，请填写子域名，如 a, b, c'])
    expect(problemsOf(custom({ url: 'http://tiles.example.cn/{z}/{x}/{y}.png', subdomains: 'a' }))).toEqual(['subdomains: 地址模板中没有 {s}，子域名不会被使用'])
    expect(problemsOf(custom({ url: 'http://{s}.tiles.example.cn/{z}/{x}/{y}.png', subdomains: 'a/b' }))[0]).toMatch(/^subdomains: 子域名只含/)
  })

  test('takes a maximum zoom from 1 to 22', () => {
    const url = 'https://tiles.example.cn/{z}/{x}/{y}.png'
    for (const maxZoom of ['0', '23', '12.5', '', 'x']) expect(problemsOf(custom({ url, maxZoom }))).toEqual(['maxZoom: 最大缩放级别应为 1 至 22 的整数'])
  })
})

describe('which base map shows', () => {
  const server = { url: 'https://server.example.cn/{z}/{x}/{y}.png', attribution: '服务器底图' }

  test('the server default applies until the person chooses, and their offline choice wins over it', () => {
    expect(shownBasemap(null, server)).toEqual({ tiles: [server.url], attribution: '服务器底图', maxZoom: 18, labelTiles: null })
    expect(shownBasemap(null, null)).toBeNull()
    // The server's own tile folder says how deep it was cut.
    expect(shownBasemap(null, { url: '/api/basemap/{z}/{x}/{y}', attribution: '', maxZoom: 17 })?.maxZoom).toBe(17)
    expect(shownBasemap(presetValues('offline'), server)).toBeNull()
    expect(shownBasemap(presetValues('osm'), server)?.tiles).toEqual(['https://tile.openstreetmap.org/{z}/{x}/{y}.png'])
  })

  test('a stored choice is read back only when it is a whole, valid form', () => {
    const chosen = { ...presetValues('tiandituVector'), key: KEY }
    expect(readStoredBasemap(JSON.stringify(chosen))).toEqual(chosen)
    expect(readStoredBasemap(null)).toBeNull()
    expect(readStoredBasemap('{not json')).toBeNull()
    expect(readStoredBasemap(JSON.stringify({ ...chosen, preset: 'google' }))).toBeNull()
    expect(readStoredBasemap(JSON.stringify({ ...chosen, maxZoom: 18 }))).toBeNull()
    expect(readStoredBasemap(JSON.stringify({ ...chosen, key: '' }))).toBeNull()
    expect(readStoredBasemap(JSON.stringify({ ...chosen, labels: 'yes' }))).toBeNull()
  })

  test('a choice kept before names could be chosen is read back with the names on', () => {
    const { labels: _, ...kept } = { ...presetValues('tiandituImagery'), key: KEY }
    expect(readStoredBasemap(JSON.stringify(kept))).toEqual({ ...kept, labels: true })
    const unticked = { ...presetValues('tiandituImagery', KEY), labels: false }
    expect(readStoredBasemap(JSON.stringify(unticked))).toEqual(unticked)
  })
})

describe('a base map that does not load', () => {
  test('refused: the key, or the site it allows, is named; otherwise the network and the address', () => {
    expect(basemapFailure(403).zh).toBe('底图服务器拒绝了请求（HTTP 403）：请在“设置”中检查天地图密钥，或该密钥是否允许本网站的地址。普查图层不受影响。')
    expect(basemapFailure(401).en).toContain('(HTTP 401): check the Tianditu key')
    expect(basemapFailure(500).zh).toBe('底图瓦片加载失败（HTTP 500）：请检查网络和“设置”中的瓦片地址。普查图层不受影响。')
    expect(basemapFailure(null).en).toBe('The base-map tiles could not be loaded: check the network and the tile address in Settings. The census layers are not affected.')
  })
})
