/**
 * What the API answers about topology when a small area's boundary is saved, beside the feature
 * itself: the parts clipping cut off (or, when the client asked to refuse overlaps, the parts that
 * made it refuse) and the findings that involve the saved feature.
 */
import type { Geometry } from 'geojson'
import type { TopologyFinding } from './findings.ts'

/** What was cut off a drawn boundary, and why: the sibling it overlapped, or the parent it left. */
export interface ClippedPart {
  /** The sibling small area overlapped, or the district left (reason `outside_parent`). */
  code: string
  reason: 'sibling' | 'outside_parent'
  areaM2: number
  geometry: Geometry
}

/** The `topology` member of a saved small area. */
export interface SaveTopology {
  clipped: ClippedPart[]
  findings: TopologyFinding[]
}
