/** Reading and checking request input with the shared zod schemas; failures become 400s with field paths. */
import type { Context } from 'hono'
import type { z } from 'zod'
import { problemsFromZod } from '@census/shared'
import { CensusError, invalidInput } from './errors.ts'

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new CensusError(400, 'invalid_input', { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' })
  }
  return parse(schema, body)
}

/** Whether the browser already holds the version `etag` names (If-None-Match): then a 304 answers it. */
export function alreadyHeld(c: Context, etag: string): boolean {
  return (c.req.header('if-none-match') ?? '').split(',').some((tag) => tag.trim() === etag)
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parse(schema, c.req.query())
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const problems = problemsFromZod(result.error)
    throw invalidInput(problems, problems.some((p) => /^(\[\d+\]\.)?(boundary|location|footprint)/.test(p.path)) ? 'invalid_geometry' : 'invalid_input')
  }
  return result.data
}
