import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import { areaSquareMetres, describeVersion } from './compare-versions.ts'

/** A square of about 100 m by 100 m near Tengzhou. */
const side = 100 / 111_320
const square: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117.16, 35.08],
        [117.16 + side / Math.cos((35.08 * Math.PI) / 180), 35.08],
        [117.16 + side / Math.cos((35.08 * Math.PI) / 180), 35.08 + side],
        [117.16, 35.08 + side],
        [117.16, 35.08],
      ],
    ],
  ],
}

describe('comparing two versions', () => {
  test('measures a small area in square metres', () => {
    expect(areaSquareMetres(square)).toBeCloseTo(10_000, -1)
  })

  test('a small area is described by its version, author, vertices and area', () => {
    const rows = describeVersion({
      kind: 'smallArea',
      feature: {
        type: 'Feature',
        geometry: square,
        properties: {
          code: '370481001001001',
          districtCode: '370481001001',
          virtual: false,
          enumerator: null,
          status: 'drawn',
          households: 0,
          buildings: 0,
          version: 4,
          updatedAt: '2026-11-29T06:00:00Z',
          updatedBy: '王芳',
        },
      },
    })
    expect(Object.fromEntries(rows.map((r) => [r.field, r.value]))).toEqual({
      version: '4',
      updatedBy: '王芳',
      vertices: '4',
      area: '10,000 m²',
    })
  })

  test('a district is described by its shape too, and one whose boundary was removed by none', () => {
    const district = (geometry: MultiPolygon | null) =>
      describeVersion({
        kind: 'district',
        feature: {
          type: 'Feature',
          geometry,
          properties: { code: '370481001001', name: '荆河村委会', townshipCode: '370481001', urbanRuralCode: '220', status: 'drawn', smallAreas: 0, version: 2, updatedAt: '2026-11-29T06:00:00Z', updatedBy: '李明' },
        },
      })
    const values = (rows: ReturnType<typeof describeVersion>) => Object.fromEntries(rows.map((r) => [r.field, r.value]))
    expect(values(district(square))).toEqual({ version: '2', updatedBy: '李明', vertices: '4', area: '10,000 m²' })
    expect(values(district(null))).toMatchObject({ vertices: '0', area: '0 m²' })
  })
})

describe('comparing two versions of a building', () => {
  test('shows its form fields, its place, and its outline by size (none when it has none)', () => {
    const building = (footprint: MultiPolygon | null) =>
      Object.fromEntries(
        describeVersion({
          kind: 'building',
          feature: {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [117.1601, 35.0801] },
            properties: {
              code: '370481001001000007',
              districtCode: '370481001001',
              smallAreaCode: null,
              use: 'residential',
              floors: 2,
              households: 5,
              address: '幸福路 8 号',
              note: '',
              footprint,
              version: 3,
              updatedAt: '2026-11-29T06:00:00Z',
              updatedBy: '李娜',
            },
          },
        }).map((r) => [r.field, r.value]),
      )
    expect(building(square)).toMatchObject({ households: '5', location: '117.160100, 35.080100', footprint: '10,000 m²' })
    expect(building(null)).toMatchObject({ footprint: '' })
  })
})
