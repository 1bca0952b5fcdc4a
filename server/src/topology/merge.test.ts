import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()

const SW = TINY.westSmallArea
const SE = TINY.eastSmallArea
const NE = '370481003038003'
const NW = '370481003038004'

/** Cuts the two halves across at 35.085 into four quarters: SW 001 (buildings 1–3), SE 002 (4), NE 003 (5), NW 004. */
beforeAll(async () => {
  const across = (from: number, to: number) => ({ type: 'LineString', coordinates: [[from, 35.085], [to, 35.085]] })
  expect((await city.api.post('/topology/repairs/split', { target: SE, version: 1, line: across(117.12, 117.16) })).status).toBe(200)
  // The first cut gave 001 its vertex on their common edge: 001 is at version 2.
  const west = await city.api.post('/topology/repairs/split', { target: SW, version: 2, line: across(117.09, 117.13) })
  expect(west.body.smallAreas.map((f: any) => f.properties.code)).toEqual([SW, NW])
})

const versionOf = async (code: string) => (await city.api.get(`/small-areas/${code}`)).body.properties.version as number
const history = () => city.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log`).then(([r]) => r!.n)

describe('POST /api/topology/repairs/merge', () => {
  it('refuses areas that only meet at a corner, the same area twice, other districts, stale versions, and writes nothing', async () => {
    const before = await history()
    const merge = (smallAreas: string[], versions: number[], as?: string | null) => city.api.post('/topology/repairs/merge', { smallAreas, versions }, as)
    const [sw, se, ne] = [await versionOf(SW), await versionOf(SE), await versionOf(NE)]

    const corner = await merge([SW, NE], [sw, ne])
    expect(corner.status).toBe(409)
    expect(corner.body.error.message.zh).toContain('不相邻')
    expect(corner.body.error.message.en).toContain('not neighbours')

    const same = await merge([SW, SW], [sw, sw])
    expect(same.status).toBe(400)
    expect(same.body.error.problems[0]).toMatchObject({ path: 'smallAreas', message: { en: 'Choose two different small areas' } })

    const elsewhere = await merge([SW, '370481003001001'], [sw, 1])
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.error.message.zh).toContain('不属于同一个普查区')

    const stale = await merge([SE, NE], [se, ne + 5])
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'stale_version', current: { properties: { code: NE, version: ne } } })

    expect((await merge([SW, '370481003038999'], [sw, 1])).status).toBe(404)
    expect((await merge([SE, NE], [se, ne], null)).status).toBe(403)
    expect((await merge([SE], [se])).status).toBe(400)
    expect(await history()).toBe(before)
  })

  it('merges two neighbours into the lower code, deletes the other (restorable), moves its buildings, and leaves the district covered', async () => {
    const [se, ne] = [await versionOf(SE), await versionOf(NE)]
    const [areaBefore] = await city.db.rows<{ m2: number }>(
      sql`SELECT sum(ST_Area(boundary::geography)) AS m2 FROM small_area WHERE code IN (${SE}, ${NE})`,
    )
    // Given in either order: the lower code stays.
    const { status, body } = await city.api.post('/topology/repairs/merge', { smallAreas: [NE, SE], versions: [ne, se] })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.deleted).toEqual([NE])
    expect(body.smallAreas).toHaveLength(1)
    expect(body.smallAreas[0].properties).toMatchObject({ code: SE, version: se + 1, buildings: 2, households: 3, updatedBy: '王芳' })
    expect(body.findings.filter((f: any) => ['gap', 'overlap', 'near_miss'].includes(f.type))).toEqual([])

    const [areaAfter] = await city.db.rows<{ m2: number }>(sql`SELECT ST_Area(boundary::geography) AS m2 FROM small_area WHERE code = ${SE}`)
    expect(Math.abs(areaAfter!.m2 - areaBefore!.m2) / areaBefore!.m2).toBeLessThan(1e-9)
    const building5 = await city.api.get('/buildings/3704810030380005')
    expect(building5.body.properties.smallAreaCode).toBe(SE)
    expect((await city.api.get(`/small-areas/${NE}`)).status).toBe(404)

    const log = await city.db.rows<{ id: number; code: string; operation: string; author: string }>(
      sql`SELECT id::int AS id, code, operation, author FROM change_log WHERE entity = 'small_area' ORDER BY id DESC LIMIT 2`,
    )
    expect(log.map(({ code, operation, author }) => ({ code, operation, author }))).toEqual([
      { code: NE, operation: 'delete', author: '王芳' },
      { code: SE, operation: 'update', author: '王芳' },
    ])
    const restored = await city.api.post(`/history/${TINY.county}/${log[0]!.id}/restore`, {})
    expect(restored.status).toBe(200)
    expect(restored.body.properties.code).toBe(NE)
  })
})
