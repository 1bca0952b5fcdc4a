/** What `GET /api/topology` accepts: a scope (city, township or district code) and the tolerances. */
import { z } from 'zod'
import { checkCode, type CodeLevel } from '../codes.ts'
import { codeSchema } from '../schemas.ts'
import { TOPOLOGY_DEFAULTS, type TopologyOptions } from './findings.ts'

const SCOPE_LEVELS: Record<number, CodeLevel> = { 6: 'county', 9: 'township', 12: 'district' }

export const topologyScopeSchema = z.string().superRefine((code, ctx) => {
  const level = SCOPE_LEVELS[code.length]
  const problem = level
    ? checkCode(level, code)
    : { zh: '范围应为市（6 位）、乡镇街道（9 位）或普查区（12 位）代码', en: 'The scope must be a city (6 digits), township (9) or district (12) code' }
  if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: { bilingual: problem } })
})

export const topologyQuerySchema = z
  .object({
    scope: topologyScopeSchema,
    nearMissM: z.coerce.number().min(0).max(10).optional(),
    householdTarget: z.coerce.number().int().min(1).max(999).optional(),
  })
  .strict()
export type TopologyQuery = z.infer<typeof topologyQuerySchema>

export function topologyOptions(query: Partial<Pick<TopologyOptions, 'nearMissM' | 'householdTarget'>>): TopologyOptions {
  return { ...TOPOLOGY_DEFAULTS, ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) }
}

/** `POST /api/topology/repairs/fill-gap`: the gap of a district that contains `point` goes to its longest neighbour. */
export const fillGapSchema = z
  .object({
    district: codeSchema('district'),
    point: z.tuple([z.number().finite(), z.number().finite()]),
  })
  .strict()
export type FillGap = z.infer<typeof fillGapSchema>
