import { describe, expect, it } from 'vitest'
import { buildingCreateSchema, listQuerySchema, smallAreaCreateSchema } from './schemas.ts'
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
})

describe('listQuerySchema', () => {
  it('parses a bbox and refuses an inverted one', () => {
    expect(listQuerySchema.parse({ bbox: '117,35,117.2,35.1' }).bbox).toEqual([117, 35, 117.2, 35.1])
    expect(listQuerySchema.safeParse({ bbox: '117.2,35,117,35.1' }).success).toBe(false)
  })
})
