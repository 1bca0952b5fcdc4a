/**
 * What a building's traced footprint (轮廓) must be, beside being a valid polygon (checkPolygonal):
 * one outline, around the building's point or right beside it (a dot placed at the door), and the
 * size of one building rather than of a block. The page checks it as it is traced, the server again
 * on every write, with the same words.
 */
import { area, pointToPolygonDistance } from '@turf/turf'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import type { FieldProblem } from '../errors.ts'

/** How far (m) the building's point may lie outside its footprint: a dot at the door, not across the street. */
export const FOOTPRINT_REACH_M = 20

/** The largest footprint (m²): a big factory hall; anything larger is a block or a slip of the mouse. */
export const FOOTPRINT_MAX_AREA_M2 = 30_000

const metres = (m: number) => m.toLocaleString('en-US', { maximumFractionDigits: 0 })

/** Problems of `footprint` for a building at `location`, with paths under `path`; none when it fits. */
export function checkFootprint(footprint: Polygon | MultiPolygon, location: Position, path = 'footprint'): FieldProblem[] {
  if (footprint.type === 'MultiPolygon' && footprint.coordinates.length !== 1) {
    return [{ path, message: { zh: '建筑物轮廓应为一个多边形', en: 'A footprint is one polygon' } }]
  }
  const outline: Polygon = footprint.type === 'Polygon' ? footprint : { type: 'Polygon', coordinates: footprint.coordinates[0]! }
  const size = area(outline)
  if (size > FOOTPRINT_MAX_AREA_M2) {
    return [
      {
        path,
        message: {
          zh: `建筑物轮廓面积 ${metres(size)} 平方米，超过一栋建筑物的上限 ${metres(FOOTPRINT_MAX_AREA_M2)} 平方米：请只描绘这一栋`,
          en: `The footprint covers ${metres(size)} m², more than one building's ${metres(FOOTPRINT_MAX_AREA_M2)} m²: trace this building only`,
        },
      },
    ]
  }
  const outside = pointToPolygonDistance(location, outline, { units: 'meters' })
  if (outside > FOOTPRINT_REACH_M) {
    return [
      {
        path,
        message: {
          zh: `建筑物的位置点在轮廓外 ${metres(outside)} 米：轮廓应围住该点（或离它不超过 ${FOOTPRINT_REACH_M} 米）`,
          en: `The building's point lies ${metres(outside)} m outside the footprint: trace round the point (or within ${FOOTPRINT_REACH_M} m of it)`,
        },
      },
    ]
  }
  return []
}
