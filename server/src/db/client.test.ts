import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCity } from '../demo/load.ts'
import { paths } from '../env.ts'
import { openTestDatabase, type TestDatabase } from '../test/database.ts'
import { TINY, TINY_LOAD, tinyCity } from '../test/tiny-city.ts'
import { migrate } from './migrate.ts'

let testDb: TestDatabase

beforeAll(async () => {
  testDb = await openTestDatabase()
})
afterAll(() => testDb.dispose())

describe('the database', () => {
  it('keeps its data across a restart', async () => {
    await loadCity(testDb.db, tinyCity, TINY_LOAD)
    const db = await testDb.reopen()
    const [row] = await db.rows<{ buildings: number; changes: number }>(
      sql`SELECT (SELECT count(*)::int FROM building) AS buildings, (SELECT count(*)::int FROM change_log) AS changes`,
    )
    expect(row).toEqual({ buildings: 5, changes: 1 + 1 + 2 + 1 + 2 + 5 }) // county, township, districts, drawing, small areas, buildings
  })

  it('applies each migration once', async () => {
    expect(await migrate(testDb.db, paths.migrations)).toEqual([])
  })

  it('refuses a change without an author, so history is never anonymous', async () => {
    await expect(testDb.db.rows(sql`UPDATE building SET floors = 3 WHERE county_code = ${TINY.county} AND code = '3704810030380001'`)).rejects.toThrow()
    const [row] = await testDb.db.rows<{ floors: number }>(sql`SELECT floors FROM building WHERE code = '3704810030380001'`)
    expect(row?.floors).toBe(2)
  })

  it('rolls back a transaction whole, history included', async () => {
    const before = await testDb.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_log`)
    await expect(
      testDb.db.transaction('测试', async (tx) => {
        await tx.rows(sql`UPDATE building SET floors = 4 WHERE county_code = ${TINY.county} AND code = '3704810030380001'`)
        await tx.rows(sql`UPDATE building SET floors = -1 WHERE county_code = ${TINY.county} AND code = '3704810030380002'`)
      }),
    ).rejects.toThrow()
    expect(await testDb.db.rows(sql`SELECT count(*)::int AS n FROM change_log`)).toEqual(before)
    const [row] = await testDb.db.rows<{ floors: number }>(sql`SELECT floors FROM building WHERE code = '3704810030380001'`)
    expect(row?.floors).toBe(2)
  })

  it('enforces the code rules in SQL as well', async () => {
    await expect(
      testDb.db.transaction('测试', (tx) =>
        tx.rows(sql`INSERT INTO small_area (county_code, code, district_code, boundary, updated_by)
                    SELECT ${TINY.county}, '370481003039001', ${TINY.district}, boundary, '测试' FROM district WHERE code = ${TINY.district}`),
      ),
    ).rejects.toThrow()
  })
})
