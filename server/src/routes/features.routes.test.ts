import { gunzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


/** Counts rows and history entries, to prove a refused write changed nothing. */
async function snapshot() {
  const [row] = await city.db.rows<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM small_area) AS small_areas, (SELECT count(*)::int FROM building) AS buildings,
           (SELECT count(*)::int FROM change_log) AS changes, (SELECT sum(version)::int FROM district) AS district_versions`)
  return row
}

const westHalf = { type: 'Polygon', coordinates: box(117.1, 35.05, 117.125, 35.1).coordinates[0] }

describe('health', () => {
  it('names the database and its PostGIS and GEOS versions', async () => {
    const { status, body } = await city.api.get('/health')
    expect(status).toBe(200)
    expect(body.database.kind).toBe(city.db.kind)
    expect(body.database.postgis).toMatch(/^3\.\d+/)
    expect(body.database.geos).toMatch(/^3\.\d+/)
  })
})

describe('reading features', () => {
  it('lists townships as an RFC 7946 FeatureCollection', async () => {
    const { status, body } = await city.api.get('/townships')
    expect(status).toBe(200)
    expect(body.type).toBe('FeatureCollection')
    expect(body.features).toHaveLength(1)
    expect(body.features[0]).toMatchObject({ type: 'Feature', id: TINY.township, geometry: { type: 'MultiPolygon' }, properties: { name: '北辛街道', kind: 'subdistrict', expectedBuildings: 10 } })
    expect(body.features[0].geometry.crs).toBeUndefined()
  })

  it('lists districts of a township; an undrawn one has no geometry', async () => {
    const { body } = await city.api.get(`/districts?township=${TINY.township}`)
    const byCode = Object.fromEntries(body.features.map((f: any) => [f.id, f]))
    expect(Object.keys(byCode).sort()).toEqual([TINY.undrawnDistrict, TINY.district])
    expect(byCode[TINY.undrawnDistrict].geometry).toBeNull()
    expect(byCode[TINY.undrawnDistrict].properties.status).toBe('not_started')
    expect(byCode[TINY.district].properties).toMatchObject({ name: '汤庄居委会', status: 'drawn', urbanRuralCode: '112', smallAreas: 2, version: 2 })
    expect(byCode[TINY.undrawnDistrict].properties.smallAreas).toBe(0)
    expect((await city.api.get('/districts?township=370481004')).body.features).toHaveLength(0)
  })

  it('gzips what it sends to a browser that accepts it', async () => {
    const response = await createApp({ db: city.db }).request('/api/districts', { headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    const sent = Buffer.from(await response.arrayBuffer())
    const body = JSON.parse(gunzipSync(sent).toString('utf8'))
    expect(body.features).toHaveLength(2)
    expect(sent.length).toBeLessThan(JSON.stringify(body).length)
  })

  it('filters by bounding box', async () => {
    expect((await city.api.get('/small-areas?bbox=117.101,35.06,117.102,35.07')).body.features.map((f: any) => f.id)).toEqual([TINY.westSmallArea])
    expect((await city.api.get('/buildings?bbox=117.12,35.05,117.15,35.1')).body.features.map((f: any) => f.id)).toEqual(['3704810030380004', '3704810030380005'])
    expect((await city.api.get('/small-areas?bbox=118,36,118.1,36.1')).body.features).toEqual([])
  })

  it('gives small areas their building and household load', async () => {
    const { body } = await city.api.get(`/small-areas/${TINY.westSmallArea}`)
    expect(body.properties).toMatchObject({ code: TINY.westSmallArea, enumerator: '张三', buildings: 3, households: 25, virtual: false })
  })

  it('derives each building’s small area from its location', async () => {
    const { body } = await city.api.get(`/buildings?district=${TINY.district}`)
    expect(body.features.map((f: any) => [f.id, f.properties.smallAreaCode])).toEqual([
      ['3704810030380001', TINY.westSmallArea],
      ['3704810030380002', TINY.westSmallArea],
      ['3704810030380003', TINY.westSmallArea],
      ['3704810030380004', TINY.eastSmallArea],
      ['3704810030380005', TINY.eastSmallArea],
    ])
  })

  it('answers 404 for an unknown code and 400 for a malformed one, in both languages', async () => {
    const missing = await city.api.get('/districts/370481003099')
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: { zh: '找不到普查区“370481003099”' } })
    const malformed = await city.api.get('/small-areas/37048100303800')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.problems[0].message.zh).toContain('15 位')
    expect((await city.api.get('/nothing-here')).status).toBe(404)
  })

  it('refuses unknown filters', async () => {
    const { status, body } = await city.api.get('/buildings?colour=red')
    expect(status).toBe(400)
    expect(body.error.message.en).toContain('colour')
  })
})

describe('small areas', () => {
  it('needs a named author to write', async () => {
    const before = await snapshot()
    const { status, body } = await city.api.post('/small-areas', { districtCode: TINY.district, boundary: westHalf }, null)
    expect(status).toBe(403)
    expect(body.error.message.zh).toContain('署名')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses bad input with the field and the reason, and changes nothing', async () => {
    const before = await snapshot()
    const notClosed = { type: 'Polygon', coordinates: [[[117.1, 35.05], [117.11, 35.05], [117.11, 35.06], [117.1, 35.06]]] }
    const cases: [unknown, number, string, string][] = [
      [{ districtCode: TINY.district, boundary: notClosed }, 400, 'boundary.coordinates[0]', '环没有闭合'],
      [{ districtCode: TINY.district, boundary: { type: 'Polygon', coordinates: [[[117.1, 35.05], [117.11, 35.06], [117.11, 35.05], [117.1, 35.06], [117.1, 35.05]]] } }, 400, 'boundary.coordinates', '自相交'],
      [{ districtCode: TINY.district, boundary: { type: 'Polygon', coordinates: [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]] } }, 400, 'boundary.coordinates[0][0]', '不在中国境内'],
      [{ districtCode: TINY.district, code: '370481003039001', boundary: westHalf }, 400, 'code', '应以上级代码'],
      [{ districtCode: TINY.district, code: '370481003038901', boundary: westHalf }, 400, 'code', '900–999'],
    ]
    for (const [input, status, path, zh] of cases) {
      const response = await city.api.post('/small-areas', input)
      expect(response.status, JSON.stringify(input)).toBe(status)
      expect(response.body.error.problems[0].path).toBe(path)
      expect(response.body.error.problems[0].message.zh).toContain(zh)
      expect(response.body.error.problems[0].message.en.length).toBeGreaterThan(5)
    }
    const hole = { type: 'Polygon', coordinates: [box(117.1, 35.05, 117.11, 35.06).coordinates[0]![0], box(117.2, 35.2, 117.21, 35.21).coordinates[0]![0]] }
    const outsideShell = await city.api.post('/small-areas', { districtCode: TINY.district, boundary: hole })
    expect(outsideShell.status).toBe(400)
    expect(outsideShell.body.error.code).toBe('invalid_geometry')
    expect(outsideShell.body.error.problems[0].message.zh).toContain('内环')
    const json = await city.api.post('/small-areas', '{"districtCode": ')
    expect(json.body.error.message.en).toContain('not valid JSON')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a payload that is too large', async () => {
    const before = await snapshot()
    const huge = { districtCode: TINY.district, boundary: { type: 'Polygon', coordinates: [Array.from({ length: 120_000 }, (_, i) => [117.1 + i * 1e-7, 35.05])] } }
    const { status, body } = await city.api.post('/small-areas', huge)
    expect(status).toBe(413)
    expect(body.error.code).toBe('payload_too_large')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses small areas in a district that is not drawn', async () => {
    const { status, body } = await city.api.post('/small-areas', { districtCode: TINY.undrawnDistrict, boundary: westHalf })
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain('还没有绘制边界')
  })

  it('creates with the next free code, records the author and re-derives buildings', async () => {
    // New small areas are clipped against their siblings (issue 3), so free the south of 001 first.
    const freed = await city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.065, 117.125, 35.1) })
    expect(freed.status).toBe(200)
    // Its new corner lies on 002's edge: 002 takes it as a vertex too (a new version), so they share the border exactly.
    expect(freed.body.topology.neighbours.map((n: any) => [n.properties.code, n.properties.version])).toEqual([[TINY.eastSmallArea, 2]])
    expect(freed.body.topology.neighbours[0].geometry.coordinates[0][0]).toContainEqual([117.125, 35.065])
    const created = await city.api.post('/small-areas', { districtCode: TINY.district, boundary: box(117.1, 35.05, 117.115, 35.065) })
    expect(created.status).toBe(201)
    expect(created.body.properties).toMatchObject({ code: `${TINY.district}003`, version: 1, updatedBy: '王芳', status: 'drawn', buildings: 2 })
    expect(created.body.topology.clipped).toEqual([])
    const virtual = await city.api.post('/small-areas', { districtCode: TINY.district, virtual: true, boundary: box(117.115, 35.05, 117.116, 35.051) })
    expect(virtual.body.properties).toMatchObject({ code: `${TINY.district}900`, virtual: true })
    const [history] = await city.db.rows<any>(sql`SELECT operation, author, before, after FROM change_log WHERE code = ${`${TINY.district}003`}`)
    expect(history).toMatchObject({ operation: 'create', author: '王芳', before: null })
    expect(history.after.boundary.type).toBe('MultiPolygon')
  })

  it('updates with the version it was based on, and refuses a stale write with the current state', async () => {
    const first = await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 2, enumerator: '李四' })
    expect(first.status).toBe(200)
    expect(first.body.properties).toMatchObject({ enumerator: '李四', version: 3 })

    const before = await snapshot()
    const stale = await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 2, enumerator: '赵六' }, '赵六')
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('stale_version')
    expect(stale.body.error.message.zh).toContain('已被他人修改')
    expect(stale.body.error.current.properties).toMatchObject({ enumerator: '李四', version: 3 })
    expect(await snapshot()).toEqual(before)
    expect((await city.api.patch(`/small-areas/${TINY.district}077`, { version: 1, enumerator: 'x' })).status).toBe(404)
  })

  it('moves buildings with a redrawn boundary', async () => {
    const grown = await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 3, boundary: box(117.12, 35.05, 117.15, 35.1) })
    expect(grown.status).toBe(200)
    expect((await city.api.get('/buildings/3704810030380004')).body.properties.smallAreaCode).toBe(TINY.eastSmallArea)
    const shrunk = await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 4, boundary: box(117.135, 35.05, 117.15, 35.1) })
    expect(shrunk.body.properties).toMatchObject({ buildings: 1, households: 1 })
    expect((await city.api.get('/buildings/3704810030380004')).body.properties.smallAreaCode).toBeNull()
  })

  it('deletes into history and restores from it', async () => {
    const deleted = await city.api.delete(`/small-areas/${TINY.district}900?version=1`)
    expect(deleted.status).toBe(200)
    expect((await city.api.get(`/small-areas/${TINY.district}900`)).status).toBe(404)
    const [entry] = (await city.api.get(`/history?scope=${TINY.district}900`)).body
    expect(entry).toMatchObject({ operation: 'delete', author: '王芳', after: null })
    const restored = await city.api.post(`/history/${TINY.county}/${entry.id}/restore`, {})
    expect(restored.status).toBe(200)
    expect(restored.body.properties).toMatchObject({ code: `${TINY.district}900`, version: 2 })
    const again = await city.api.post(`/history/${TINY.county}/${entry.id}/restore`, {})
    expect(again.status).toBe(409)
  })
})

describe('districts', () => {
  it('draws an undrawn district, which becomes "drawn"', async () => {
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: 1, boundary: box(117.15, 35.05, 117.2, 35.1) })
    expect(status).toBe(200)
    expect(body.properties).toMatchObject({ status: 'drawn', version: 2, updatedBy: '王芳' })
    expect(body.geometry.type).toBe('MultiPolygon')
  })

  it('refuses a status that needs a boundary on an undrawn district', async () => {
    await city.api.delete(`/districts/${TINY.undrawnDistrict}/boundary?version=2`)
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: 3, status: 'approved' })
    expect(status).toBe(400)
    expect(body.error.message.zh).toContain('尚未绘制边界')
  })

  it('restores a removed boundary from history', async () => {
    const [removal] = (await city.api.get(`/history?scope=${TINY.undrawnDistrict}&entity=district`)).body
    expect(removal.after.boundary).toBeNull()
    const restored = await city.api.post(`/history/${TINY.county}/${removal.id}/restore`, {})
    expect(restored.status).toBe(200)
    expect(restored.body.properties.status).toBe('drawn')
  })

  it('will not remove the boundary of a district that still has small areas', async () => {
    const { body: current } = await city.api.get(`/districts/${TINY.district}`)
    const { status, body } = await city.api.delete(`/districts/${TINY.district}/boundary?version=${current.properties.version}`)
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain('还有')
    expect((await city.api.get(`/districts/${TINY.district}`)).body.geometry).not.toBeNull()
  })
})

describe('buildings', () => {
  const location = { type: 'Point', coordinates: [117.14, 35.06] }

  it('creates with the next code, derives its small area, records history', async () => {
    const { status, body } = await city.api.post('/buildings', { districtCode: TINY.district, location, use: 'residential', floors: 2, households: 3, address: '汤庄 6 号' })
    expect(status).toBe(201)
    expect(body.properties).toMatchObject({ code: '3704810030380006', smallAreaCode: TINY.eastSmallArea, households: 3, address: '汤庄 6 号', note: '' })
  })

  it('never reuses the code of a deleted building, and restores it', async () => {
    expect((await city.api.delete('/buildings/3704810030380006?version=1')).status).toBe(200)
    const next = await city.api.post('/buildings', { districtCode: TINY.district, location, use: 'other', floors: 1, households: 0 })
    expect(next.body.properties.code).toBe('3704810030380007')
    const [deletion] = (await city.api.get('/history?scope=3704810030380006')).body
    const restored = await city.api.post(`/history/${TINY.county}/${deletion.id}/restore`, {})
    expect(restored.body.properties).toMatchObject({ code: '3704810030380006', address: '汤庄 6 号', version: 2 })
  })

  it('moving a building moves it between small areas', async () => {
    const moved = await city.api.patch('/buildings/3704810030380007', { version: 1, location: { type: 'Point', coordinates: [117.105, 35.09] } })
    expect(moved.body.properties).toMatchObject({ smallAreaCode: TINY.westSmallArea, version: 2 })
  })

  it('refuses a stale move and bad values', async () => {
    expect((await city.api.patch('/buildings/3704810030380007', { version: 1, floors: 3 })).status).toBe(409)
    const bad = await city.api.patch('/buildings/3704810030380007', { version: 2, floors: -1, use: 'palace' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.problems.map((p: any) => p.path).sort()).toEqual(['floors', 'use'])
    expect((await city.api.post('/buildings', { districtCode: '370481003077', location, use: 'other', floors: 1, households: 0 })).status).toBe(404)
  })
})

describe('history', () => {
  it('has a before and after for every change, in the same transaction', async () => {
    const rows = await city.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log WHERE operation = 'update' AND (before IS NULL OR after IS NULL)`)
    expect(rows[0]!.n).toBe(0)
    const entries = (await city.api.get(`/history?scope=${TINY.eastSmallArea}`)).body
    expect(entries.map((e: any) => e.operation)).toEqual(['update', 'update', 'update', 'update', 'create'])
    expect(entries[2]).toMatchObject({ author: '王芳', before: { enumerator: null }, after: { enumerator: '李四' } })
  })

  it('refuses to restore something that was not deleted', async () => {
    const [creation] = (await city.api.get(`/history?scope=${TINY.westSmallArea}`)).body
    const { status, body } = await city.api.post(`/history/${TINY.county}/${creation.id}/restore`, {})
    expect(status).toBe(400)
    expect(body.error.message.zh).toContain('不是可恢复的删除操作')
  })
})

describe('config', () => {
  it('names the county and has no base map unless one is configured', async () => {
    expect((await city.api.get('/config')).body).toEqual({ basemap: null, county: { code: TINY.county, name: '滕州市' } })
  })
})
