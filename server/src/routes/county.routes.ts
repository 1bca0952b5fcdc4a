/** The county's campaign settings over HTTP: the deadline every township's forecast is judged against. */
import { Hono } from 'hono'
import { codeSchema, countyUpdateSchema } from '@census/shared'
import type { Database } from '../db/client.ts'
import { requireCityOffice } from '../http/actor.ts'
import { parse, readJson } from '../http/input.ts'
import { updateCountySettings } from '../store/county.store.ts'

export function countyRoutes(db: Database): Hono {
  const app = new Hono()
  // One deadline for the whole county, set by the city office (the report reads it as of its moment).
  app.patch('/counties/:code', async (c) => {
    const county = parse(codeSchema('county'), c.req.param('code'))
    const actor = requireCityOffice(c, county)
    const change = await readJson(c, countyUpdateSchema)
    return c.json(await db.transaction(actor.name, (tx) => updateCountySettings(tx, county, change, actor.name)))
  })
  return app
}
