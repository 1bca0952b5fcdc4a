/**
 * A building's traced footprint over the API: stored with the building, served in its GeoJSON,
 * checked against its point on every write (shared `checkFootprint`, then PostGIS), and carried
 * along when the building is dragged to where it really stands.
 */
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()

/** A 10 m × 10 m square (about 0.00011° × 0.00009° here) with its centre `dx`, `dy` degrees from `at`. */
function square(at: Position, dx = 0, dy = 0) {
  const [x, y] = [at[0]! + dx, at[1]! + dy]
  const [w, h] = [0.000055, 0.000045]
  // On the 1e-7° grid the API answers in, so what comes back is what went in.
  const p = (lon: number, lat: number) => [Number(lon.toFixed(7)), Number(lat.toFixed(7))]
  return { type: 'Polygon', coordinates: [[p(x - w, y - h), p(x + w, y - h), p(x + w, y + h), p(x - w, y + h), p(x - w, y - h)]] }
}

const AT: Position = [117.105, 35.055]
const building = { districtCode: TINY.district, location: { type: 'Point', coordinates: AT }, use: 'residential', floors: 1, households: 1 }

describe('building footprints', () => {
  let code = ''

  it('creates a building with its footprint and serves it as GeoJSON', async () => {
    const created = await city.api.post('/buildings', { ...building, footprint: square(AT) })
    expect(created.status).toBe(201)
    code = created.body.properties.code
    expect(created.body.properties.footprint).toEqual({ type: 'MultiPolygon', coordinates: [square(AT).coordinates] })
    const listed = await city.api.get(`/buildings?district=${TINY.district}`)
    const byCode = new Map(listed.body.features.map((f: any) => [f.properties.code, f.properties.footprint]))
    expect(byCode.get(code)).toEqual(created.body.properties.footprint)
    expect(byCode.get('3704810030380001')).toBeNull()
  })

  it('refuses a footprint away from the point, or not a valid ring, in both languages', async () => {
    const far = await city.api.post('/buildings', { ...building, footprint: square(AT, 0.001) })
    expect(far.status).toBe(400)
    expect(far.body.error).toMatchObject({ code: 'invalid_geometry', problems: [{ path: 'footprint', message: { zh: expect.stringContaining('轮廓外') } }] })
    const bowTie = { type: 'Polygon', coordinates: [[[117.10499, 35.05499], [117.10501, 35.05501], [117.10501, 35.05499], [117.10499, 35.05501], [117.10499, 35.05499]]] }
    const crossed = await city.api.post('/buildings', { ...building, footprint: bowTie })
    expect(crossed.status).toBe(400)
    expect(crossed.body.error.problems[0].message.zh).toContain('自相交')
  })

  it('checks a footprint sent alone against the point the building has', async () => {
    const far = await city.api.patch(`/buildings/${code}`, { version: 1, footprint: square(AT, 0, 0.002) })
    expect(far.status).toBe(400)
    expect(far.body.error.problems[0].message.en).toContain('outside the footprint')
    const beside = await city.api.patch(`/buildings/${code}`, { version: 1, footprint: square(AT, 0.0001) })
    expect(beside.status).toBe(200)
    expect(beside.body.properties.version).toBe(2)
  })

  it('moves the footprint with a building dragged elsewhere, and clears it with null', async () => {
    const to: Position = [117.106, 35.056]
    const moved = await city.api.patch(`/buildings/${code}`, { version: 2, location: { type: 'Point', coordinates: to } })
    expect(moved.status).toBe(200)
    const ring = moved.body.properties.footprint.coordinates[0][0] as Position[]
    const expected = square(to, 0.0001).coordinates[0]!
    ring.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i]![0]!, 7)
      expect(p[1]).toBeCloseTo(expected[i]![1]!, 7)
    })
    const cleared = await city.api.patch(`/buildings/${code}`, { version: 3, footprint: null })
    expect(cleared.body.properties.footprint).toBeNull()
  })
})
