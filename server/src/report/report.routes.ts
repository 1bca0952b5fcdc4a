/** The completion report over HTTP: figures for one moment (and whether findings exist for it), and the daily series for the charts. */
import { Hono } from 'hono'
import { completionReport, reportFindings, reportQuerySchema, seriesQuerySchema, type ReportResponse } from '@census/shared'
import type { Database } from '../db/client.ts'
import { readQuery } from '../http/input.ts'
import { countySettingsAsOf, installationCounty } from '../store/county.store.ts'
import { completionSeries, townshipTallies } from './report.store.ts'

export function reportRoutes(db: Database): Hono {
  const app = new Hono()
  app.get('/report', async (c) => {
    const query = readQuery(c, reportQuerySchema)
    const now = new Date()
    const asOf = query.asOf ? new Date(query.asOf) : now
    const county = query.county ?? (await installationCounty(db))?.code
    const report: ReportResponse = {
      ...completionReport(asOf, county ? await townshipTallies(db, county, asOf) : []),
      // Checking a city's topology takes seconds, the report milliseconds: the page asks for the
      // counts separately and fills them in (see GET /api/topology/summary).
      findings: reportFindings(asOf, now, `/api/topology/summary${county ? `?county=${county}` : ''}`),
      county: county ? await countySettingsAsOf(db, county, asOf) : null,
    }
    return c.json(report)
  })
  app.get('/report/series', async (c) => {
    const query = readQuery(c, seriesQuerySchema)
    const until = query.until ? new Date(query.until) : new Date()
    const county = query.county ?? (await installationCounty(db))?.code
    return c.json(county ? await completionSeries(db, county, until) : { days: [], townships: [] })
  })
  return app
}
