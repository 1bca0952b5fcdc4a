/**
 * Topology in the editor, driven with the real mouse in the production build: a save that overlaps
 * a neighbour is clipped and says what it cut off, or, with clipping off, is refused with the
 * overlap marked; the 问题 panel lists a district's gap, marks it on the map and fills it; and a
 * base map chosen in 设置 is asked for its tiles and credited on the map.
 */
import { crc32, deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { DistrictProperties, TopologyFinding } from '@census/shared'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import { labelPoint } from '../src/geo/label-point.ts'
import { FindingsDriver } from './findings-driver.ts'
import { api, useCensusSession } from './session.ts'
import { SettingsDriver } from './settings-driver.ts'
import { between, freshDistrict, openWorkplace, smallAreasOf } from './workplaces.ts'

const session = useCensusSession()

const findingsOf = async (scope: string) => (await api<{ findings: TopologyFinding[] }>(`/api/topology?scope=${scope}`)).findings

/** The browser logs the 409 of a refused save itself; nothing else may go wrong. */
const unexpectedErrors = () => session.consoleErrors.filter((e) => !e.includes('status of 409'))

/**
 * A district with small areas that no finding of its township mentions (nor any of its own): the
 * panel must have nothing to say about it. Also where to click to choose it.
 */
async function cleanDistrict(): Promise<{ code: string; township: string; inside: [number, number] }> {
  const [districts, townships] = await Promise.all([
    api<FeatureCollection<MultiPolygon | null, DistrictProperties>>('/api/districts'),
    api<FeatureCollection<MultiPolygon, { code: string; name: string }>>('/api/townships'),
  ])
  for (const township of townships.features) {
    const findings = await findingsOf(township.properties.code)
    const mentioned = new Set(findings.flatMap((f) => [f.parent ?? '', ...f.codes].map((c) => c.slice(0, 12))))
    const subdivided = new Set((await smallAreasOfTownship(township.properties.code)).map((c) => c.slice(0, 12)))
    for (const d of districts.features) {
      const { code } = d.properties
      if (!d.geometry || d.properties.townshipCode !== township.properties.code || !subdivided.has(code) || mentioned.has(code)) continue
      if ((await findingsOf(code)).length > 0) continue
      return { code, township: township.properties.name, inside: labelPoint(d.geometry) as [number, number] }
    }
  }
  throw new Error('every district of the demo city has a finding')
}

async function smallAreasOfTownship(township: string): Promise<string[]> {
  const collection = await api<FeatureCollection<MultiPolygon, { code: string }>>(`/api/small-areas?township=${township}`)
  return collection.features.map((f) => f.properties.code)
}

/** A 256 px PNG tile of the colour (RGB, or RGBA when `alpha`) each pixel is given. */
function png(alpha: boolean, pixelAt: (x: number, y: number) => number[]): Buffer {
  const size = 256
  const rows: number[] = []
  for (let y = 0; y < size; y++) {
    rows.push(0)
    for (let x = 0; x < size; x++) rows.push(...pixelAt(x, y))
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, alpha ? 6 : 2, 0, 0, 0], 8) // 8 bits a channel, RGB or RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A base-map tile, pale with a darker rim, so tiles read as a grid in the screenshots. */
const tilePng = () => png(false, (x, y) => (x === 0 || y === 0 ? [150, 190, 170] : [214, 232, 220]))

/** A tile of names: clear, but for a dark bar in its middle where a name would be. */
const namesPng = () => png(true, (x, y) => (x >= 96 && x < 160 && y >= 122 && y < 134 ? [40, 40, 40, 255] : [0, 0, 0, 0]))

describe('topology in the editor', () => {
  test('a small area drawn over its neighbour is saved clipped and says so; with clipping off it is refused, the overlap marked, nothing saved', async () => {
    const { census } = session
    const findings = new FindingsDriver(census)
    const place = await freshDistrict()
    const [a, b, c] = place.border
    await openWorkplace(census, place)
    const first = await census.drawSmallArea([a, b, place.inside])
    await census.save()

    // The second reaches from b across the first one's inner edge to a point on its other edge.
    const second = await census.drawSmallArea([b, c, between(place.inside, a, 0.5)])
    await census.save()
    expect(await findings.clippedNotice()).toMatch(new RegExp(`已裁去与“${first}”重叠的 [\\d,.]+ 平方米`))
    expect(await findings.marksOnMap()).toContain('clipped')
    await census.screenshot('overlap-clipped')
    const saved = await smallAreasOf(place.code)
    expect(saved.features.map((f) => f.properties.code).sort()).toEqual([first, second])
    expect((await findingsOf(place.code)).filter((f) => f.type === 'overlap')).toEqual([])

    // Clipping off: a small area inside the first one is refused, and the overlap is marked.
    await findings.setClipping(false)
    await census.drawSmallArea([a, between(a, b, 0.5), place.inside])
    const reason = await findings.saveRefused()
    expect(reason).toContain('未能保存')
    expect(reason).toContain(`边界与已有区域重叠或超出上级边界：${first}`)
    expect(reason).toContain('重叠部分已在地图上用红色斜线标出')
    expect(await findings.marksOnMap()).toContain('refused')
    expect(await census.saveState()).toBe('1 处修改未保存')
    await census.screenshot('overlap-refused')
    const after = await smallAreasOf(place.code)
    expect(after.features.map((f) => [f.properties.code, f.properties.version]).sort()).toEqual(
      saved.features.map((f) => [f.properties.code, f.properties.version]).sort(),
    )
    expect(unexpectedErrors()).toEqual([])
  })

  test('the 问题 panel lists the gap of a partly drawn district, 定位 marks it, and 填补空隙 fills it', async () => {
    const { census } = session
    const findings = new FindingsDriver(census)
    const place = await freshDistrict()
    const [a, b] = place.border
    await openWorkplace(census, place)
    const only = await census.drawSmallArea([a, b, place.inside])
    await census.save()

    await findings.openPanel()
    const listed = await findings.listed()
    expect(listed.headings[0]).toMatch(/^错误（\d+）$/)
    expect(listed.headings.some((h) => /^漏划空隙 \d+$/.test(h))).toBe(true)
    // The panel also lists the township's findings that touch the district (a gap where a neighbouring
    // district is not drawn yet, in some): the one inside the district is beside the small area.
    const ownGap = `“${only}”旁有`
    expect(listed.messages.filter((m) => m.includes(ownGap) && m.includes('漏划'))).toHaveLength(1)
    expect(await findings.tabTitle()).toMatch(/^问题\d+/)
    const gapsInside = async () => (await findingsOf(place.code)).filter((f) => f.type === 'gap' && f.parent === place.code)
    expect(await gapsInside()).toHaveLength(1)

    await findings.locate(ownGap)
    expect(await findings.marksOnMap()).toContain('finding')
    expect(await findings.markedText()).toContain('漏划')
    await census.screenshot('findings-gap-located')

    await findings.repair(ownGap, '填补空隙')
    expect((await findings.listed()).messages.filter((m) => m.includes(ownGap))).toEqual([])
    expect(await findings.markedText()).toBeNull()
    expect(await gapsInside()).toEqual([])
    const [filled] = (await smallAreasOf(place.code)).features
    expect(filled?.properties).toMatchObject({ code: only, version: 2, updatedBy: '张伟' })
    await census.screenshot('findings-gap-filled')
    expect(unexpectedErrors()).toEqual([])
  })

  test('a district without problems says so with a green tick', async () => {
    const { census } = session
    const findings = new FindingsDriver(census)
    const clean = await cleanDistrict()
    await census.openCity()
    await census.pickTownship(clean.township)
    await census.chooseDistrict(clean.code, clean.inside)
    await findings.openPanel()
    expect(await findings.saysNothingFound()).toBe(true)
    expect(await findings.tabTitle()).toBe('问题✓')
    await census.screenshot('findings-none')
    expect(session.consoleErrors).toEqual([])
  })

  test('a raster base map chosen in 设置 is checked, asked for its tiles, credited on the map, and kept', async () => {
    const { census } = session
    const settings = new SettingsDriver(census.page)
    const requested: string[] = []
    const tile = tilePng()
    await census.page.route(/^http:\/\/[a-z]\.tiles\.census-e2e\.test\//, (route) => {
      requested.push(route.request().url())
      return route.fulfill({ status: 200, contentType: 'image/png', body: tile })
    })
    await census.openCity()
    await census.screenshot('basemap-offline')

    await settings.open()
    await settings.chooseBasemap('天地图影像')
    expect(await settings.apply()).toBe(false)
    expect(await settings.problems()).toEqual(['请填写天地图密钥（tk）'])
    await census.screenshot('settings-tianditu-needs-key')

    await settings.chooseBasemap('自定义 XYZ 瓦片')
    await settings.fill('瓦片地址模板', 'http://{s}.tiles.census-e2e.test/{z}/{x}.png')
    await settings.fill('子域名', 'a, b')
    await settings.fill('版权说明', '测试底图 © 普查办')
    expect(await settings.apply()).toBe(false)
    expect((await settings.problems()).join()).toContain('缺少 {y}')
    await settings.fill('瓦片地址模板', 'http://{s}.tiles.census-e2e.test/{z}/{x}/{y}.png')
    await census.screenshot('settings-custom-filled')
    expect(await settings.apply()).toBe(true)
    await census.waitUntilMapSettles()

    expect(requested.length).toBeGreaterThan(0)
    for (const url of requested) expect(url).toMatch(/^http:\/\/[ab]\.tiles\.census-e2e\.test\/\d+\/\d+\/\d+\.png$/)
    expect(new Set(requested.map((u) => u[7])).size).toBe(2)
    expect(await settings.attribution()).toContain('测试底图 © 普查办')
    await census.screenshot('basemap-custom')

    // Kept in this browser: a reload asks the same server again.
    requested.length = 0
    await census.openCity()
    expect(requested.length).toBeGreaterThan(0)
    expect(await settings.attribution()).toContain('测试底图 © 普查办')

    // Back to the default, which in this installation is the offline map.
    await settings.open()
    await settings.useDefault()
    await census.waitUntilMapSettles()
    expect(await settings.attribution()).not.toContain('测试底图')
    expect(session.consoleErrors).toEqual([])
  })
  test('天地图 with a key draws its imagery and, unless unticked, its names over the census colours', async () => {
    const { census } = session
    const settings = new SettingsDriver(census.page)
    const requested: string[] = []
    const [imagery, names] = [tilePng(), namesPng()]
    await census.page.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, (route) => {
      const url = route.request().url()
      requested.push(url)
      return route.fulfill({ status: 200, contentType: 'image/png', body: new URL(url).searchParams.get('LAYER') === 'cia' ? names : imagery })
    })
    const layersAsked = () => new Set(requested.map((url) => new URL(url).searchParams.get('LAYER')))
    await census.openCity()

    await settings.open()
    await settings.chooseBasemap('天地图影像')
    await settings.fill('天地图密钥（tk）', 'e2eKey123')
    expect(await settings.namesShown()).toBe(true)
    await census.screenshot('settings-tianditu-filled')
    expect(await settings.apply()).toBe(true)
    await census.waitUntilMapSettles()
    expect(layersAsked()).toEqual(new Set(['img', 'cia']))
    for (const url of requested) expect(new URL(url).searchParams.get('tk')).toBe('e2eKey123')
    expect(await settings.attribution()).toContain('天地图')
    await census.pickTownship('北辛街道')
    await census.screenshot('basemap-tianditu-with-names')

    // Unticked, and kept so: the page opened again asks for the imagery only.
    await settings.open()
    await settings.showNames(false)
    expect(await settings.apply()).toBe(true)
    requested.length = 0
    await census.openCity()
    expect(layersAsked()).toEqual(new Set(['img']))
    await settings.open()
    expect(await settings.namesShown()).toBe(false)
    await settings.useDefault()
    expect(session.consoleErrors).toEqual([])
  })
  test('a 天地图 key the server refuses is said in a notice naming the key; the census map is unaffected and the notice goes with that base map', async () => {
    const { census } = session
    const settings = new SettingsDriver(census.page)
    let asked = 0
    await census.page.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, (route) => {
      asked += 1
      return route.fulfill({ status: 403, contentType: 'application/json', body: '{"msg":"权限类型错误","code":"403"}' })
    })
    await census.openCity()
    await settings.open()
    await settings.chooseBasemap('天地图影像')
    await settings.fill('天地图密钥（tk）', 'wrongKey000')
    expect(await settings.apply()).toBe(true)
    await census.waitUntilMapSettles()
    expect(asked).toBeGreaterThan(1)
    expect(await census.noticeText()).toContain('底图服务器拒绝了请求（HTTP 403）：请在“设置”中检查天地图密钥')
    expect(await census.visibleFeatureCount('district')).toBeGreaterThan(0)
    await census.screenshot('basemap-refused')
    // Every refused tile is logged by the browser itself; maplibre's own errors are not, nor anything else.
    expect(session.consoleErrors.filter((e) => !e.includes('status of 403'))).toEqual([])

    await settings.open()
    await settings.useDefault()
    await census.waitUntilMapSettles()
    expect(await census.noticeText()).toBeNull()
  })
})
