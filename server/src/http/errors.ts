/**
 * The one error type of the API and its one handler: every failure leaves as the ErrorBody shape
 * from shared/, with a message in Chinese and English, and the right status.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type Bilingual, type ErrorBody, type ErrorCode, type FieldProblem, formatBilingual } from '@census/shared'

export class CensusError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly bilingual: Bilingual,
    readonly extra: { problems?: FieldProblem[]; current?: unknown } = {},
  ) {
    super(formatBilingual(bilingual))
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.bilingual, ...this.extra } }
  }
}

export function invalidInput(problems: FieldProblem[], code: ErrorCode = 'invalid_input'): CensusError {
  const first = problems[0]
  const summary: Bilingual = first
    ? { zh: `输入有误（${first.path}）：${first.message.zh}`, en: `Invalid input (${first.path}): ${first.message.en}` }
    : { zh: '输入有误', en: 'Invalid input' }
  return new CensusError(400, code, summary, { problems })
}

const ENTITY_NAMES = {
  county: { zh: '县（市、区）', en: 'county' },
  township: { zh: '乡镇（街道）', en: 'township' },
  district: { zh: '普查区', en: 'census district' },
  small_area: { zh: '普查小区', en: 'small area' },
  building: { zh: '建筑物', en: 'building' },
  change: { zh: '历史记录', en: 'history entry' },
} as const satisfies Record<string, Bilingual>
export type EntityName = keyof typeof ENTITY_NAMES

export function entityName(entity: EntityName): Bilingual {
  return ENTITY_NAMES[entity]
}

export function notFound(entity: EntityName, code: string): CensusError {
  const name = ENTITY_NAMES[entity]
  return new CensusError(404, 'not_found', { zh: `找不到${name.zh}“${code}”`, en: `No ${name.en} "${code}"` })
}

/** 409 for a write based on an old version: the body carries the current state so nothing is lost. */
export function staleVersion(entity: EntityName, code: string, sentVersion: number, current: unknown): CensusError {
  const name = ENTITY_NAMES[entity]
  return new CensusError(
    409,
    'stale_version',
    {
      zh: `${name.zh}“${code}”已被他人修改（您基于第 ${sentVersion} 版）。请查看当前版本后再保存。`,
      en: `The ${name.en} "${code}" was changed by someone else (you edited version ${sentVersion}). Review the current version before saving.`,
    },
    { current },
  )
}

export function conflict(message: Bilingual): CensusError {
  return new CensusError(409, 'conflict', message)
}

/** The database's named rules, in the words of the census (migrations/ names them). */
const RULES: Record<string, Bilingual> = {
  district_drawn_before_status: {
    zh: '普查区尚未绘制边界，状态只能是“未开始”',
    en: 'A district without a boundary can only be "not started"',
  },
  district_code_in_township: { zh: '普查区代码必须以所属乡镇代码开头', en: "A district code must start with its township's code" },
  small_area_code_in_district: { zh: '普查小区代码必须以所属普查区代码开头', en: "A small area code must start with its district's code" },
  building_code_in_district: { zh: '建筑物编码必须以所属普查区代码开头', en: "A building code must start with its district's code" },
  township_code_in_county: { zh: '乡镇代码必须以所属县级代码开头', en: "A township code must start with its county's code" },
}

/** PostgreSQL errors that mean "the input broke a rule", not "the server broke". */
function databaseRuleError(error: unknown): CensusError | null {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint_name?: string; constraint?: string; message?: string }
  const constraint = cause.constraint_name ?? cause.constraint ?? ''
  switch (cause.code) {
    case '23505':
      return conflict({ zh: '编码已被占用，请刷新后重试', en: 'That code is already taken; refresh and try again' })
    // Writers of a county queue on its revision row (migrations/0005): two saves that lock the
    // same rows in the opposite order are broken up by PostgreSQL, and the one it rolls back is told.
    case '40P01':
    case '40001':
      return conflict({ zh: '同时有其他修改与本次保存冲突，本次保存未生效，请重试', en: 'Another change collided with this save; nothing was saved, please try again' })
    case '23514':
    case '23503':
    case '23502':
      return new CensusError(
        400,
        'invalid_input',
        RULES[constraint] ?? { zh: `数据不符合普查规则（${constraint || cause.code}）`, en: `The data breaks a rule of the census model (${constraint || cause.code})` },
      )
    default:
      return null
  }
}

export function handleError(error: unknown, c: Context): Response {
  const known = error instanceof CensusError ? error : databaseRuleError(error)
  if (known) return c.json(known.body(), known.status)
  console.error(error)
  const body: ErrorBody = {
    error: { code: 'internal', message: { zh: '服务器内部错误，数据未作更改', en: 'Internal server error; nothing was changed' } },
  }
  return c.json(body, 500)
}
