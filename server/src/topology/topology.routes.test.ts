import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { box, TINY, useTinyCityApp } from '../test/tiny-city.ts'
import { censusFindings, citySummary } from './census.sql.ts'

const city = useTinyCityApp()


const summary = (findings: any[]) => findings.map((f) => `${f.type}/${f.severity}/${f.codes.join(',')}`).sort()

describe('GET /api/topology', () => {
  it('reports the undrawn half of the township as a gap, and light small areas as load warnings', async () => {
    const { status, body } = await city.api.get(`/topology?scope=${TINY.township}`)
    expect(status).toBe(200)
    expect(summary(body.findings)).toEqual([
      `gap/error/${TINY.district}`,
      `load/warning/${TINY.westSmallArea}`,
      `load/warning/${TINY.eastSmallArea}`,
    ].sort())
    const gap = body.findings.find((f: any) => f.type === 'gap')
    // The eastern half of a 0.1° × 0.05° box at 35° N: about 4.56 km × 5.55 km.
    expect(gap.areaM2).toBeGreaterThan(2.5e7)
    expect(gap.areaM2).toBeLessThan(2.6e7)
    expect(gap.geometry.type).toBe('Polygon')
    expect(gap.parent).toBe(TINY.township)
    expect(gap.message.zh).toContain('漏划')
    const load = body.findings.find((f: any) => f.codes[0] === TINY.westSmallArea)
    expect(load).toMatchObject({ households: 25, geometry: { type: 'Point' } })
    expect(load.message.en).toContain('far from the target of 80')
  })

  it('takes the household target from the query', async () => {
    const { body } = await city.api.get(`/topology?scope=${TINY.district}&householdTarget=20`)
    expect(summary(body.findings).filter((s) => s.startsWith('load'))).toEqual([`load/warning/${TINY.eastSmallArea}`])
  })

  it('finds buildings outside every small area, on a boundary, and marked twice', async () => {
    await city.db.transaction('测试', async (tx) => {
      await tx.rows(sql`
        INSERT INTO building (county_code, code, district_code, location, use, floors, households, updated_by) VALUES
          (${TINY.county}, '3704810030380006', ${TINY.district}, ST_SetSRID(ST_MakePoint(117.125, 35.07), 4326), 'residential', 1, 1, '测试'),
          (${TINY.county}, '3704810030380007', ${TINY.district}, ST_SetSRID(ST_MakePoint(117.110005, 35.06), 4326), 'residential', 1, 1, '测试'),
          (${TINY.county}, '3704810030380008', ${TINY.district}, ST_SetSRID(ST_MakePoint(117.16, 35.07), 4326), 'residential', 1, 1, '测试')`)
      await tx.rows(sql`SELECT census_assign_buildings(${TINY.county}, ${TINY.district})`)
    })
    const { body } = await city.api.get(`/topology?scope=${TINY.district}`)
    const found = summary(body.findings)
    expect(found).toContain(`building_on_boundary/warning/3704810030380006,${TINY.westSmallArea},${TINY.eastSmallArea}`)
    expect(found).toContain('buildings_too_close/warning/3704810030380001,3704810030380007')
    expect(found).toContain('building_outside/error/3704810030380008')
    const close = body.findings.find((f: any) => f.type === 'buildings_too_close')
    expect(close.distanceM).toBeGreaterThan(0.4)
    expect(close.distanceM).toBeLessThan(0.5)
    expect(close.geometry.type).toBe('LineString')
  })

  it('refuses a scope that is no city, township or district code', async () => {
    const { status, body } = await city.api.get('/topology?scope=370481003038001')
    expect(status).toBe(400)
    expect(body.error.problems[0].message.zh).toContain('范围')
  })
})

describe('GET /api/topology/summary', () => {
  it('counts findings per township for the progress report', async () => {
    const { status, body } = await city.api.get('/topology/summary')
    expect(status).toBe(200)
    expect(body.county).toBe(TINY.county)
    expect(body.townships).toHaveLength(1)
    expect(body.townships[0]).toMatchObject({ township: TINY.township, counts: { gap: { error: 1, warning: 0 } } })
    expect(body.townships[0].errors).toBeGreaterThanOrEqual(1)
  })
})

