/** Calls the real app in-process (Hono's app.request): no port, no network. */
import type { Hono } from 'hono'
import { ACTOR_HEADER } from '../http/actor.ts'

export interface ApiResponse<T = any> {
  status: number
  body: T
}

export function apiClient(app: Hono, user: string | null = '王芳') {
  async function call<T = any>(method: string, path: string, body?: unknown, as: string | null = user): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (as !== null) headers[ACTOR_HEADER] = encodeURIComponent(as)
    const response = await app.request(`/api${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body: unknown, as?: string | null) => call<T>('POST', path, body, as),
    patch: <T = any>(path: string, body: unknown, as?: string | null) => call<T>('PATCH', path, body, as),
    delete: <T = any>(path: string, as?: string | null) => call<T>('DELETE', path, undefined, as),
  }
}
