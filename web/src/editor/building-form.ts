/**
 * The short form for tagging a building: its defaults, the "keep last values" rule that makes the
 * tenth building as quick as a click, and the check of what was typed, with the same zod schema and
 * bilingual messages as the API so the page and the server never disagree.
 */
import { buildingCreateSchema, problemsFromZod, type BuildingUse, type FieldProblem } from '@census/shared'
import type { Point, Polygon } from 'geojson'

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

export type BuildingFormResult =
  | { ok: true; input: ReturnType<typeof buildingCreateSchema.parse> }
  | { ok: false; problems: FieldProblem[] }

const asNumber = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text)

/**
 * Checks the form for a building at `location` in a district, with the footprint traced round it if
 * any: the create request, or its problems by field.
 */
export function checkBuildingForm(values: BuildingFormValues, districtCode: string, location: Point, footprint: Polygon | null = null): BuildingFormResult {
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
