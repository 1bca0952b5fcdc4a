/** Topology over HTTP: the findings of a scope, and the per-township counts for the city. */
import { Hono } from 'hono'
import { countyOf, fillGapSchema, mergeSchema, snapSchema, splitSchema, topologyOptions, topologyQuerySchema, topologyScopeSchema } from '@census/shared'
import type { Database } from '../db/client.ts'
import { requireWriter } from '../http/actor.ts'
import { parse, readJson, readQuery } from '../http/input.ts'
import { installationCounty } from '../store/county.store.ts'
import { censusFindings, storedCitySummary, storedFindings } from './census.sql.ts'
import { mergeSmallAreas } from './merge.sql.ts'
import { fillGap } from './repairs.sql.ts'
import { snapSmallArea } from './snap.sql.ts'
import { splitArea } from './split.sql.ts'

export function topologyRoutes(db: Database): Hono {
  const app = new Hono()
  app.get('/topology', async (c) => {
    const { scope, ...tolerances } = readQuery(c, topologyQuerySchema)
    // With the default tolerances (what the editor asks), the findings are kept at the county's revision.
    const byDefault = Object.values(tolerances).every((v) => v === undefined)
    const findings = await db.transaction('topology check', (tx) =>
      byDefault ? storedFindings(tx, scope) : censusFindings(tx, scope, topologyOptions(tolerances)),
    )
    return c.json({ scope, findings })
  })
  app.get('/topology/summary', async (c) => {
    // ?county= picks a county; without it, the installation's.
    const county = c.req.query('county') ?? (await installationCounty(db))?.code
    if (!county) return c.json({ county: null, revision: 0, townships: [] })
    parse(topologyScopeSchema, county)
    // Writes only the stored summary, which no history records.
    return c.json({ county, ...(await db.transaction('topology check', (tx) => storedCitySummary(tx, countyOf(county)))) })
  })
  app.post('/topology/repairs/fill-gap', async (c) => {
    const { district, point } = await readJson(c, fillGapSchema)
    const actor = requireWriter(c, district)
    return c.json(await db.transaction(actor.name, (tx) => fillGap(tx, district, point, actor.name)))
  })
  app.post('/topology/repairs/split', async (c) => {
    const request = await readJson(c, splitSchema)
    const actor = requireWriter(c, request.target)
    return c.json(await db.transaction(actor.name, (tx) => splitArea(tx, request, actor.name)))
  })
  app.post('/topology/repairs/merge', async (c) => {
    const request = await readJson(c, mergeSchema)
    const actor = requireWriter(c, request.smallAreas[0])
    requireWriter(c, request.smallAreas[1])
    return c.json(await db.transaction(actor.name, (tx) => mergeSmallAreas(tx, request, actor.name)))
  })
  app.post('/topology/repairs/snap', async (c) => {
    const request = await readJson(c, snapSchema)
    const actor = requireWriter(c, request.smallArea)
    return c.json(await db.transaction(actor.name, (tx) => snapSmallArea(tx, request, actor.name)))
  })
  return app
}
