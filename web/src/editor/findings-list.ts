/**
 * The findings panel's decisions, without IO: which scope to check, how findings are grouped
 * (errors before warnings, then by kind), how one finding is known across refreshes, and which
 * one-click repair a finding offers.
 */
import type { MultiPolygon, Position } from 'geojson'
import type { Bounds } from '../features.ts'
import { boundsOf } from '../geo/bounds.ts'
import {
  buildingFindingTypes,
  CODE_LENGTH,
  coverageFindingTypes,
  SNAP_TOLERANCE_M,
  type FindingType,
  type Severity,
  type TopologyFinding,
} from '@census/shared'
import { labelPoint } from '../geo/label-point.ts'

/** The district in hand, else the picked township; the whole county is too much to check on every save. */
export function findingsScope(district: string | null, township: string | null): string | null {
  return district ?? township
}

export interface FindingGroup {
  type: FindingType
  findings: TopologyFinding[]
}

export interface SeverityGroup {
  severity: Severity
  count: number
  groups: FindingGroup[]
}

const SEVERITIES: readonly Severity[] = ['error', 'warning']
const TYPE_ORDER: readonly FindingType[] = [...coverageFindingTypes, ...buildingFindingTypes]

/** Errors, then warnings (each only when there are some), and within each the kinds in the checks' order. */
export function groupFindings(findings: readonly TopologyFinding[]): SeverityGroup[] {
  return SEVERITIES.flatMap((severity) => {
    const mine = findings.filter((f) => f.severity === severity)
    const groups = TYPE_ORDER.map((type) => ({ type, findings: mine.filter((f) => f.type === type) })).filter((g) => g.findings.length > 0)
    return mine.length > 0 ? [{ severity, count: mine.length, groups }] : []
  })
}

/** Names a finding across refreshes, so the one being shown stays shown while it still exists. */
export function findingKey(f: TopologyFinding): string {
  return [f.type, f.parent ?? '', f.codes.join(','), f.areaM2?.toFixed(2) ?? '', f.distanceM?.toFixed(3) ?? ''].join('|')
}

export type FindingRepair = { kind: 'fillGap'; district: string; point: Position } | { kind: 'snap'; smallArea: string; toleranceM: number }

/**
 * The repair a finding offers: a gap inside a district goes to its neighbour (the server needs a
 * point inside the gap); two small areas that nearly meet are snapped together, reaching a little
 * beyond the distance found. Gaps and near misses between the districts of a township are drawn by
 * hand.
 */
export function repairOf(f: TopologyFinding): FindingRepair | null {
  switch (f.type) {
    case 'gap': {
      if (f.parent?.length !== CODE_LENGTH.district) return null
      const shape: MultiPolygon | null =
        f.geometry?.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry?.type === 'MultiPolygon' ? f.geometry : null
      const point = shape && labelPoint(shape)
      return point ? { kind: 'fillGap', district: f.parent, point } : null
    }
    case 'near_miss': {
      const [smallArea] = f.codes
      if (smallArea?.length !== CODE_LENGTH.smallArea) return null
      const reach = Math.max(SNAP_TOLERANCE_M.default, (f.distanceM ?? 0) * 1.5)
      return { kind: 'snap', smallArea, toleranceM: Math.min(SNAP_TOLERANCE_M.max, reach) }
    }
    default:
      return null
  }
}

/** Around a finding, with room to see its neighbours; a point or a hairline still gets a street's width. */
export function focusBounds(f: TopologyFinding): Bounds | null {
  const bounds = boundsOf([f.geometry])
  if (!bounds) return null
  const [w, s, e, n] = bounds
  const halfX = Math.max((e - w) * 0.8, MIN_HALF_DEGREES)
  const halfY = Math.max((n - s) * 0.8, MIN_HALF_DEGREES)
  const [cx, cy] = [(w + e) / 2, (s + n) / 2]
  return [cx - halfX, cy - halfY, cx + halfX, cy + halfY]
}

/** About 100 m: enough to see the small areas around a single point. */
const MIN_HALF_DEGREES = 0.001
