import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import type { AppConfig, Basemap } from '@census/shared'
import type { Database } from '../db/client.ts'

export function systemRoutes(db: Database, basemap: Basemap | null): Hono {
  const app = new Hono()
  app.get('/health', async (c) => {
    const [versions] = await db.rows<{ postgres: string; postgis: string; geos: string }>(
      sql`SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis, postgis_geos_version() AS geos`,
    )
    return c.json({ ok: true, database: { kind: db.kind, ...versions } })
  })
  app.get('/config', async (c) => {
    // One county per installation for now; a city-wide installation will list several.
    const [county] = await db.rows<{ code: string; name: string }>(sql`SELECT county_code AS code, name FROM county ORDER BY county_code LIMIT 1`)
    const config: AppConfig = { basemap, county: county ?? null }
    return c.json(config)
  })
  return app
}
