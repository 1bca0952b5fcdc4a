import { describe, expect, it } from 'vitest'
import { buildingCreateSchema, countyUpdateSchema, listQuerySchema, polygonalSchema, smallAreaBoundariesSchema, smallAreaCreateSchema } from './schemas.ts'
import { problemsFromZod } from './zod-problems.ts'

const square = {
  type: 'Polygon',
  coordinates: [[[117.1, 35.05], [117.11, 35.05], [117.11, 35.06], [117.1, 35.06], [117.1, 35.05]]],
}

function problemsOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value)
  if (result.success) return []
  return problemsFromZod(result.error as Parameters<typeof problemsFromZod>[0])
}

describe('smallAreaCreateSchema', () => {
  it('accepts a polygon and stores it as a MultiPolygon', () => {
    const parsed = smallAreaCreateSchema.parse({ districtCode: '370481003038', boundary: square })
    expect(parsed.boundary.type).toBe('MultiPolygon')
    expect(parsed.status).toBe('drawn')
    expect(parsed.virtual).toBe(false)
  })

  it('says which ring is not closed', () => {
    const open = { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4).concat([[117.1, 35.051]])] }
    const [p] = problemsOf(smallAreaCreateSchema, { districtCode: '370481003038', boundary: open })
    expect(p?.path).toBe('boundary.coordinates[0]')
    expect(p?.message.zh).toContain('环没有闭合')
    expect(p?.message.en).toContain('not closed')
  })

  it('finds a self-intersection (a bow tie) and where it is', () => {
    const bowTie = { type: 'Polygon', coordinates: [[[117.1, 35.05], [117.11, 35.06], [117.11, 35.05], [117.1, 35.06], [117.1, 35.05]]] }
    const [p] = problemsOf(smallAreaCreateSchema, { districtCode: '370481003038', boundary: bowTie })
    expect(p?.message.zh).toContain('自相交')
    expect(p?.message.en).toContain('117.105000, 35.055000')
  })

  it('refuses coordinates outside China and hints at swapped axes', () => {
    const swapped = { type: 'Polygon', coordinates: [square.coordinates[0]!.map(([x, y]) => [y, x])] }
    const [p] = problemsOf(smallAreaCreateSchema, { districtCode: '370481003038', boundary: swapped })
    expect(p?.path).toBe('boundary.coordinates[0][0]')
    expect(p?.message.zh).toContain('经纬度是否写反了')
  })

  it('refuses a wrong code and unknown fields, in both languages', () => {
    const problems = problemsOf(smallAreaCreateSchema, { districtCode: '3704810030', boundary: square, colour: 'red' })
    expect(problems.map((p) => p.path).sort()).toEqual(['(body)', 'districtCode'])
    expect(problems.find((p) => p.path === 'districtCode')?.message.zh).toContain('12 位')
    expect(problems.find((p) => p.path === '(body)')?.message.en).toContain('colour')
  })

  it('refuses a point where a boundary is expected', () => {
    const [p] = problemsOf(smallAreaCreateSchema, { districtCode: '370481003038', boundary: { type: 'Point', coordinates: [117.1, 35] } })
    expect(p?.path).toBe('boundary.type')
  })
})