describe('GET /api/topology/summary, stored at the county’s revision', () => {
  const summaryNow = async () => (await city.api.get('/topology/summary')).body
  // A summary no computation gives: served only if the stored one is served.
  const MARK = [{ township: 'stored' }]
  const markStored = () => city.db.rows(sql`UPDATE topology_summary SET townships = ${JSON.stringify(MARK)}::json WHERE county_code = ${TINY.county}`)
  const computed = () => city.db.transaction('test', (tx) => citySummary(tx, TINY.county))

  it('serves the stored summary, unchanged, while nothing in the county changed', async () => {
    const first = await summaryNow()
    expect(first.townships).toEqual(await computed())
    expect(await summaryNow()).toEqual(first)
    await markStored()
    expect(await summaryNow()).toEqual({ ...first, townships: MARK })
    // A refused write (stale version) changes nothing, the revision included.
    expect((await city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: 99, boundary: box(117.1, 35.05, 117.12, 35.1) })).status).toBe(409)
    expect(await summaryNow()).toEqual({ ...first, townships: MARK })
  })

  it('computes it afresh after any write: a small area, a building, a district', async () => {
    const versionOf = async (path: string) => (await city.api.get(path)).body.properties.version
    const writes: [string, () => Promise<{ status: number }>][] = [
      // Frees 117.12–117.125: a gap in the district.
      ['small area', async () => city.api.patch(`/small-areas/${TINY.westSmallArea}`, { version: await versionOf(`/small-areas/${TINY.westSmallArea}`), boundary: box(117.1, 35.05, 117.12, 35.1) })],
      // In that gap: outside every small area.
      ['building', () => city.api.post('/buildings', { districtCode: TINY.district, location: { type: 'Point', coordinates: [117.122, 35.07] }, use: 'residential', floors: 1, households: 2 })],
      // Draws the township's undrawn half: its gap closes.
      ['district', async () => city.api.patch(`/districts/${TINY.undrawnDistrict}`, { version: await versionOf(`/districts/${TINY.undrawnDistrict}`), boundary: box(117.15, 35.05, 117.2, 35.1) })],
    ]
    let before = { revision: (await summaryNow()).revision, townships: await computed() }
    for (const [what, write] of writes) {
      await markStored()
      expect((await write()).status, what).toBeLessThan(300)
      const after = await summaryNow()
      expect(after.revision, what).toBeGreaterThan(before.revision)
      expect(after.townships, what).toEqual(await computed())
      expect(after.townships, what).not.toEqual(before.townships)
      before = after
    }
  })
})

describe('GET /api/topology?scope=…, stored at the county’s revision with the default tolerances', () => {
  const findingsNow = async (query = '') => (await city.api.get(`/topology?scope=${TINY.district}${query}`)).body.findings
  // Findings no check gives: served only if the stored ones are served.
  const MARK = [{ type: 'stored' }]
  const markStored = () => city.db.rows(sql`UPDATE topology_findings SET findings = ${JSON.stringify(MARK)}::json WHERE county_code = ${TINY.county} AND scope = ${TINY.district}`)
  const checked = () => city.db.transaction('test', (tx) => censusFindings(tx, TINY.district))

  it('serves the stored findings while nothing changed, checks afresh after a write, and never stores other tolerances', async () => {
    expect(await findingsNow()).toEqual(await checked())
    await markStored()
    expect(await findingsNow()).toEqual(MARK)
    expect(await findingsNow('&nearMissM=0.5')).toEqual(await checked())
    const { version } = (await city.api.get(`/small-areas/${TINY.eastSmallArea}`)).body.properties
    expect((await city.api.patch(`/small-areas/${TINY.eastSmallArea}`, { version, boundary: box(117.13, 35.05, 117.15, 35.1) })).status).toBe(200)
    const after = await findingsNow()
    expect(after).not.toEqual(MARK)
    expect(after).toEqual(await checked())
  })

  it('keeps them through edits elsewhere in the county: another township’s, and the city office’s deadline', async () => {
    const neighbour = { township: '370481004', district: '370481004001' }
    await city.db.transaction('测试', async (tx) => {
      await tx.rows(sql`INSERT INTO township (county_code, code, name, kind, boundary, updated_by)
                        VALUES (${TINY.county}, ${neighbour.township}, '龙泉街道', 'subdistrict', ST_Multi(ST_MakeEnvelope(117.2, 35.05, 117.3, 35.1, 4326)), '测试')`)
      await tx.rows(sql`INSERT INTO district (county_code, code, township_code, name, updated_by)
                        VALUES (${TINY.county}, ${neighbour.district}, ${neighbour.township}, '龙泉社区', '测试')`)
    })
    expect(await findingsNow()).toEqual(await checked())
    await markStored()
    const { version } = (await city.api.get(`/districts/${neighbour.district}`)).body.properties
    expect((await city.api.patch(`/districts/${neighbour.district}`, { version, boundary: box(117.2, 35.05, 117.25, 35.1) })).status).toBe(200)
    const [county] = await city.db.rows<{ version: number }>(sql`SELECT version FROM county WHERE county_code = ${TINY.county}`)
    expect((await city.api.patch(`/counties/${TINY.county}`, { version: county!.version, deadline: '2026-12-20' })).status).toBe(200)
    expect(await findingsNow()).toEqual(MARK)
    // The neighbour's own findings are its own: checked at its revision, not served from the other's.
    expect(summary((await city.api.get(`/topology?scope=${neighbour.township}`)).body.findings)).toEqual([`gap/error/${neighbour.district}`])
  })
})
