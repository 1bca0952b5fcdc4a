/**
 * Starts the census server: configuration, database (embedded or server), migrations, the demo
 * city on first start, then the API and the built web page on one port.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app.ts'
import { openDatabase } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { configuredBasemap } from './routes/basemap.routes.ts'
import { ensureTengzhouDemo } from './demo/tengzhou-demo.ts'
import { paths, readEnv } from './env.ts'

function log(message: string) {
  console.log(`[census] ${message}`)
}

async function main() {
  const env = readEnv()
  const started = Date.now()
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR })
  log(db.kind === 'embedded' ? `嵌入式数据库 / embedded PGlite + PostGIS at ${env.DATA_DIR}` : '数据库服务器 / PostgreSQL server from DATABASE_URL')
  const applied = await migrate(db, paths.migrations)
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`)
  if (env.DEMO === 'tengzhou') {
    const result = await ensureTengzhouDemo(db, paths.fixtures, new Date(), (m) => log(`demo ${m}`))
    if (result === 'loaded') log('演示城市（滕州市）已加载 / demo city (Tengzhou) loaded')
  }

  const { basemap, tileFolder } = configuredBasemap({ url: env.BASEMAP_URL, dir: env.BASEMAP_DIR, scheme: env.BASEMAP_DIR_SCHEME, attribution: env.BASEMAP_ATTRIBUTION })
  if (tileFolder) log(`底图瓦片文件夹 / base-map tiles from ${tileFolder.dir} (${tileFolder.scheme})`)
  const app = createApp({ db, basemap, tileFolder })
  app.use('/*', serveStatic({ root: env.WEB_DIST }))
  // The page is a single-page app: any other path gets index.html.
  const indexHtml = (() => {
    try {
      return readFileSync(join(env.WEB_DIST, 'index.html'), 'utf8')
    } catch {
      return null
    }
  })()
  app.get('*', (c) => (indexHtml ? c.html(indexHtml) : c.text(`web page not built: run pnpm --filter @census/web build (looked in ${env.WEB_DIST})`, 404)))

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: '0.0.0.0' }, (info) => {
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${info.port}`)
  })
  const stop = () => {
    log('stopping')
    server.close()
    // PGlite must close cleanly to flush its data folder.
    void db.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
