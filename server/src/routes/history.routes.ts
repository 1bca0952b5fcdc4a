import { Hono } from 'hono'
import { z } from 'zod'
import { codeSchema, countyOf, historyEntities } from '@census/shared'
import type { Database } from '../db/client.ts'
import { requireWriter } from '../http/actor.ts'
import { parse, readQuery } from '../http/input.ts'
import { listHistory, restoreDeleted } from '../store/history.store.ts'

const historyQuerySchema = z
  .object({
    /** A code of any level; its first six digits are the county. */
    scope: z.string().regex(/^[0-9]{6,16}$/, 'scope must be a code of 6 to 16 digits'),
    entity: z.enum(historyEntities).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()

export function historyRoutes(db: Database): Hono {
  const app = new Hono()
  app.get('/history', async (c) => c.json(await listHistory(db, readQuery(c, historyQuerySchema))))
  // Entries are numbered per county (the key the table is sharded by), so the county is in the path.
  app.post('/history/:county/:id/restore', async (c) => {
    const county = parse(codeSchema('county'), c.req.param('county'))
    const id = parse(z.coerce.number().int().min(1), c.req.param('id'))
    const actor = requireWriter(c, county)
    return c.json(await db.transaction(actor.name, (tx) => restoreDeleted(tx, countyOf(county), id)))
  })
  return app
}
