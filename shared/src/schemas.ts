/**
 * What the API accepts and returns, as zod schemas shared by the server (which checks) and the web
 * (which builds requests and reads features). Geometry arrives as GeoJSON (RFC 7946, lon/lat WGS84).
 */
import { z } from 'zod'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import { checkCode, parentCode, type CodeLevel } from './codes.ts'
import { checkPoint, checkPolygonal, onCoordinateGrid, toMultiPolygon } from './geometry/validate.ts'
import { checkFootprint } from './geometry/footprint.ts'
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
  .transform((g) => onCoordinateGrid(toMultiPolygon(g as Polygon | MultiPolygon)))

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

/** A China calendar day, "2026-08-15". */
export const chinaDaySchema = z.string().superRefine((day, ctx) => {
  if (!z.iso.date().safeParse(day).success) {
    const bilingual = { zh: '日期应写作“年-月-日”，例如 2026-08-15', en: 'A day is written year-month-day, e.g. 2026-08-15' }
    ctx.addIssue({ code: 'custom', message: bilingual.en, params: { bilingual } })
  }
})

/**
 * The city office's settings of the county's campaign: the deadline of the current stage (区划绘图),
 * one China calendar day for the whole county, which every township's forecast is judged against;
 * null clears it.
 */
export const countyUpdateSchema = z
  .object({
    version,
    deadline: chinaDaySchema.nullable(),
  })
  .strict()
export type CountyUpdate = z.infer<typeof countyUpdateSchema>

/** What `PATCH /api/counties/:code` returns, and the report carries as of its moment. */
export interface CountySettings {
  code: string
  name: string
  /** The current stage's last day in China ("2026-08-15"), or null while the office has set none. */
  deadline: string | null
  version: number
}

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

/** The most small areas one joint save may carry: a vertex where a few meet, a stretch with a few neighbours. */
export const SMALL_AREA_BOUNDARIES_MAX = 20

/**
 * Boundaries of small areas of one district saved together, all or none (a border two small areas
 * share, moved on both sides): each as its PATCH would send it, named by its code.
 */
export const smallAreaBoundariesSchema = z
  .array(z.object({ code: codeSchema('smallArea'), version, boundary: polygonalSchema }).strict())
  .min(1)
  .max(SMALL_AREA_BOUNDARIES_MAX)
  .superRefine((changes, ctx) => {
    const [first] = changes
    if (!first) return
    const district = parentCode('smallArea', first.code)
    changes.forEach(({ code }, i) => {
      const bilingual =
        changes.findIndex((c) => c.code === code) !== i
          ? { zh: `普查小区“${code}”出现了两次`, en: `The small area "${code}" is named twice` }
          : parentCode('smallArea', code) !== district
            ? { zh: `一起保存的普查小区须在同一普查区内：“${code}”不在“${district}”`, en: `Small areas saved together must be in one district: "${code}" is not in "${district}"` }
            : null
      if (bilingual) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: bilingual.en, params: { bilingual } })
    })
  })
export type SmallAreaBoundaries = z.infer<typeof smallAreaBoundariesSchema>

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
  // Only once the footprint and the point are each valid: zod runs this even when a field failed.
  .superRefine((b, ctx) => addProblems(ctx, b.footprint ? checkFootprint(b.footprint, b.location.coordinates) : [], ''), {
    when: (payload) => payload.issues.length === 0,
  })
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
  /** How many small areas it is divided into (0: not yet divided). */
  smallAreas: number
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
  /** The outline traced round the building's point, if someone traced one. */
  footprint: MultiPolygon | null
  version: number
  updatedAt: string
  updatedBy: string
}

/** An optional XYZ raster base map (e.g. Tianditu with a key); without one the map is drawn offline. */
export interface Basemap {
  /** A tile server's template, or the server's own path for its tile folder (BASEMAP_DIR). */
  url: string
  attribution: string
  /** The deepest zoom it has tiles for, when known (a tile folder's); beyond it the map enlarges those. */
  maxZoom?: number
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
