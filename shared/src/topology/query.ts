/** What `GET /api/topology` accepts: a scope (city, township or district code) and the tolerances. */
import { z } from 'zod'
import type { LineString, Position } from 'geojson'
import { checkCode, type CodeLevel } from '../codes.ts'
import type { FieldProblem } from '../errors.ts'
import { checkPosition } from '../geometry/validate.ts'
import { codeSchema } from '../schemas.ts'
import { TOPOLOGY_DEFAULTS, type TopologyFinding, type TopologyOptions } from './findings.ts'

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

/** How a boundary save treats its siblings: clip the new shape against them (the default), or refuse an overlap. */
export const overlapPolicies = ['clip', 'refuse'] as const
export type OverlapPolicy = (typeof overlapPolicies)[number]

/**
 * The query of `POST /api/small-areas`, `PATCH /api/small-areas/:code` and `PATCH /api/districts/:code`:
 * `?overlaps=refuse` turns clipping off.
 */
export const boundarySaveQuerySchema = z.object({ overlaps: z.enum(overlapPolicies).default('clip') })

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

const version = z.number().int().min(1)

/** The checks a drawn cutting line must pass before PostGIS sees it (PostGIS then checks it is simple). */
function lineProblems(g: unknown): FieldProblem[] {
  const line = g as Partial<LineString> | null
  if (!line || typeof line !== 'object' || line.type !== 'LineString' || !Array.isArray(line.coordinates)) {
    return [{ path: 'line', message: { zh: '分割线应为 GeoJSON LineString', en: 'The cutting line must be a GeoJSON LineString' } }]
  }
  const points = line.coordinates as unknown[]
  const problems = points.flatMap((p, i) => checkPosition(p, `line.coordinates[${i}]`))
  if (problems.length > 0) return problems
  if (points.length < 2) return [{ path: 'line', message: { zh: '分割线至少需要两个点', en: 'The cutting line needs at least two points' } }]
  const positions = points as Position[]
  const repeated = positions.findIndex((p, i) => i > 0 && p[0] === positions[i - 1]![0] && p[1] === positions[i - 1]![1])
  if (repeated > 0) {
    return [{ path: `line.coordinates[${repeated}]`, message: { zh: `第 ${repeated} 个点与前一个重复`, en: `Point ${repeated} repeats the one before it` } }]
  }
  return []
}

export const lineStringSchema = z
  .unknown()
  .superRefine((g, ctx) => {
    for (const p of lineProblems(g)) ctx.addIssue({ code: 'custom', message: p.message.en, params: { bilingual: p.message, subPath: p.path.slice('line'.length) } })
  })
  .transform((g) => g as LineString)

/**
 * `POST /api/topology/repairs/split`: cuts a small area, or a district that has none yet, along a
 * line drawn across it into two parts that share exactly that line.
 */
export const splitSchema = z
  .object({
    target: z.string().superRefine((code, ctx) => {
      const problem =
        code.length === 15 ? checkCode('smallArea', code)
        : code.length === 12 ? checkCode('district', code)
        : { zh: '分割对象应为普查区（12 位）或普查小区（15 位）代码', en: 'The target must be a district (12 digits) or small area (15 digits) code' }
      if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: { bilingual: problem } })
    }),
    version,
    line: lineStringSchema,
  })
  .strict()
export type SplitRequest = z.infer<typeof splitSchema>

/** `POST /api/topology/repairs/merge`: two neighbouring small areas of one district become the lower-coded one. */
export const mergeSchema = z
  .object({
    smallAreas: z.tuple([codeSchema('smallArea'), codeSchema('smallArea')]),
    versions: z.tuple([version, version]),
  })
  .strict()
export type MergeRequest = z.infer<typeof mergeSchema>

/** How far (metres) the snap repair may move a vertex, by default and at most. */
export const SNAP_TOLERANCE_M = { default: 0.5, max: 5 } as const

/** `POST /api/topology/repairs/snap`: a small area's vertices onto its neighbours' and its district's. */
export const snapSchema = z
  .object({
    smallArea: codeSchema('smallArea'),
    version,
    toleranceM: z.number().positive().max(SNAP_TOLERANCE_M.max).default(SNAP_TOLERANCE_M.default),
  })
  .strict()
export type SnapRequest = z.infer<typeof snapSchema>

/**
 * What split, merge and snap answer: every small area the repair wrote (as the API's features),
 * those it deleted, and the findings of the district afterwards. `moved`/`added` count vertices
 * (snap only).
 */
export interface RepairResult<F = unknown> {
  district: string
  smallAreas: F[]
  deleted: string[]
  findings: TopologyFinding[]
  moved?: number
  added?: number
}
