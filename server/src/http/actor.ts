/**
 * Who is asking, and what they may do: the one place where permissions are decided. Until logins
 * arrive (roles scoped to city / township / village), a writer names themself in the
 * `X-Census-User` header (URL-encoded, so Chinese names travel safely) and may write anywhere;
 * reads are open. Routes only call `requireWriter`, so scoped roles slot in here alone.
 */
import type { Context } from 'hono'
import { CensusError } from './errors.ts'

export interface Actor {
  name: string
}

export const ACTOR_HEADER = 'X-Census-User'

function decodeName(raw: string): string | null {
  try {
    const name = decodeURIComponent(raw).trim()
    return name.length >= 1 && name.length <= 40 ? name : null
  } catch {
    return null
  }
}

/**
 * The actor allowed to change what lies under `scopeCode` (a township, district, small-area or
 * building code): every scope check goes through here.
 */
export function requireWriter(c: Context, _scopeCode: string): Actor {
  const raw = c.req.header(ACTOR_HEADER)
  const name = raw === undefined ? null : decodeName(raw)
  if (name === null) {
    throw new CensusError(403, 'forbidden', {
      zh: `修改数据前请先署名：请求需带 ${ACTOR_HEADER} 头（1–40 个字符）`,
      en: `Name yourself before changing data: send the ${ACTOR_HEADER} header (1–40 characters)`,
    })
  }
  return { name }
}

/**
 * The actor allowed a city-level action on `county` (a 6-digit code): the city office's settings
 * that every township's figures depend on, such as a township's expected buildings. Until logins
 * arrive it is any named writer, as for every write; when roles do, only the city office's passes
 * here, and a township clerk (who could otherwise lower their own target) is refused.
 */
export function requireCityOffice(c: Context, county: string): Actor {
  return requireWriter(c, county)
}
