/**
 * The HTTP application, built from what it needs (`createApp({ db })`) so that tests run the real
 * app in-process against a real PostGIS, with no port and no global state.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import type { Basemap } from '@census/shared'
import type { Database } from './db/client.ts'
import { CensusError, handleError } from './http/errors.ts'
import { basemapRoutes, type TileFolder } from './routes/basemap.routes.ts'
import { countyRoutes } from './routes/county.routes.ts'
import { featureRoutes } from './routes/features.routes.ts'
import { historyRoutes } from './routes/history.routes.ts'
import { reportRoutes } from './report/report.routes.ts'
import { systemRoutes } from './routes/system.routes.ts'
import { tileRoutes } from './routes/tiles.routes.ts'
import { topologyRoutes } from './topology/topology.routes.ts'

/** Large enough for a district boundary traced at 1 m resolution; larger is a mistake or an import. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024

export interface AppDependencies {
  db: Database
  /** The base map the page is told of (`/api/config`). */
  basemap?: Basemap | null
  /** A folder of base-map tiles this server serves (`/api/basemap/…`, BASEMAP_DIR). */
  tileFolder?: TileFolder | null
}

export function createApp({ db, basemap = null, tileFolder = null }: AppDependencies): Hono {
  const api = new Hono()
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new CensusError(413, 'payload_too_large', {
          zh: `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 上限`,
          en: `The request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`,
        })
      },
    }),
  )
  api.route('/', systemRoutes(db, basemap))
  api.route('/', featureRoutes(db))
  api.route('/', countyRoutes(db))
  api.route('/', historyRoutes(db))
  api.route('/', topologyRoutes(db))
  api.route('/', reportRoutes(db))
  api.route('/', tileRoutes(db))
  if (tileFolder) api.route('/', basemapRoutes(tileFolder))
  // Unknown API paths answer in the error shape, and never fall through to the web page.
  api.all('*', () => {
    throw new CensusError(404, 'not_found', { zh: '没有这个接口', en: 'No such API endpoint' })
  })

  const app = new Hono()
  app.onError(handleError)
  // GeoJSON shrinks to about a fifth (a county's districts: 1 MB → 0.2 MB), the page's script too.
  // Tiles carry their own gzip, which this leaves alone.
  app.use(compress())
  app.route('/api', api)
  return app
}
