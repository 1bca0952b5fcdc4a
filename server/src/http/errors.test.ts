import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ErrorBody } from '@census/shared'
import { handleError } from './errors.ts'

/** An app whose one route fails as the database driver would, with this SQLSTATE. */
async function failWith(sqlState: string) {
  const app = new Hono()
  app.onError(handleError)
  app.get('/', () => {
    throw Object.assign(new Error('from the database'), { code: sqlState })
  })
  const response = await app.request('/')
  return { status: response.status, body: (await response.json()) as ErrorBody }
}

describe('database errors a person can act on', () => {
  it('a deadlock or serialization failure is a conflict to retry, in both languages, not a server fault', async () => {
    for (const state of ['40P01', '40001']) {
      const { status, body } = await failWith(state)
      expect(status).toBe(409)
      expect(body.error.message.zh).toContain('请重试')
      expect(body.error.message.en).toContain('try again')
    }
  })

  it('anything else unknown stays an internal error that says nothing was changed', async () => {
    const { status, body } = await failWith('XX000')
    expect(status).toBe(500)
    expect(body.error.code).toBe('internal')
  })
})
