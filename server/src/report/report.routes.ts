/** The completion report over HTTP: figures for one moment, and the daily series for the charts. */
import { Hono } from 'hono'
import { completionReport, reportQuerySchema, seriesQuerySchema } from '@census/shared'
import type { Database } from '../db/client.ts'
import { readQuery } from '../http/input.ts'
import { completionSeries, defaultCounty, townshipTallies } from './report.store.ts'

export function reportRoutes(db: Database): Hono {
  const app = new Hono()
  app.get('/report', async (c) => {
    const query = readQuery(c, reportQuerySchema)
    const asOf = query.asOf ? new Date(query.asOf) : new Date()
    const county = query.county ?? (await defaultCounty(db))
    return c.json(completionReport(asOf, county ? await townshipTallies(db, county, asOf) : []))
  })
  app.get('/report/series', async (c) => {
    const query = readQuery(c, seriesQuerySchema)
    const until = query.until ? new Date(query.until) : new Date()
    const county = query.county ?? (await defaultCounty(db))
    return c.json(county ? await completionSeries(db, county, until) : { days: [], townships: [] })
  })
  return app
}
