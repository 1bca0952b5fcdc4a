/**
 * The townships as SVG paths for the report's small choropleth: a plain equirectangular projection
 * with the longitude scaled by cos(latitude), which is true enough at a county's size. Pure.
 */
import type { MultiPolygon } from 'geojson'
import { boundsOf } from '../geo/bounds.ts'

export interface ProjectedShape {
  code: string
  path: string
}

export function projectShapes(shapes: readonly { code: string; geometry: MultiPolygon }[], width: number, height: number, margin = 4): ProjectedShape[] {
  const bounds = boundsOf(shapes.map((s) => s.geometry))
  if (!bounds) return []
  const [west, south, east, north] = bounds
  const xScale = Math.cos((((south + north) / 2) * Math.PI) / 180)
  const scale = Math.min((width - 2 * margin) / ((east - west) * xScale || 1), (height - 2 * margin) / (north - south || 1))
  // Centred in the box, north up.
  const offsetX = (width - (east - west) * xScale * scale) / 2
  const offsetY = (height - (north - south) * scale) / 2
  const point = ([lon, lat]: number[]) => `${(offsetX + (lon! - west) * xScale * scale).toFixed(1)},${(offsetY + (north - lat!) * scale).toFixed(1)}`
  return shapes.map(({ code, geometry }) => ({
    code,
    path: geometry.coordinates.map((polygon) => polygon.map((ring) => `M${ring.map(point).join('L')}Z`).join('')).join(''),
  }))
}
