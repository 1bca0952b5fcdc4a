import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


const line = (...coordinates: Array<[number, number]>) => ({ type: 'LineString', coordinates })
const history = () => city.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log`).then(([r]) => r!.n)
const errorsOf = (findings: any[]) => findings.filter((f) => ['gap', 'overlap', 'near_miss', 'outside_parent'].includes(f.type))
const vertices = (feature: any): number[][] => feature.geometry.coordinates.flat(2)
const near = (a: number[], b: number[]) => Math.abs(a[0]! - b[0]!) < 1e-7 && Math.abs(a[1]! - b[1]!) < 1e-7

describe('POST /api/topology/repairs/split', () => {
  it('refuses lines that do not cut cleanly once, stale versions, districts already divided, and writes nothing', async () => {
    const before = await history()
    const split = (body: object, as?: string | null) => city.api.post('/topology/repairs/split', body, as)
    const west = { target: TINY.westSmallArea, version: 1 }

    const inside = await split({ ...west, line: line([117.095, 35.07], [117.11, 35.07]) })
    expect(inside.status).toBe(409)
    expect(inside.body.error.message.en).toContain('from one side to the other')
    expect(inside.body.error.message.zh).toContain('没有完整穿过')

    // In across the west edge, out across the east one, back in and out again: three parts.
    const twice = await split({ ...west, line: line([117.095, 35.06], [117.13, 35.06], [117.13, 35.08], [117.095, 35.08]) })
    expect(twice.status).toBe(409)
    expect(twice.body.error.message.en).toContain('into 3 parts')

    const away = await split({ ...west, line: line([117.16, 35.06], [117.17, 35.07]) })
    expect(away.body.error.message.en).toContain('does not pass through')

    const along = await split({ ...west, line: line([117.1, 35.04], [117.1, 35.11]) })
    expect(along.status).toBe(409)

    const crossing = await split({ ...west, line: line([117.09, 35.06], [117.13, 35.08], [117.13, 35.06], [117.09, 35.08]) })
    expect(crossing.status).toBe(400)
    expect(crossing.body.error.problems[0]).toMatchObject({ path: 'line', message: { zh: '分割线自身相交' } })

    const stale = await split({ ...west, version: 7, line: line([117.09, 35.07], [117.13, 35.07]) })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('stale_version')
    expect(stale.body.error.current.properties).toMatchObject({ code: TINY.westSmallArea, version: 1 })

    const { version } = (await city.api.get(`/districts/${TINY.district}`)).body.properties
    const divided = await split({ target: TINY.district, version, line: line([117.09, 35.07], [117.16, 35.07]) })
    expect(divided.status).toBe(409)
    expect(divided.body.error.message.zh).toContain('已划分了 2 个普查小区')

    const undrawn = await split({ target: TINY.undrawnDistrict, version: (await city.api.get(`/districts/${TINY.undrawnDistrict}`)).body.properties.version, line: line([117.09, 35.07], [117.16, 35.07]) })
    expect(undrawn.body.error.message.en).toContain('no boundary yet')

    expect((await split({ ...west, target: '370481003038999', line: line([117.09, 35.07], [117.13, 35.07]) })).status).toBe(404)
    const badTarget = await split({ ...west, target: '370481003', line: line([117.09, 35.07], [117.13, 35.07]) })
    expect(badTarget.status).toBe(400)
    expect(badTarget.body.error.problems[0].path).toBe('target')
    const badLine = await split({ ...west, line: line([117.09, 35.07]) })
    expect(badLine.body.error.problems[0].message.zh).toContain('至少需要两个点')
    expect((await split({ ...west, line: line([117.09, 35.07], [117.13, 35.07]) }, null)).status).toBe(403)
    expect(await history()).toBe(before)
  })

  it('cuts a small area along a slanted line: it keeps its code for the side with more of its buildings, the other side takes the next code, the neighbour shares the new vertex', async () => {
    // Enters 001 across the district's western edge and leaves it across the edge it shares with 002,
    // at coordinates that fall between the grid's points, so that rounding is exercised.
    const cutLine = line([117.0912345, 35.0601], [117.1131313, 35.0661], [117.1312345, 35.0777])
    const { status, body } = await city.api.post('/topology/repairs/split', { target: TINY.westSmallArea, version: 1, line: cutLine })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.district).toBe(TINY.district)
    expect(body.deleted).toEqual([])
    const [kept, neighbour, created] = body.smallAreas
    expect(body.smallAreas.map((f: any) => f.properties.code)).toEqual([TINY.westSmallArea, TINY.eastSmallArea, '370481003038003'])
    // Buildings 1 and 2 (35.06) lie south of the line, 3 (35.07) north: 001 keeps the south.
    expect(kept.properties).toMatchObject({ version: 2, buildings: 2, households: 25, updatedBy: '王芳', enumerator: '张三' })
    expect(created.properties).toMatchObject({ version: 1, buildings: 1, households: 0, status: 'drawn' })
    expect(neighbour.properties.version).toBe(2)
    // The line's inner vertex is on both parts; where it leaves 001 is a vertex of all three.
    expect(vertices(kept).some((v) => near(v, [117.1131313, 35.0661]))).toBe(true)
    expect(vertices(created).some((v) => near(v, [117.1131313, 35.0661]))).toBe(true)
    const exit = vertices(kept).find((v) => Math.abs(v[0]! - 117.125) < 1e-7 && v[1]! > 35.06 && v[1]! < 35.09)!
    expect(exit[1]).toBeCloseTo(35.0737, 4)
    expect(vertices(neighbour).some((v) => near(v, exit))).toBe(true)
    expect(vertices(created).some((v) => near(v, exit))).toBe(true)
    expect(errorsOf(body.findings)).toEqual([])

    const buildings = await city.api.get(`/buildings?district=${TINY.district}`)
    expect(buildings.body.features.map((f: any) => [f.id, f.properties.smallAreaCode])).toEqual([
      ['3704810030380001', TINY.westSmallArea],
      ['3704810030380002', TINY.westSmallArea],
      ['3704810030380003', '370481003038003'],
      ['3704810030380004', TINY.eastSmallArea],
      ['3704810030380005', TINY.eastSmallArea],
    ])
    const written = await city.db.rows<{ code: string; operation: string; author: string }>(
      sql`SELECT code, operation, author FROM change_log WHERE entity = 'small_area' AND author = '王芳' ORDER BY id`,
    )
    expect(written).toEqual([
      { code: TINY.westSmallArea, operation: 'update', author: '王芳' },
      { code: '370481003038003', operation: 'create', author: '王芳' },
      { code: TINY.eastSmallArea, operation: 'update', author: '王芳' },
    ])
    // The district's own coverage (the township's undrawn half is a gap of the township, not of it).
    const check = await city.api.get(`/topology?scope=${TINY.district}`)
    expect(errorsOf(check.body.findings.filter((f: any) => f.parent === TINY.district))).toEqual([])
    // Exactly the old area, shared between the two.
    const [areas] = await city.db.rows<{ parts: number; overlap: number }>(sql`
      SELECT sum(ST_Area(boundary::geography)) AS parts,
             (SELECT ST_Area(ST_Intersection(a.boundary, b.boundary, 1e-9)::geography) FROM small_area a, small_area b
              WHERE a.code = ${TINY.westSmallArea} AND b.code = '370481003038003') AS overlap
      FROM small_area WHERE code IN (${TINY.westSmallArea}, '370481003038003')`)
    const [original] = await city.db.rows<{ area: number }>(sql`SELECT ST_Area(ST_MakeEnvelope(117.1, 35.05, 117.125, 35.1, 4326)::geography) AS area`)
    expect(Math.abs(areas!.parts - original!.area) / original!.area).toBeLessThan(1e-6)
    expect(areas!.overlap).toBe(0)
  })

  it('divides a district that has no small areas yet into 001 and 002', async () => {
    const district = TINY.undrawnDistrict
    const { version } = (await city.api.get(`/districts/${district}`)).body.properties
    const drawn = await city.api.patch(`/districts/${district}`, { version, boundary: box(117.15, 35.05, 117.2, 35.1) })
    expect(drawn.status).toBe(200)
    const { status, body } = await city.api.post('/topology/repairs/split', {
      target: district,
      version: drawn.body.properties.version,
      line: line([117.16, 35.04], [117.17, 35.11]),
    })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.smallAreas.map((f: any) => [f.properties.code, f.properties.version])).toEqual([
      [`${district}001`, 1],
      [`${district}002`, 1],
    ])
    expect(errorsOf(body.findings)).toEqual([])
    // The larger part, east of the line, takes 001.
    expect(vertices(body.smallAreas[0]).some((v) => v[0] === 117.2)).toBe(true)
    expect(vertices(body.smallAreas[1]).some((v) => v[0] === 117.15)).toBe(true)
    const created = await city.db.rows<{ code: string; operation: string }>(
      sql`SELECT code, operation FROM change_log WHERE entity = 'small_area' AND code LIKE ${district + '%'} ORDER BY id`,
    )
    expect(created).toEqual([
      { code: `${district}001`, operation: 'create' },
      { code: `${district}002`, operation: 'create' },
    ])
    const check = await city.api.get(`/topology?scope=${district}`)
    expect(errorsOf(check.body.findings.filter((f: any) => f.parent === district))).toEqual([])
  })
})