describe('buildingCreateSchema', () => {
  const valid = { districtCode: '370481003038', location: { type: 'Point', coordinates: [117.1, 35.05] }, use: 'residential', floors: 2, households: 1 }
  it('fills defaults', () => {
    expect(buildingCreateSchema.parse(valid)).toMatchObject({ address: '', note: '' })
  })
  it('limits households to the 999 forms of a small area', () => {
    const [p] = problemsOf(buildingCreateSchema, { ...valid, households: 1000 })
    expect(p?.path).toBe('households')
    expect(p?.message.zh).toContain('999')
  })
  it('lists the allowed uses', () => {
    const [p] = problemsOf(buildingCreateSchema, { ...valid, use: 'castle' })
    expect(p?.message.en).toContain('residential')
  })
  it('takes a footprint round the point, and refuses one elsewhere (checkFootprint) or not a valid ring', () => {
    const around = { type: 'Polygon', coordinates: [[[117.0999, 35.0499], [117.1001, 35.0499], [117.1001, 35.0501], [117.0999, 35.0499]]] }
    expect(buildingCreateSchema.parse({ ...valid, footprint: around }).footprint?.type).toBe('MultiPolygon')
    const beside = { type: 'Polygon', coordinates: [around.coordinates[0]!.map(([x, y]) => [x! + 0.001, y!])] }
    const [far] = problemsOf(buildingCreateSchema, { ...valid, footprint: beside })
    expect(far?.path).toBe('footprint')
    expect(far?.message.zh).toContain('轮廓外')
    const [open] = problemsOf(buildingCreateSchema, { ...valid, footprint: { type: 'Polygon', coordinates: [around.coordinates[0]!.slice(0, 3)] } })
    expect(open?.path).toBe('footprint.coordinates[0]')
  })
})

describe('smallAreaBoundariesSchema', () => {
  const change = (code: string) => ({ code, version: 1, boundary: square })
  it('takes small areas of one district, each as its PATCH would send it', () => {
    const parsed = smallAreaBoundariesSchema.parse([change('370481003038001'), change('370481003038002')])
    expect(parsed.map((c) => [c.code, c.boundary.type])).toEqual([
      ['370481003038001', 'MultiPolygon'],
      ['370481003038002', 'MultiPolygon'],
    ])
  })
  it('refuses a small area named twice, or of another district, saying which', () => {
    const problems = problemsOf(smallAreaBoundariesSchema, [change('370481003038001'), change('370481003038001'), change('370481003039001')])
    expect(problems.map((p) => p.path)).toEqual(['[1].code', '[2].code'])
    expect(problems[0]?.message.zh).toContain('出现了两次')
    expect(problems[1]?.message.en).toContain('must be in one district')
  })
  it('refuses an empty list and a change without its version', () => {
    expect(problemsOf(smallAreaBoundariesSchema, [])).toHaveLength(1)
    expect(problemsOf(smallAreaBoundariesSchema, [{ code: '370481003038001', boundary: square }])[0]?.path).toBe('[0].version')
  })
})

describe('listQuerySchema', () => {
  it('parses a bbox and refuses an inverted one', () => {
    expect(listQuerySchema.parse({ bbox: '117,35,117.2,35.1' }).bbox).toEqual([117, 35, 117.2, 35.1])
    expect(listQuerySchema.safeParse({ bbox: '117.2,35,117,35.1' }).success).toBe(false)
  })
})

describe('countyUpdateSchema', () => {
  it('takes the deadline as a calendar day, or null to clear it', () => {
    expect(countyUpdateSchema.parse({ version: 1, deadline: '2026-08-15' })).toEqual({ version: 1, deadline: '2026-08-15' })
    expect(countyUpdateSchema.parse({ version: 2, deadline: null }).deadline).toBeNull()
  })

  it('refuses a day that is not one, or not written year-month-day, in both languages', () => {
    for (const deadline of ['2026-02-30', '15/08/2026', '2026-8-15', '2026-08-15T00:00:00+08:00']) {
      const [p] = problemsOf(countyUpdateSchema, { version: 1, deadline })
      expect(p?.path).toBe('deadline')
      expect(p?.message.zh).toContain('2026-08-15')
      expect(p?.message.en).toContain('year-month-day')
    }
    expect(problemsOf(countyUpdateSchema, { deadline: '2026-08-15' })[0]?.path).toBe('version')
  })
})

describe('a boundary on the way in', () => {
  it('is kept to 7 decimals, the very numbers it is served with', () => {
    const clicked = [117.10914365123, 35.07732698765]
    const ring = [[117.1, 35.0], clicked, [117.2, 35.1], [117.1, 35.0]]
    const parsed = polygonalSchema.parse({ type: 'Polygon', coordinates: [ring] })
    expect(parsed.coordinates[0]![0]![1]).toEqual([117.1091437, 35.077327])
  })
})
