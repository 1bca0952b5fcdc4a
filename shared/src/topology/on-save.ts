/**
 * What the API answers about topology when a small area's or a district's boundary is saved, beside
 * the feature itself: the parts clipping cut off (or, when the client asked to refuse overlaps, the
 * parts that made it refuse) and the findings that involve the saved feature.
 */
import type { Feature, Geometry, MultiPolygon } from 'geojson'
import type { DistrictProperties, SmallAreaProperties } from '../schemas.ts'
import type { Bilingual } from '../errors.ts'
import { areaM2Text, type TopologyFinding } from './findings.ts'

/**
 * What was cut off a drawn boundary, and why: the sibling it overlapped, or the parent it left. A
 * redrawn district that is refused because it would leave its small areas sticking out names them
 * the same way (reason `child_outside`, the part that would lie outside).
 */
export interface ClippedPart {
  /** The sibling (small area or district) overlapped, the parent left (district or township), or the small area left outside. */
  code: string
  reason: 'sibling' | 'outside_parent' | 'child_outside'
  areaM2: number
  geometry: Geometry
}

/** The `topology` member of a saved small area or district. */
export interface SaveTopology {
  clipped: ClippedPart[]
  findings: TopologyFinding[]
  /**
   * What took the saved boundary's vertices where they lie on its edges (so that a shared border has
   * the same vertices on both sides), as it is now, its version moved on: the small areas beside a
   * saved small area; for a district, the districts beside it and the small areas of both along the
   * border. Each is known by its code's level.
   */
  neighbours: Array<Feature<MultiPolygon, SmallAreaProperties | DistrictProperties>>
}

/** Parts named in a refusal: each code with its area, in the reader's units. */
export function clippedPartList(parts: readonly ClippedPart[]): Bilingual {
  return {
    zh: parts.map((p) => `${p.code}（${areaM2Text(p.areaM2)} 平方米）`).join('、'),
    en: parts.map((p) => `${p.code} (${areaM2Text(p.areaM2)} m²)`).join(', '),
  }
}
