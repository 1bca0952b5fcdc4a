/**
 * The city office's estimate of a township's buildings, through the real app: version-checked,
 * named, in history, refused whole when wrong, and read by the report as of any moment.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { chinaTime, type ReportResponse } from '@census/shared'
import { TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()


const path = `/townships/${TINY.township}`

/** The township's row and its history, to prove a refused write changed nothing. */
async function snapshot() {
  const [row] = await city.db.rows<Record<string, unknown>>(sql`
    SELECT expected_buildings, version, (SELECT count(*)::int FROM change_log WHERE entity = 'township') AS changes
    FROM township WHERE code = ${TINY.township}`)
  return row
}

function today(): string {
  const c = chinaTime(new Date())
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`
}

describe('refused estimates', () => {
  it('needs a named writer: the city office acts under its name', async () => {
    const before = await snapshot()
    const { status, body } = await city.api.patch(path, { version: 1, expectedBuildings: 40 }, null)
    expect(status).toBe(403)
    expect(body.error.code).toBe('forbidden')
    expect(body.error.message.zh).toContain('X-Census-User')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a negative or fractional count, or a body without its version, naming the field', async () => {
    const before = await snapshot()
    for (const [bad, field] of [
      [{ version: 1, expectedBuildings: -1 }, 'expectedBuildings'],
      [{ version: 1, expectedBuildings: 12.5 }, 'expectedBuildings'],
      [{ expectedBuildings: 40 }, 'version'],
    ] as const) {
      const { status, body } = await city.api.patch(path, bad)
      expect(status).toBe(400)
      expect(body.error.problems[0].path).toBe(field)
      expect(body.error.message.en).toContain(field)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('answers 404 for a township that does not exist, and 400 for a code that is not one', async () => {
    expect((await city.api.patch('/townships/370481999', { version: 1, expectedBuildings: 4 })).status).toBe(404)
    const { status, body } = await city.api.patch('/townships/37048100', { version: 1, expectedBuildings: 4 })
    expect(status).toBe(400)
    expect(body.error.code).toBe('invalid_input')
  })
})

describe('a new estimate', () => {
  let loadedReport: ReportResponse
  it('is saved with its version, author and day, and lands in history', async () => {
    loadedReport = (await city.api.get<ReportResponse>('/report')).body
    expect(loadedReport.townships[0]).toMatchObject({ expectedBuildings: 10, buildingRate: 0.5 })

    const { status, body } = await city.api.patch(path, { version: 1, expectedBuildings: 20 }, '市人普办 李敏')
    expect(status).toBe(200)
    expect(body.properties).toMatchObject({ code: TINY.township, expectedBuildings: 20, version: 2 })

    const { body: history } = await city.api.get(`/history?scope=${TINY.township}&entity=township&limit=1`)
    expect(history[0]).toMatchObject({ operation: 'update', author: '市人普办 李敏', code: TINY.township })
    expect(history[0].before).toMatchObject({ expected_buildings: 10 })
    expect(history[0].after).toMatchObject({ expected_buildings: 20, expected_buildings_on: today(), updated_by: '市人普办 李敏' })
  })

  it('changes the report’s percentages now, and leaves the past dividing by the estimate of then', async () => {
    const now = (await city.api.get<ReportResponse>('/report')).body
    expect(now.townships[0]).toMatchObject({ expectedBuildings: 20, expectedBuildingsOn: today(), buildingsMarked: 5, buildingRate: 0.25 })
    expect(now.city.buildingRate).toBe(0.25)
    const then = (await city.api.get<ReportResponse>(`/report?asOf=${encodeURIComponent(loadedReport.asOf)}`)).body
    expect(then.townships[0]).toMatchObject({ expectedBuildings: 10, expectedBuildingsOn: '2026-10-01', buildingRate: 0.5 })
  })

  it('based on an old version is refused with 409 and the current township, changing nothing', async () => {
    const before = await snapshot()
    const { status, body } = await city.api.patch(path, { version: 1, expectedBuildings: 99 })
    expect(status).toBe(409)
    expect(body.error.code).toBe('stale_version')
    expect(body.error.current.properties).toMatchObject({ expectedBuildings: 20, version: 2 })
    expect(await snapshot()).toEqual(before)
  })

  it('can be cleared: the township then counts in no building rate', async () => {
    expect((await city.api.patch(path, { version: 2, expectedBuildings: null })).status).toBe(200)
    const { body } = await city.api.get<ReportResponse>('/report')
    expect(body.townships[0]).toMatchObject({ expectedBuildings: null, buildingRate: null })
    expect(body.city.townshipsWithoutEstimate).toBe(1)
  })
})
