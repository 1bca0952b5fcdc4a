/**
 * What the API accepts and returns, as zod schemas shared by the server (which checks) and the web
 * (which builds requests and reads features). Geometry arrives as GeoJSON (RFC 7946, lon/lat WGS84).
 */
import { z } from 'zod'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import { checkCode, type CodeLevel } from './codes.ts'
import { checkPoint, checkPolygonal, toMultiPolygon } from './geometry/validate.ts'
import type { FieldProblem } from './errors.ts'
import { boundaryStatus, buildingUse, townshipKind, SMALL_AREA_MAX_HOUSEHOLDS } from './vocabulary.ts'

/** Custom zod issues carry their bilingual message in `params` so the server can show both languages. */
function addProblems(ctx: z.RefinementCtx, problems: FieldProblem[], basePath: string) {
  for (const p of problems) {
    const rest = p.path.slice(basePath.length)
    ctx.addIssue({ code: 'custom', message: p.message.en, params: { bilingual: p.message, subPath: rest } })
  }
}

export function codeSchema(level: CodeLevel) {
  return z.string().superRefine((code, ctx) => {
    const problem = checkCode(level, code)
    if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: { bilingual: problem } })
  })
}

export const polygonalSchema = z
  .unknown()
  .superRefine((g, ctx) => addProblems(ctx, checkPolygonal(g, ''), ''))
  .transform((g) => toMultiPolygon(g as Polygon | MultiPolygon))

export const pointSchema = z
  .unknown()
  .superRefine((g, ctx) => addProblems(ctx, checkPoint(g, ''), ''))
  .transform((g) => g as Point)

const version = z.number().int().min(1)
const boundaryStatusSchema = z.enum(boundaryStatus.values)
const shortText = (max: number) => z.string().trim().max(max)

/**
 * The city office's estimate of a township's buildings (the denominator of 建筑物标绘率); null clears
 * it. The day it was entered is stamped by the server.
 */
export const townshipUpdateSchema = z
  .object({
    version,
    expectedBuildings: z.number().int().min(0).max(10_000_000).nullable(),
  })
  .strict()
export type TownshipUpdate = z.infer<typeof townshipUpdateSchema>

export const districtUpdateSchema = z
  .object({
    version,
    /** null removes the drawn boundary (the district itself is on the official list and stays). */
    boundary: polygonalSchema.nullable().optional(),
    status: boundaryStatusSchema.optional(),
  })
  .strict()
export type DistrictUpdate = z.infer<typeof districtUpdateSchema>

export const smallAreaCreateSchema = z
  .object({
    districtCode: codeSchema('district'),
    /** Omit to get the district's next free code. */
    code: codeSchema('smallArea').optional(),
    virtual: z.boolean().default(false),
    boundary: polygonalSchema,
    enumerator: shortText(40).optional(),
    status: boundaryStatusSchema.default('drawn'),
  })
  .strict()
export type SmallAreaCreate = z.infer<typeof smallAreaCreateSchema>

export const smallAreaUpdateSchema = z
  .object({
    version,
    boundary: polygonalSchema.optional(),
    enumerator: shortText(40).nullable().optional(),
    status: boundaryStatusSchema.optional(),
  })
  .strict()
export type SmallAreaUpdate = z.infer<typeof smallAreaUpdateSchema>

const buildingAttributes = {
  footprint: polygonalSchema.nullable().optional(),
  use: z.enum(buildingUse.values),
  floors: z.number().int().min(0).max(200),
  households: z.number().int().min(0).max(SMALL_AREA_MAX_HOUSEHOLDS),
  address: shortText(200).default(''),
  note: shortText(500).default(''),
}

export const buildingCreateSchema = z
  .object({
    districtCode: codeSchema('district'),
    location: pointSchema,
    ...buildingAttributes,
  })
  .strict()
export type BuildingCreate = z.infer<typeof buildingCreateSchema>

export const buildingUpdateSchema = z
  .object({
    version,
    location: pointSchema.optional(),
    footprint: buildingAttributes.footprint,
    use: buildingAttributes.use.optional(),
    floors: buildingAttributes.floors.optional(),
    households: buildingAttributes.households.optional(),
    address: shortText(200).optional(),
    note: shortText(500).optional(),
  })
  .strict()
export type BuildingUpdate = z.infer<typeof buildingUpdateSchema>

/** `?bbox=west,south,east,north` in degrees. */
export const bboxSchema = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(z.tuple([z.number(), z.number(), z.number(), z.number()]))
  .refine(([w, s, e, n]) => w < e && s < n, { message: 'bbox must be west,south,east,north with west < east and south < north' })

export const listQuerySchema = z
  .object({
    township: codeSchema('township').optional(),
    district: codeSchema('district').optional(),
    bbox: bboxSchema.optional(),
  })
  .strict()
export type ListQuery = z.infer<typeof listQuerySchema>

export const versionQuerySchema = z.object({ version: z.coerce.number().int().min(1) }).strict()

// ---- What the API returns as feature properties ----

export interface TownshipProperties {
  code: string
  name: string
  kind: (typeof townshipKind.values)[number]
  expectedBuildings: number | null
  version: number
}

export interface DistrictProperties {
  code: string
  name: string
  townshipCode: string
  urbanRuralCode: string | null
  status: (typeof boundaryStatus.values)[number]
  version: number
  updatedAt: string
  updatedBy: string
}

export interface SmallAreaProperties {
  code: string
  districtCode: string
  virtual: boolean
  enumerator: string | null
  status: (typeof boundaryStatus.values)[number]
  households: number
  buildings: number
  version: number
  updatedAt: string
  updatedBy: string
}

export interface BuildingProperties {
  code: string
  districtCode: string
  smallAreaCode: string | null
  use: (typeof buildingUse.values)[number]
  floors: number
  households: number
  address: string
  note: string
  hasFootprint: boolean
  version: number
  updatedAt: string
  updatedBy: string
}

/** An optional XYZ raster base map (e.g. Tianditu with a key); without one the map is drawn offline. */
export interface Basemap {
  url: string
  attribution: string
}

/** GET /api/config: what the page needs to know about this installation. */
export interface AppConfig {
  basemap: Basemap | null
  /** The county the data covers (the header names it). */
  county: { code: string; name: string } | null
}

export const historyEntities = ['county', 'township', 'district', 'small_area', 'building'] as const
export type HistoryEntity = (typeof historyEntities)[number]

export interface HistoryEntry {
  id: number
  entity: HistoryEntity
  code: string
  operation: 'create' | 'update' | 'delete'
  author: string
  at: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}
