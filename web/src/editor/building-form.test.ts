import { describe, expect, test } from 'vitest'
import type { BuildingProperties } from '@census/shared'
import type { MultiPolygon, Point, Polygon, Position } from 'geojson'
import type { BuildingFeature } from '../features.ts'
import {
  amendedBuilding,
  buildingChangeOf,
  buildingFormValuesOf,
  checkBuildingForm,
  DEFAULT_BUILDING_VALUES,
  footprintInForm,
  nextBuildingValues,
  type BuildingFormValues,
  type FormFootprint,
} from './building-form.ts'

const location: Point = { type: 'Point', coordinates: [117.16, 35.08] }
const DISTRICT = '370481001001'

describe('the building form', () => {
  test('starts from a one-storey house with one household', () => {
    expect(nextBuildingValues(null)).toEqual(DEFAULT_BUILDING_VALUES)
    expect(checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location)).toMatchObject({
      ok: true,
      input: { use: 'residential', floors: 1, households: 1 },
    })
  })

  test('keeps the last values for the next building, except the note', () => {
    const last = { use: 'mixed' as const, floors: '3', households: '6', address: '幸福路 12 号', note: '临街商铺' }
    expect(nextBuildingValues(last)).toEqual({ ...last, note: '' })
  })

  test('reports bad numbers by field, in Chinese and English', () => {
    const result = checkBuildingForm({ ...DEFAULT_BUILDING_VALUES, floors: '-1', households: '三' }, DISTRICT, location)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p.message]))
    expect(byPath['floors']?.zh).toContain('不能小于 0')
    expect(byPath['households']?.zh).toBeTruthy()
    expect(byPath['households']?.en).toBeTruthy()
  })

  test('takes a footprint traced round the point, and refuses one traced elsewhere before anything is sent', () => {
    const square = (dx: number): Polygon => {
      const [x, y] = [117.16 + dx, 35.08]
      const ring: Position[] = [[x - 0.00005, y - 0.00004], [x + 0.00005, y - 0.00004], [x + 0.00005, y + 0.00004], [x - 0.00005, y + 0.00004]]
      return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
    }
    const traced = checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location, square(0))
    expect(traced.ok && traced.input.footprint?.type).toBe('MultiPolygon')
    const elsewhere = checkBuildingForm(DEFAULT_BUILDING_VALUES, DISTRICT, location, square(0.002))
    expect(elsewhere.ok).toBe(false)
    if (elsewhere.ok) return
    expect(elsewhere.problems).toMatchObject([{ path: 'footprint', message: { zh: expect.stringContaining('轮廓外') } }])
  })
})

const house = (x: number, y: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [[[[x - 0.00005, y - 0.00004], [x + 0.00005, y - 0.00004], [x + 0.00005, y + 0.00004], [x - 0.00005, y + 0.00004], [x - 0.00005, y - 0.00004]]]],
})

function saved(properties: Partial<BuildingProperties> = {}): BuildingFeature {
  return {
    type: 'Feature',
    geometry: location,
    properties: {
      code: '370481001001000007',
      districtCode: DISTRICT,
      smallAreaCode: null,
      use: 'mixed',
      floors: 3,
      households: 6,
      address: '幸福路 12 号',
      note: '临街商铺',
      footprint: null,
      version: 4,
      updatedAt: '2026-11-29T06:00:00Z',
      updatedBy: '王芳',
      ...properties,
    },
  }
}

/** What a clerk's form does to a saved building: check it, apply it. */
function amend(building: BuildingFeature, values: BuildingFormValues, footprint: FormFootprint = 'kept'): BuildingFeature {
  const checked = checkBuildingForm(values, building.properties.districtCode, building.geometry, footprintInForm(footprint, building))
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems))
  return amendedBuilding(building, checked.input, footprint)
}

describe('editing a saved building', () => {
  test('its form opens with its own values, the note too, the numbers as text', () => {
    expect(buildingFormValuesOf(saved().properties)).toEqual({ use: 'mixed', floors: '3', households: '6', address: '幸福路 12 号', note: '临街商铺' })
  })

  test('saving its form unchanged changes nothing, so nothing is sent', () => {
    const building = saved({ footprint: house(117.16, 35.08) })
    expect(buildingChangeOf(building, amend(building, buildingFormValuesOf(building.properties)))).toEqual({})
  })

  test('a corrected household count is all the edit sends', () => {
    const building = saved({ footprint: house(117.16, 35.08) })
    const edited = amend(building, { ...buildingFormValuesOf(building.properties), households: '5' })
    expect(edited.properties).toMatchObject({ households: 5, footprint: building.properties.footprint, version: 4, code: building.properties.code })
    expect(buildingChangeOf(building, edited)).toEqual({ households: 5 })
  })

  test('an outline traced for it is sent as one polygon; cleared, as null; kept, not at all', () => {
    const building = saved()
    const values = buildingFormValuesOf(building.properties)
    const traced: Polygon = { type: 'Polygon', coordinates: house(117.16, 35.08).coordinates[0]! }
    expect(buildingChangeOf(building, amend(building, values, traced))).toEqual({ footprint: house(117.16, 35.08) })
    const outlined = saved({ footprint: house(117.16, 35.08) })
    expect(buildingChangeOf(outlined, amend(outlined, values, null))).toEqual({ footprint: null })
    expect(footprintInForm('kept', outlined)).toBe(outlined.properties.footprint)
    expect(footprintInForm('kept', null)).toBeNull()
  })

  test('an outline traced away from the point is refused by field, like a new building’s', () => {
    const building = saved()
    const elsewhere: Polygon = { type: 'Polygon', coordinates: house(117.162, 35.08).coordinates[0]! }
    const checked = checkBuildingForm(buildingFormValuesOf(building.properties), DISTRICT, building.geometry, footprintInForm(elsewhere, building))
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.problems.map((p) => p.path)).toEqual(['footprint'])
  })

  test('a dragged building sends its new place without its outline, which the server moves along', () => {
    const building = saved({ footprint: house(117.16, 35.08) })
    const moved: BuildingFeature = { ...building, geometry: { type: 'Point', coordinates: [117.1601, 35.08] } }
    expect(buildingChangeOf(building, moved)).toEqual({ location: moved.geometry })
  })
})
