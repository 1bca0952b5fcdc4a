/**
 * POST /api/small-areas/boundaries: a border two small areas share, moved on both sides, saved all
 * or none in one transaction. In the tiny city 001 (west) and 002 (east) share the edge x = 117.125;
 * the editor adds a vertex on it and drags it east, so 001 takes a triangle of 002.
 */
import { sql } from 'drizzle-orm'
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()

const polygon = (...ring: Position[]) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]!]] })
/** Where the new vertex of the shared edge was dragged to: building 0004 (117.13, 35.08) is in the triangle it sweeps. */
const BEND: Position = [117.135, 35.08]
const west = polygon([117.1, 35.05], [117.125, 35.05], BEND, [117.125, 35.1], [117.1, 35.1])
const east = polygon([117.125, 35.05], [117.15, 35.05], [117.15, 35.1], [117.125, 35.1], BEND)

async function changeCount(): Promise<number> {
  const [row] = await city.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log`)
  return row!.n
}

/** Gaps and overlaps among the district's small areas (load warnings, and the township's undrawn district, are beside the point). */
async function gapsAndOverlaps() {
  const { findings } = (await city.api.get(`/topology?scope=${TINY.district}`)).body as { findings: Array<{ type: string; parent: string }> }
  return findings.filter((f) => (f.type === 'gap' || f.type === 'overlap') && f.parent === TINY.district)
}

describe('saving a shared border on both sides', () => {
  it('refuses small areas of two districts, one named twice, or no author, and changes nothing', async () => {
    const before = await changeCount()
    const twoDistricts = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: '370481003001001', version: 1, boundary: east },
    ])
    expect(twoDistricts.status).toBe(400)
    expect(twoDistricts.body.error.problems[0]).toMatchObject({ path: '[1].code', message: { zh: expect.stringContaining('同一普查区') } })
    const twice = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: TINY.westSmallArea, version: 1, boundary: east },
    ])
    expect(twice.body.error.problems[0].message.zh).toContain('出现了两次')
    const unsigned = await city.api.post('/small-areas/boundaries', [{ code: TINY.westSmallArea, version: 1, boundary: west }], null)
    expect(unsigned.status).toBe(403)
    const bowTie = polygon([117.1, 35.05], [117.125, 35.1], [117.125, 35.05], [117.1, 35.1])
    const invalid = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: TINY.eastSmallArea, version: 1, boundary: bowTie },
    ])
    expect(invalid.status).toBe(400)
    expect(invalid.body.error).toMatchObject({ code: 'invalid_geometry', problems: [{ path: '[1].boundary.coordinates' }] })
    expect(await changeCount()).toBe(before)
  })

  it('refuses the lot when one version is stale, with that small area’s current state', async () => {
    const before = await changeCount()
    const stale = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: TINY.eastSmallArea, version: 7, boundary: east },
    ])
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('stale_version')
    expect(stale.body.error.current.properties).toMatchObject({ code: TINY.eastSmallArea, version: 1 })
    expect(await changeCount()).toBe(before)
    expect((await city.api.get(`/small-areas/${TINY.westSmallArea}`)).body.properties.version).toBe(1)
  })

  it('with clipping off, refuses a batch whose shapes overlap each other', async () => {
    const before = await changeCount()
    const unchangedEast = polygon([117.125, 35.05], [117.15, 35.05], [117.15, 35.1], [117.125, 35.1])
    const overlapping = await city.api.post('/small-areas/boundaries?overlaps=refuse', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: TINY.eastSmallArea, version: 1, boundary: unchangedEast },
    ])
    expect(overlapping.status).toBe(409)
    expect(overlapping.body.error.current.clipped[0]).toMatchObject({ code: TINY.westSmallArea, reason: 'sibling' })
    expect(await changeCount()).toBe(before)
  })

  it('saves both in one transaction: no gap, no overlap, buildings follow, one history row each', async () => {
    const before = await changeCount()
    const saved = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 1, boundary: west },
      { code: TINY.eastSmallArea, version: 1, boundary: east },
    ])
    expect(saved.status).toBe(200)
    const [one, two] = saved.body.smallAreas
    expect(one.properties).toMatchObject({ code: TINY.westSmallArea, version: 2, updatedBy: '王芳', buildings: 4 })
    expect(two.properties).toMatchObject({ code: TINY.eastSmallArea, version: 2, buildings: 1 })
    expect([one, two].map((f: any) => f.topology.clipped)).toEqual([[], []])
    // The bend is a vertex of both, exactly.
    for (const f of [one, two]) expect(f.geometry.coordinates[0][0]).toContainEqual(BEND)
    expect(await gapsAndOverlaps()).toEqual([])
    expect((await city.api.get('/buildings/3704810030380004')).body.properties.smallAreaCode).toBe(TINY.westSmallArea)
    // Two small-area rows, and the building that changed small area.
    const rows = await city.db.rows<{ entity: string; author: string }>(sql`SELECT entity, author FROM change_log ORDER BY id DESC LIMIT ${(await changeCount()) - before}`)
    expect(rows.filter((r) => r.entity === 'small_area')).toHaveLength(2)
    expect(new Set(rows.map((r) => r.author))).toEqual(new Set(['王芳']))
  })

  it('is what two PATCHes one after the other cannot do: the first is clipped by the old neighbour and a gap is left', async () => {
    const back = (ring: Position[]) => polygon(...ring.filter((p) => p !== BEND))
    const straight = await city.api.post('/small-areas/boundaries', [
      { code: TINY.westSmallArea, version: 2, boundary: back(west.coordinates[0]!.slice(0, -1)) },
      { code: TINY.eastSmallArea, version: 2, boundary: back(east.coordinates[0]!.slice(0, -1)) },
    ])
    expect(straight.status).toBe(200)
    expect(await gapsAndOverlaps()).toEqual([])

    const first = await city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 3, boundary: west })
    expect(first.body.topology.clipped).toMatchObject([{ code: TINY.eastSmallArea, reason: 'sibling' }])
    await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version: 3, boundary: east })
    expect((await gapsAndOverlaps()).map((f) => f.type)).toEqual(['gap'])
  })

  it('puts the vertices it saves on a third small area\'s edge into that edge, and none into each other', async () => {
    const sets = async (changes: Array<{ code: string; boundary: object }>) => {
      const versions = await Promise.all(changes.map(async (c) => (await city.api.get(`/small-areas/${c.code}`)).body.properties.version as number))
      return city.api.post('/small-areas/boundaries', changes.map((c, i) => ({ ...c, version: versions[i] })))
    }
    // 001 west of x = 117.125; 002 the south-east quarter; 003 (new) the north-east one.
    expect((await sets([{ code: TINY.westSmallArea, boundary: polygon([117.1, 35.05], [117.125, 35.05], [117.125, 35.075], [117.125, 35.1], [117.1, 35.1]) }])).status).toBe(200)
    expect((await sets([{ code: TINY.eastSmallArea, boundary: polygon([117.125, 35.05], [117.15, 35.05], [117.15, 35.075], [117.125, 35.075]) }])).status).toBe(200)
    const north = await city.api.post('/small-areas', { districtCode: TINY.district, boundary: polygon([117.125, 35.075], [117.15, 35.075], [117.15, 35.1], [117.125, 35.1]) })
    expect(north.status).toBe(201)
    const third = north.body.properties.code as string
    const southVersion = (await city.api.get(`/small-areas/${TINY.eastSmallArea}`)).body.properties.version as number

    // 001 and 003 move their shared border east round a new vertex; 003's south edge gains one on 002's edge.
    const bend: Position = [117.13, 35.09]
    const onSouth: Position = [117.14, 35.075]
    const westBent = polygon([117.1, 35.05], [117.125, 35.05], [117.125, 35.075], bend, [117.125, 35.1], [117.1, 35.1])
    const saved = await sets([
      { code: TINY.westSmallArea, boundary: westBent },
      { code: third, boundary: polygon([117.125, 35.075], onSouth, [117.15, 35.075], [117.15, 35.1], [117.125, 35.1], bend) },
    ])
    expect(saved.status).toBe(200)
    const [one, two] = saved.body.smallAreas
    expect(one.topology.neighbours).toEqual([])
    expect(two.topology.neighbours.map((n: any) => [n.properties.code, n.properties.version])).toEqual([[TINY.eastSmallArea, southVersion + 1]])
    expect(two.topology.neighbours[0].geometry.coordinates[0][0]).toContainEqual(onSouth)
    // The two saved together were fitted to each other and keep the vertices they were sent with.
    const vertexSet = (ring: Position[]) => new Set(ring.map((p) => p.join(',')))
    expect(vertexSet(one.geometry.coordinates[0][0])).toEqual(vertexSet(westBent.coordinates[0]!))
    expect(await gapsAndOverlaps()).toEqual([])
  })
})
