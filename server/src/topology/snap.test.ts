import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


const history = () => city.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log`).then(([r]) => r!.n)
const ofDistrict = (findings: any[], district: string = TINY.district) =>
  findings.filter((f) => f.parent === district && ['gap', 'overlap', 'near_miss', 'outside_parent'].includes(f.type)).map((f) => f.type)

describe('POST /api/topology/repairs/snap', () => {
  it('moves vertices a few decimetres off the neighbour onto its vertices and edge, gives the neighbour the new vertex, and the near misses are gone', async () => {
    // 001's eastern edge drawn 0.22–0.25 m short of 002's (117.125), with a bend in the middle where
    // 002 has no vertex: a sliver of gap and near misses.
    const drawn = { type: 'Polygon', coordinates: [[[117.1, 35.05], [117.1249972, 35.05], [117.1249975, 35.07], [117.1249972, 35.1], [117.1, 35.1], [117.1, 35.05]]] }
    expect((await city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: drawn })).status).toBe(200)
    const before = await city.api.get(`/topology?scope=${TINY.district}`)
    expect(ofDistrict(before.body.findings)).toEqual(expect.arrayContaining(['gap', 'near_miss']))

    const { status, body } = await city.api.post('/topology/repairs/snap', { smallArea: TINY.westSmallArea, version: 2 })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ district: TINY.district, deleted: [], moved: 3 })
    const [own, neighbour] = body.smallAreas
    expect(own.properties).toMatchObject({ code: TINY.westSmallArea, version: 3, updatedBy: '王芳' })
    expect(own.geometry.coordinates.flat(2)).toEqual(expect.arrayContaining([[117.125, 35.05], [117.125, 35.07], [117.125, 35.1]]))
    // 002 takes the vertex that landed on its edge, so both sides of the edge have the same vertices.
    expect(neighbour.properties).toMatchObject({ code: TINY.eastSmallArea, version: 2 })
    expect(neighbour.geometry.coordinates.flat(2)).toContainEqual([117.125, 35.07])
    expect(ofDistrict(body.findings)).toEqual([])
    expect(ofDistrict((await city.api.get(`/topology?scope=${TINY.district}`)).body.findings)).toEqual([])

    const log = await city.db.rows<{ code: string; operation: string; author: string }>(
      sql`SELECT code, operation, author FROM change_log WHERE entity = 'small_area' ORDER BY id DESC LIMIT 2`,
    )
    expect(log).toEqual([
      { code: TINY.eastSmallArea, operation: 'update', author: '王芳' },
      { code: TINY.westSmallArea, operation: 'update', author: '王芳' },
    ])
  })

  it('writes nothing when nothing lies within reach', async () => {
    const before = await history()
    const { status, body } = await city.api.post('/topology/repairs/snap', { smallArea: TINY.westSmallArea, version: 3, toleranceM: 0.1 })
    expect(status).toBe(200)
    expect(body).toMatchObject({ moved: 0, added: 0 })
    expect(body.smallAreas[0].properties.version).toBe(3)
    expect(await history()).toBe(before)
  })

  it('refuses a result that would be invalid, a stale version, a tolerance over 5 m, and writes nothing', async () => {
    // Below: a small area whose top edge dips 1.1 m in its middle. Above: one with a notch from its top
    // down to 2.2 m over their common edge. At 5 m the notch's tip snaps onto the dip, across its own
    // bottom edge: the ring would touch or cross itself.
    const district = TINY.undrawnDistrict
    const { version } = (await city.api.get(`/districts/${district}`)).body.properties
    expect((await city.api.patch(`/districts/${district}`, { version, boundary: box(117.15, 35.05, 117.2, 35.1) })).status).toBe(200)
    const below = [[117.15, 35.05], [117.2, 35.05], [117.2, 35.09], [117.175, 35.08999], [117.15, 35.09], [117.15, 35.05]]
    const notched = [[117.15, 35.09], [117.2, 35.09], [117.2, 35.1], [117.175, 35.09002], [117.15, 35.1], [117.15, 35.09]]
    expect((await city.api.post('/small-areas', { districtCode: district, boundary: { type: 'Polygon', coordinates: [below] } })).status).toBe(201)
    const strip = await city.api.post('/small-areas', { districtCode: district, boundary: { type: 'Polygon', coordinates: [notched] } })
    expect(strip.status).toBe(201)
    const code = strip.body.properties.code
    const before = await history()

    const collapsed = await city.api.post('/topology/repairs/snap', { smallArea: code, version: 1, toleranceM: 5 })
    expect(collapsed.status).toBe(409)
    expect(collapsed.body.error.message.zh).toContain('边界无效')
    expect(collapsed.body.error.message.en).toContain('invalid')

    const stale = await city.api.post('/topology/repairs/snap', { smallArea: code, version: 4 })
    expect(stale.body.error.code).toBe('stale_version')
    const far = await city.api.post('/topology/repairs/snap', { smallArea: code, version: 1, toleranceM: 6 })
    expect(far.status).toBe(400)
    expect(far.body.error.problems[0].path).toBe('toleranceM')
    expect((await city.api.post('/topology/repairs/snap', { smallArea: `${district}999`, version: 1 })).status).toBe(404)
    expect((await city.api.post('/topology/repairs/snap', { smallArea: code, version: 1 }, null)).status).toBe(403)
    expect(await history()).toBe(before)
  })
})
