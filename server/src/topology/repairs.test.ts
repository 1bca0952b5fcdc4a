import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


describe('POST /api/topology/repairs/fill-gap', () => {
  it('gives a gap to the small area with the longest border with it, in history, and the district is covered again', async () => {
    // 001 shrinks to 117.1–117.12 × 35.05–35.09: the gap is an L, bordering 002 along 5.55 km (117.125 from
    // 35.05 to 35.1) and 001 along 4.44 + 1.82 km (its new eastern and northern edges): 001 gets it back.
    expect((await city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 1, boundary: box(117.1, 35.05, 117.12, 35.09) })).status).toBe(200)
    const { status, body } = await city.api.post('/topology/repairs/fill-gap', { district: TINY.district, point: [117.122, 35.07] })
    expect(status).toBe(200)
    expect(body.properties).toMatchObject({ code: TINY.westSmallArea, version: 3, updatedBy: '王芳' })
    const after = await city.api.get(`/topology?scope=${TINY.district}`)
    expect(after.body.findings.filter((f: any) => f.type === 'gap' && f.parent === TINY.district)).toEqual([])
    const [history] = await city.db.rows<any>(sql`SELECT author, operation FROM change_log WHERE code = ${TINY.westSmallArea} ORDER BY id DESC LIMIT 1`)
    expect(history).toEqual({ author: '王芳', operation: 'update' })
  })

  it('refuses where there is no gap, and needs an author', async () => {
    const none = await city.api.post('/topology/repairs/fill-gap', { district: TINY.district, point: [117.11, 35.06] })
    expect(none.status).toBe(409)
    expect(none.body.error.message.en).toContain('no gap')
    expect((await city.api.post('/topology/repairs/fill-gap', { district: TINY.district, point: [117.11, 35.06] }, null)).status).toBe(403)
  })
})
