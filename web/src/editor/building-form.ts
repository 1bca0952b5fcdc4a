/**
 * The short form for tagging a building, new or saved: its defaults, the "keep last values" rule
 * that makes the tenth building as quick as a click, the values a saved building opens with, the
 * check of what was typed (the same zod schema and bilingual messages as the API, so the page and
 * the server never disagree), and what an edit changes, which is all its PATCH sends.
 */
import { buildingCreateSchema, problemsFromZod, type BuildingCreate, type BuildingUpdate, type BuildingUse, type FieldProblem } from '@census/shared'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import type { BuildingFeature } from '../features.ts'

/** What a person types; numbers stay text until checked, so a half-typed field is not lost. */
export interface BuildingFormValues {
  use: BuildingUse
  floors: string
  households: string
  address: string
  note: string
}

/** Most buildings staff tag are one-storey village houses with one household. */
export const DEFAULT_BUILDING_VALUES: BuildingFormValues = { use: 'residential', floors: '1', households: '1', address: '', note: '' }

/**
 * The values the next building starts with: the last saved ones, because neighbours are alike;
 * the note alone is cleared, since it is about one building.
 */
export function nextBuildingValues(last: BuildingFormValues | null): BuildingFormValues {
  return last ? { ...last, note: '' } : DEFAULT_BUILDING_VALUES
}

/** What a saved building's form opens with: its own values, the numbers as text like the typed ones. */
export function buildingFormValuesOf({ use, floors, households, address, note }: BuildingFeature['properties']): BuildingFormValues {
  return { use, floors: String(floors), households: String(households), address, note }
}

/**
 * The outline in the open form: traced in it, cleared or never traced (null), or, for a saved
 * building, the one it has, untouched (`kept`), which follows the building when it is dragged.
 */
export type FormFootprint = Polygon | null | 'kept'

/** The outline the form stands for, given the building it is about (null for a new one). */
export function footprintInForm(footprint: FormFootprint, building: BuildingFeature | null): Polygon | MultiPolygon | null {
  return footprint === 'kept' ? (building?.properties.footprint ?? null) : footprint
}

export type BuildingFormResult =
  | { ok: true; input: BuildingCreate }
  | { ok: false; problems: FieldProblem[] }

const asNumber = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text)

/**
 * Checks the form for a building at `location` in a district, with the footprint traced round it if
 * any: the create request, or its problems by field.
 */
export function checkBuildingForm(
  values: BuildingFormValues,
  districtCode: string,
  location: Point,
  footprint: Polygon | MultiPolygon | null = null,
): BuildingFormResult {
  const parsed = buildingCreateSchema.safeParse({
    districtCode,
    location,
    ...(footprint ? { footprint } : {}),
    use: values.use,
    floors: asNumber(values.floors),
    households: asNumber(values.households),
    address: values.address,
    note: values.note,
  })
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) }
}

/** A saved building with the checked form applied; a kept outline stays as the building has it. */
export function amendedBuilding(building: BuildingFeature, input: BuildingCreate, footprint: FormFootprint): BuildingFeature {
  const { use, floors, households, address, note } = input
  const outline = footprint === 'kept' ? building.properties.footprint : (input.footprint ?? null)
  return { ...building, properties: { ...building.properties, use, floors, households, address, note, footprint: outline } }
}

/** What a building's PATCH sends besides its version. */
export type BuildingChange = Omit<BuildingUpdate, 'version'>

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The fields that differ between a saved building and its working version, and only those: the
 * outline is left out unless it changed, so that the server moves it along with a dragged building.
 */
export function buildingChangeOf(saved: BuildingFeature, working: BuildingFeature): BuildingChange {
  const [was, now] = [saved.properties, working.properties]
  return {
    ...(same(saved.geometry, working.geometry) ? {} : { location: working.geometry }),
    ...(same(was.footprint, now.footprint) ? {} : { footprint: now.footprint }),
    ...(was.use === now.use ? {} : { use: now.use }),
    ...(was.floors === now.floors ? {} : { floors: now.floors }),
    ...(was.households === now.households ? {} : { households: now.households }),
    ...(was.address === now.address ? {} : { address: now.address }),
    ...(was.note === now.note ? {} : { note: now.note }),
  }
}
