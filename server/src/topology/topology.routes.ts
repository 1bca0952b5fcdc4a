/** Topology over HTTP: the findings of a scope, and the per-township counts for the city. */
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { countyOf, fillGapSchema, topologyOptions, topologyQuerySchema, topologyScopeSchema } from '@census/shared'
import type { Database } from '../db/client.ts'
import { requireWriter } from '../http/actor.ts'
import { parse, readJson, readQuery } from '../http/input.ts'
import { censusFindings, citySummary } from './census.sql.ts'
import { fillGap } from './repairs.sql.ts'

export function topologyRoutes(db: Database): Hono {
  const app = new Hono()
  app.get('/topology', async (c) => {
    const { scope, ...tolerances } = readQuery(c, topologyQuerySchema)
    // A transaction only to scope its settings (see withoutJit); the checks write nothing.
    const findings = await db.transaction('topology check', (tx) => censusFindings(tx, scope, topologyOptions(tolerances)))
    return c.json({ scope, findings })
  })
  app.get('/topology/summary', async (c) => {
    // One county per installation for now (as /api/config); ?county= picks another.
    const county = c.req.query('county') ?? (await db.rows<{ code: string }>(sql`SELECT county_code AS code FROM county ORDER BY county_code LIMIT 1`))[0]?.code
    if (!county) return c.json({ county: null, townships: [] })
    parse(topologyScopeSchema, county)
    return c.json({ county, townships: await db.transaction('topology check', (tx) => citySummary(tx, countyOf(county))) })
  })
  app.post('/topology/repairs/fill-gap', async (c) => {
    const { district, point } = await readJson(c, fillGapSchema)
    const actor = requireWriter(c, district)
    return c.json(await db.transaction(actor.name, (tx) => fillGap(tx, district, point, actor.name)))
  })
  return app
}
