/** Small bounding-box sums for fitting the view and deciding what to fetch. Pure, no map library. */
import type { Geometry, Position } from 'geojson'
import type { Bounds } from '../features.ts'

function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates)
      return
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit)
      return
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit))
      return
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)))
      return
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => eachPosition(g, visit))
      return
    default: {
      const never: never = geometry
      throw new Error(`unknown geometry ${JSON.stringify(never)}`)
    }
  }
}

/** The bounds of some geometries; null when there is nothing to bound. */
export function boundsOf(geometries: Iterable<Geometry | null>): Bounds | null {
  let bounds: Bounds | null = null
  for (const geometry of geometries) {
    if (!geometry) continue
    eachPosition(geometry, ([lon, lat]) => {
      if (lon === undefined || lat === undefined) return
      bounds = bounds
        ? [Math.min(bounds[0], lon), Math.min(bounds[1], lat), Math.max(bounds[2], lon), Math.max(bounds[3], lat)]
        : [lon, lat, lon, lat]
    })
  }
  return bounds
}

export function containsBounds(outer: Bounds, inner: Bounds): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3]
}

/** Grows bounds by `ratio` of their size on every side. */
export function padBounds([w, s, e, n]: Bounds, ratio: number): Bounds {
  const dx = (e - w) * ratio
  const dy = (n - s) * ratio
  return [w - dx, s - dy, e + dx, n + dy]
}

/**
 * Whether a view already looks at a place: it is centred within the place's bounds and no more than
 * `within` times its size, so fitting the view to it would hardly move (or would undo a zoom-in there).
 */
export function looksAt([w, s, e, n]: Bounds, place: Bounds, within = 3): boolean {
  const centre = [(w + e) / 2, (s + n) / 2] as const
  const centred = place[0] <= centre[0] && centre[0] <= place[2] && place[1] <= centre[1] && centre[1] <= place[3]
  return centred && e - w <= (place[2] - place[0]) * within && n - s <= (place[3] - place[1]) * within
}
