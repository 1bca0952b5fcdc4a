/**
 * The report of `cli validate`: boundaries from elsewhere, checked before import. Its shape is a
 * contract with scripts (issue 3), so it carries file ids rather than census codes.
 */
import type { Geometry, Point, Position } from 'geojson'
import type { Bilingual } from '../errors.ts'
import type { CoverageFindingType, Severity, TopologyFinding } from './findings.ts'

export interface FileIssue {
  type: CoverageFindingType
  severity: Severity
  ids: string[]
  areaM2: number | null
  geometry: Geometry | null
}

export interface FileReport {
  valid: boolean
  issues: FileIssue[]
}

/** Valid means no error: a near miss that loses no area (a warning) does not block an import. */
export function fileReport(findings: readonly TopologyFinding[]): FileReport {
  return {
    valid: findings.every((f) => f.severity !== 'error'),
    issues: findings.map((f) => ({ type: f.type as CoverageFindingType, severity: f.severity, ids: f.codes, areaM2: f.areaM2, geometry: f.geometry })),
  }
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number'
}

/**
 * Where a problem found by the shared geometry checks lies: the vertex its path names
 * (`.coordinates[0][1][3]`), or the first vertex of the ring or polygon it names; null when the
 * path points at nothing drawable.
 */
export function problemLocation(geometry: unknown, path: string): Point | null {
  let node: unknown = (geometry as { coordinates?: unknown } | null)?.coordinates
  for (const match of path.matchAll(/\[(\d+)\]/g)) {
    if (!Array.isArray(node) || isPosition(node)) break
    node = node[Number(match[1])]
  }
  while (Array.isArray(node) && !isPosition(node)) node = node[0]
  return isPosition(node) ? { type: 'Point', coordinates: [node[0]!, node[1]!] } : null
}

/** One polygon of a file: its id (properties.id) and its geometry, not yet checked. */
export interface FileFeature {
  id: string
  geometry: unknown
}

export type FileReading = { ok: true; features: FileFeature[] } | { ok: false; message: Bilingual }

function refuse(zh: string, en: string): FileReading {
  return { ok: false, message: { zh, en } }
}

/**
 * Reads a FeatureCollection of Polygons/MultiPolygons. Its structure must be right (the file is
 * unreadable otherwise); the geometry itself is checked later and reported as findings.
 * `role` names the file in messages: children need unique ids, a parent is one feature.
 */
export function readFeatureCollection(json: unknown, role: 'children' | 'parent'): FileReading {
  const fc = json as { type?: unknown; features?: unknown }
  if (typeof json !== 'object' || json === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return refuse('文件不是 GeoJSON FeatureCollection', 'The file is not a GeoJSON FeatureCollection')
  }
  if (role === 'parent' && fc.features.length !== 1) {
    return refuse(`上级边界文件应只有 1 个要素，这里有 ${fc.features.length} 个`, `The parent file must hold exactly one feature; it holds ${fc.features.length}`)
  }
  const features: FileFeature[] = []
  const seen = new Set<string>()
  for (const [i, f] of (fc.features as unknown[]).entries()) {
    const feature = f as { geometry?: { type?: unknown } | null; properties?: { id?: unknown } | null } | null
    const type = feature?.geometry?.type
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      return refuse(`第 ${i + 1} 个要素不是 Polygon 或 MultiPolygon（是 ${String(type)}）`, `Feature ${i + 1} is not a Polygon or MultiPolygon (it is ${String(type)})`)
    }
    const rawId = feature?.properties?.id
    if (role === 'children' && typeof rawId !== 'string' && typeof rawId !== 'number') {
      return refuse(`第 ${i + 1} 个要素缺少 properties.id`, `Feature ${i + 1} has no properties.id`)
    }
    const id = rawId === undefined || rawId === null ? 'parent' : String(rawId)
    if (seen.has(id)) return refuse(`properties.id “${id}”重复`, `properties.id "${id}" is used twice`)
    seen.add(id)
    features.push({ id, geometry: feature!.geometry })
  }
  return { ok: true, features }
}
