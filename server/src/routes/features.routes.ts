/**
 * The census features over HTTP: townships, districts, small areas and buildings as GeoJSON, and
 * the writes on them. Handlers only parse, authorise and hand over to the stores, one transaction
 * per write.
 */
import { Hono, type Context } from 'hono'
import {
  boundarySaveQuerySchema,
  buildingCreateSchema,
  buildingUpdateSchema,
  codeSchema,
  countyOf,
  districtUpdateSchema,
  listQuerySchema,
  smallAreaBoundariesSchema,
  smallAreaCreateSchema,
  smallAreaUpdateSchema,
  townshipUpdateSchema,
  versionQuerySchema,
  type CodeLevel,
  type ListQuery,
} from '@census/shared'
import type { Database, Executor } from '../db/client.ts'
import { requireCityOffice, requireWriter } from '../http/actor.ts'
import { type EntityName, notFound } from '../http/errors.ts'
import { parse, readJson, readQuery } from '../http/input.ts'
import { createBuilding, deleteBuilding, listBuildings, readBuilding, updateBuilding } from '../store/buildings.store.ts'
import { listDistricts, readDistrict, updateDistrict } from '../store/districts.store.ts'
import { createSmallArea, deleteSmallArea, listSmallAreas, readSmallArea, updateSmallArea, updateSmallAreaBoundaries } from '../store/small-areas.store.ts'
import { listTownships, readTownship, updateTownship } from '../store/townships.store.ts'

function geojson(c: Context, body: string): Response {
  return c.body(body, 200, { 'content-type': 'application/geo+json; charset=utf-8' })
}

function codeParam(c: Context, level: CodeLevel): string {
  return parse(codeSchema(level), c.req.param('code'))
}

/** GET /<collection> and GET /<collection>/:code for one kind of feature. */
function readRoutes(
  app: Hono,
  db: Database,
  collection: string,
  level: CodeLevel,
  entity: EntityName,
  list: (tx: Executor, q: ListQuery) => Promise<string>,
  read: (tx: Executor, code: string) => Promise<unknown>,
) {
  app.get(`/${collection}`, async (c) => geojson(c, await list(db, readQuery(c, listQuerySchema))))
  app.get(`/${collection}/:code`, async (c) => {
    const code = codeParam(c, level)
    const feature = await read(db, code)
    if (feature === null) throw notFound(entity, code)
    return c.json(feature)
  })
}

export function featureRoutes(db: Database): Hono {
  const app = new Hono()
  readRoutes(app, db, 'townships', 'township', 'township', listTownships, readTownship)
  readRoutes(app, db, 'districts', 'district', 'district', listDistricts, readDistrict)
  readRoutes(app, db, 'small-areas', 'smallArea', 'small_area', listSmallAreas, readSmallArea)
  readRoutes(app, db, 'buildings', 'building', 'building', listBuildings, readBuilding)

  // The expected buildings are the city office's to set: a city-level action, not the township's.
  app.patch('/townships/:code', async (c) => {
    const code = codeParam(c, 'township')
    const actor = requireCityOffice(c, countyOf(code))
    const change = await readJson(c, townshipUpdateSchema)
    return c.json(await db.transaction(actor.name, (tx) => updateTownship(tx, code, change, actor.name)))
  })
  app.patch('/districts/:code', async (c) => {
    const code = codeParam(c, 'district')
    const actor = requireWriter(c, code)
    const change = await readJson(c, districtUpdateSchema)
    const { overlaps } = readQuery(c, boundarySaveQuerySchema)
    return c.json(await db.transaction(actor.name, (tx) => updateDistrict(tx, code, change, actor.name, overlaps)))
  })
  app.delete('/districts/:code/boundary', async (c) => {
    const code = codeParam(c, 'district')
    const actor = requireWriter(c, code)
    const { version } = readQuery(c, versionQuerySchema)
    return c.json(await db.transaction(actor.name, (tx) => updateDistrict(tx, code, { version, boundary: null }, actor.name)))
  })

  app.post('/small-areas', async (c) => {
    const input = await readJson(c, smallAreaCreateSchema)
    const { overlaps } = readQuery(c, boundarySaveQuerySchema)
    const actor = requireWriter(c, input.districtCode)
    return c.json(await db.transaction(actor.name, (tx) => createSmallArea(tx, input, actor.name, overlaps)), 201)
  })
  // A border two small areas share, moved on both sides: saved all or none, in one transaction.
  app.post('/small-areas/boundaries', async (c) => {
    const changes = await readJson(c, smallAreaBoundariesSchema)
    const { overlaps } = readQuery(c, boundarySaveQuerySchema)
    const [actor] = changes.map((change) => requireWriter(c, change.code))
    return c.json({ smallAreas: await db.transaction(actor!.name, (tx) => updateSmallAreaBoundaries(tx, changes, actor!.name, overlaps)) })
  })
  app.patch('/small-areas/:code', async (c) => {
    const code = codeParam(c, 'smallArea')
    const actor = requireWriter(c, code)
    const change = await readJson(c, smallAreaUpdateSchema)
    const { overlaps } = readQuery(c, boundarySaveQuerySchema)
    return c.json(await db.transaction(actor.name, (tx) => updateSmallArea(tx, code, change, actor.name, overlaps)))
  })
  app.delete('/small-areas/:code', async (c) => {
    const code = codeParam(c, 'smallArea')
    const actor = requireWriter(c, code)
    const { version } = readQuery(c, versionQuerySchema)
    await db.transaction(actor.name, (tx) => deleteSmallArea(tx, code, version))
    return c.json({ deleted: code })
  })

  app.post('/buildings', async (c) => {
    const input = await readJson(c, buildingCreateSchema)
    const actor = requireWriter(c, input.districtCode)
    return c.json(await db.transaction(actor.name, (tx) => createBuilding(tx, input, actor.name)), 201)
  })
  app.patch('/buildings/:code', async (c) => {
    const code = codeParam(c, 'building')
    const actor = requireWriter(c, code)
    const change = await readJson(c, buildingUpdateSchema)
    return c.json(await db.transaction(actor.name, (tx) => updateBuilding(tx, code, change, actor.name)))
  })
  app.delete('/buildings/:code', async (c) => {
    const code = codeParam(c, 'building')
    const actor = requireWriter(c, code)
    const { version } = readQuery(c, versionQuerySchema)
    await db.transaction(actor.name, (tx) => deleteBuilding(tx, code, version))
    return c.json({ deleted: code })
  })
  return app
}
