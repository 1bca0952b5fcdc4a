/**
 * Saving a district's boundary fits it into its township as a small area's is fitted into its
 * district: clipped against the drawn districts beside it and the township's outline (or refused
 * with the overlaps), and never moved from under its own small areas.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { siblingOverlapM2 } from '../test/overlap.ts'
import { districtCoverage } from '../topology/census.sql.ts'
import { unsettledParents } from '../topology/coverage.sql.ts'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'

// The township is 117.1–117.2; 汤庄 (038) holds its western half with small areas 001 and 002; 北辛 (001) is undrawn.
const city = useTinyCityApp()

const versions = () => city.db.rows(sql`SELECT code, version, ST_AsText(boundary) AS boundary FROM district ORDER BY code`)
const version = async (code: string) => (await city.api.get(`/districts/${code}`)).body.properties.version as number

describe('saving a district boundary', () => {
  it('draws an undrawn district clipped against its neighbour and the township, and says what was cut', async () => {
    // Drawn over 0.01° of 汤庄 and 0.01° beyond the township's east and south.
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: 1, boundary: box(117.14, 35.04, 117.21, 35.1) })
    expect(status).toBe(200)
    expect(body.properties).toMatchObject({ status: 'drawn', version: 2, updatedBy: '王芳' })
    expect(body.topology.clipped.map((p: any) => [p.code, p.reason])).toEqual([
      [TINY.township, 'outside_parent'],
      [TINY.district, 'sibling'],
    ])
    // 0.01° × 0.05° at 35° N ≈ 912 m × 5.55 km.
    const sibling = body.topology.clipped[1]
    expect(sibling.areaM2).toBeGreaterThan(4.9e6)
    expect(sibling.areaM2).toBeLessThan(5.2e6)
    expect(sibling.geometry.type).toBe('Polygon')
    const xs = body.geometry.coordinates.flat(2).map(([x]: number[]) => x)
    expect([Math.min(...xs), Math.max(...xs)]).toEqual([117.15, 117.2])
    // The two districts now tile the township: nothing to report about the new one.
    expect(body.topology.findings).toEqual([])
    expect(await siblingOverlapM2(city.db, 'district')).toBe(0)
  })

  it('puts a vertex drawn on the neighbour district’s edge into that edge, so the border has the same vertices on both sides', async () => {
    const proven = async () => (await city.db.transaction('test', (tx) => unsettledParents(tx, districtCoverage(TINY.county, { district: TINY.district })))).length === 0
    // 汤庄 given the corners of its small areas on its own outline: its edges and theirs pair off exactly,
    // which the whole-city check takes as proof that it is tiled.
    const corners = [[117.1, 35.05], [117.125, 35.05], [117.15, 35.05], [117.15, 35.1], [117.125, 35.1], [117.1, 35.1], [117.1, 35.05]]
    expect((await city.api.patch(`/districts/${TINY.district}`, { version: await version(TINY.district), boundary: { type: 'MultiPolygon', coordinates: [[corners]] } })).status).toBe(200)
    expect(await proven()).toBe(true)
    // 北辛 (drawn above) redrawn with a vertex half-way up their common border (117.15 E): a T-junction, unless 汤庄 takes it.
    const ring = [[117.15, 35.05], [117.2, 35.05], [117.2, 35.1], [117.15, 35.1], [117.15, 35.075], [117.15, 35.05]]
    const before = await version(TINY.district)
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: await version(TINY.undrawnDistrict), boundary: { type: 'MultiPolygon', coordinates: [[ring]] } })
    expect(status).toBe(200)
    // 汤庄 passes it on to its small area along that border (002, 117.125–117.15), so parent and children share it too.
    const smallAreaBefore = 1
    expect(body.topology.neighbours.map((n: any) => [n.properties.code, n.properties.version])).toEqual([
      [TINY.district, before + 1],
      [TINY.eastSmallArea, smallAreaBefore + 1],
    ])
    for (const neighbour of body.topology.neighbours) {
      expect(neighbour.geometry.coordinates.flat(2).map((p: number[]) => p.join(','))).toContain('117.15,35.075')
    }
    expect(body.topology.findings).toEqual([])
    // Nor does 汤庄's own check report anything: its small areas' edges and its own still pair off exactly,
    // so the whole-city check proves it tiled without the overlay checks.
    const findings = (await city.api.get(`/topology?scope=${TINY.district}`)).body.findings
    expect(findings.filter((f: any) => f.type !== 'load').map((f: any) => [f.type, f.severity, f.codes, f.message.zh])).toEqual([])
    expect(await proven()).toBe(true)
    expect(await siblingOverlapM2(city.db, 'district')).toBe(0)
  })

  it('refuses an overlapping boundary when asked to, showing the overlap, and changes nothing', async () => {
    const before = await versions()
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}?overlaps=refuse`, { version: await version(TINY.undrawnDistrict), boundary: box(117.14, 35.05, 117.2, 35.1) })
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain('重叠')
    expect(body.error.current.clipped).toMatchObject([{ code: TINY.district, reason: 'sibling', geometry: { type: 'Polygon' } }])
    expect(await versions()).toEqual(before)
  })

  it('refuses a boundary with nothing left once clipped, in the words of districts', async () => {
    const { status, body } = await city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: await version(TINY.undrawnDistrict), boundary: box(117.11, 35.06, 117.12, 35.07) })
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain('没有剩余')
    expect(body.error.message.zh).toContain('普查区')
  })

  it('will not move a boundary from under its small areas, naming what would stick out', async () => {
    const before = await versions()
    const { status, body } = await city.api.patch(`/districts/${TINY.district}`, { version: await version(TINY.district), boundary: box(117.1, 35.05, 117.14, 35.1) })
    expect(status).toBe(409)
    expect(body.error.message.zh).toContain(TINY.eastSmallArea)
    expect(body.error.message.zh).toContain('普查区外')
    expect(body.error.message.en).toContain('outside')
    expect(body.error.problems.map((p: any) => p.message.zh)).toEqual([expect.stringContaining(TINY.eastSmallArea)])
    expect(body.error.current.clipped).toMatchObject([{ code: TINY.eastSmallArea, reason: 'child_outside', geometry: { type: 'Polygon' } }])
    expect(body.error.current.clipped[0].areaM2).toBeGreaterThan(4.9e6)
    expect(await versions()).toEqual(before)
  })

  it('redraws a district once its small areas fit, and reports the gap it leaves in the township', async () => {
    const smallAreaVersion = (await city.api.get(`/small-areas/${TINY.eastSmallArea}`)).body.properties.version
    expect((await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: smallAreaVersion, boundary: box(117.125, 35.05, 117.14, 35.1) })).status).toBe(200)
    const { status, body } = await city.api.patch(`/districts/${TINY.district}`, { version: await version(TINY.district), boundary: box(117.1, 35.05, 117.14, 35.1) })
    expect(status).toBe(200)
    expect(body.topology.clipped).toEqual([])
    expect(body.topology.findings.map((f: any) => [f.type, f.parent])).toEqual([['gap', TINY.township]])
    expect(body.topology.findings[0].codes).toContain(TINY.district)
  })

  it('keeps what lies outside the township off a redrawn boundary', async () => {
    const { status, body } = await city.api.patch(`/districts/${TINY.district}`, { version: await version(TINY.district), boundary: box(117.09, 35.05, 117.14, 35.1) })
    expect(status).toBe(200)
    expect(body.topology.clipped).toMatchObject([{ code: TINY.township, reason: 'outside_parent' }])
    const xs = body.geometry.coordinates.flat(2).map(([x]: number[]) => x)
    expect(Math.min(...xs)).toBe(117.1)
  })
})
