import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import type { AppConfig, Basemap } from '@census/shared'
import type { Database } from '../db/client.ts'
import { installationCounty } from '../store/county.store.ts'

export function systemRoutes(db: Database, basemap: Basemap | null): Hono {
  const app = new Hono()
  app.get('/health', async (c) => {
    const [versions] = await db.rows<{ postgres: string; postgis: string; geos: string }>(
      sql`SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis, postgis_geos_version() AS geos`,
    )
    return c.json({ ok: true, database: { kind: db.kind, ...versions } })
  })
  app.get('/config', async (c) => {
    const config: AppConfig = { basemap, county: await installationCounty(db) }
    return c.json(config)
  })
  return app
}
