/**
 * The county's campaign deadline, through the real app: one day for the whole county, set by the city
 * office, version-checked, in history, refused whole when wrong, and read by the report as of any moment.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CountySettings, ReportResponse } from '@census/shared'
import { TINY, useTinyCityApp } from '../test/tiny-city.ts'

const city = useTinyCityApp()

const path = `/counties/${TINY.county}`
/** While the tiny city was being drawn, before any change of the deadline. */
const loaded = '2026-10-25T17:00:00+08:00'

async function reportCounty(asOf?: string): Promise<CountySettings | null> {
  const { status, body } = await city.api.get<ReportResponse>(`/report${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`)
  expect(status).toBe(200)
  return body.county
}

/** The county's row and its history, to prove a refused write changed nothing. */
async function snapshot() {
  const [row] = await city.db.rows<Record<string, unknown>>(sql`
    SELECT deadline::text, version, (SELECT count(*)::int FROM change_log WHERE entity = 'county') AS changes
    FROM county WHERE county_code = ${TINY.county}`)
  return row
}

describe('the deadline in the report', () => {
  it('is the one day the loader set for the county, with the version an edit is based on', async () => {
    expect(await reportCounty()).toEqual({ code: TINY.county, name: '滕州市', deadline: '2026-11-15', version: 1 })
  })

  it('is none before the county existed', async () => {
    expect(await reportCounty('2026-09-01T00:00:00+08:00')).toBeNull()
  })
})

describe('refused deadlines', () => {
  it('needs a named writer: the city office acts under its name', async () => {
    const before = await snapshot()
    const { status, body } = await city.api.patch(path, { version: 1, deadline: '2026-12-20' }, null)
    expect(status).toBe(403)
    expect(body.error.message.zh).toContain('X-Census-User')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a day that does not exist or is not written year-month-day, and a body without its version, naming the field', async () => {
    const before = await snapshot()
    for (const [bad, field] of [
      [{ version: 1, deadline: '2026-02-30' }, 'deadline'],
      [{ version: 1, deadline: '12/20/2026' }, 'deadline'],
      [{ version: 1, deadline: '2026-12-20', stage: 'drawing' }, '(body)'],
      [{ deadline: '2026-12-20' }, 'version'],
    ] as const) {
      const { status, body } = await city.api.patch(path, bad)
      expect(status).toBe(400)
      expect(body.error.problems[0].path).toBe(field)
    }
    expect((await city.api.patch(path, { version: 1, deadline: '2026-02-30' })).body.error.message.zh).toContain('年-月-日')
    expect(await snapshot()).toEqual(before)
  })

  it('answers 404 for a county that is not here, and 400 for a code that is not a county’s', async () => {
    expect((await city.api.patch('/counties/370482', { version: 1, deadline: '2026-12-20' })).status).toBe(404)
    const { status, body } = await city.api.patch('/counties/3704810', { version: 1, deadline: '2026-12-20' })
    expect(status).toBe(400)
    expect(body.error.code).toBe('invalid_input')
  })
})

describe('a new deadline', () => {
  it('is saved with its version and author, and lands in history', async () => {
    const { status, body } = await city.api.patch<CountySettings>(path, { version: 1, deadline: '2026-12-20' }, '市人普办 李敏')
    expect(status).toBe(200)
    expect(body).toEqual({ code: TINY.county, name: '滕州市', deadline: '2026-12-20', version: 2 })

    const { body: history } = await city.api.get(`/history?scope=${TINY.county}&entity=county&limit=1`)
    expect(history[0]).toMatchObject({ operation: 'update', author: '市人普办 李敏', code: TINY.county })
    expect(history[0].before).toMatchObject({ deadline: '2026-11-15' })
    expect(history[0].after).toMatchObject({ deadline: '2026-12-20', updated_by: '市人普办 李敏', version: 2 })
  })

  it('is the report’s deadline now, and leaves the past with the deadline of then', async () => {
    expect(await reportCounty()).toMatchObject({ deadline: '2026-12-20', version: 2 })
    expect(await reportCounty(loaded)).toMatchObject({ deadline: '2026-11-15', version: 1 })
  })

  it('based on an old version is refused with 409 and the current settings, changing nothing', async () => {
    const before = await snapshot()
    const { status, body } = await city.api.patch(path, { version: 1, deadline: '2026-11-30' })
    expect(status).toBe(409)
    expect(body.error.code).toBe('stale_version')
    expect(body.error.current).toEqual({ code: TINY.county, name: '滕州市', deadline: '2026-12-20', version: 2 })
    expect(await snapshot()).toEqual(before)
  })

  it('can be cleared: the report then has no deadline', async () => {
    expect((await city.api.patch(path, { version: 2, deadline: null })).status).toBe(200)
    expect(await reportCounty()).toMatchObject({ deadline: null, version: 3 })
  })
})
