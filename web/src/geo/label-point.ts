/**
 * Where to write a polygon's name. maplibre labels a GeoJSON polygon once per tile it crosses, so a
 * township repeats its name across the screen; one point per feature avoids that. The point must
 * lie inside the polygon (a bent village's centroid may not), so it is the middle of the widest
 * inside stretch of the horizontal line through the centroid of the largest part.
 */
import type { MultiPolygon, Position } from 'geojson'

type Ring = Position[]

function ringArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!
  return sum / 2
}

function ringCentroid(ring: Ring): Position {
  // Relative to the first vertex: products of raw longitudes and latitudes lose the digits that matter.
  const [ox, oy] = ring[0] as [number, number]
  let x = 0
  let y = 0
  let twiceArea = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = [ring[j]![0]! - ox, ring[j]![1]! - oy]
    const [x1, y1] = [ring[i]![0]! - ox, ring[i]![1]! - oy]
    const cross = x0 * y1 - x1 * y0
    twiceArea += cross
    x += (x0 + x1) * cross
    y += (y0 + y1) * cross
  }
  // A degenerate ring has no area to weigh by: fall back to its first vertex.
  return twiceArea === 0 ? [ox, oy] : [ox + x / (3 * twiceArea), oy + y / (3 * twiceArea)]
}

/** Longitudes where the rings (outer and holes) cross the horizontal line at `lat`, sorted. */
function crossings(rings: Ring[], lat: number): number[] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as [number, number]
      const [x1, y1] = ring[i] as [number, number]
      if (y0 > lat !== y1 > lat) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0))
    }
  }
  return xs.sort((a, b) => a - b)
}

export function labelPoint(geometry: MultiPolygon): Position | null {
  const largest = geometry.coordinates.reduce<Ring[] | null>(
    (best, polygon) => (!best || Math.abs(ringArea(polygon[0] ?? [])) > Math.abs(ringArea(best[0] ?? [])) ? polygon : best),
    null,
  )
  const outer = largest?.[0]
  if (!largest || !outer || outer.length < 4) return null
  const [cx, cy] = ringCentroid(outer) as [number, number]
  // Pairs of crossings bound the inside stretches of the line (even-odd rule).
  const xs = crossings(largest, cy)
  let best: [number, number] | null = null
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [a, b] = [xs[i]!, xs[i + 1]!]
    if (a <= cx && cx <= b) return [cx, cy]
    if (!best || b - a > best[1] - best[0]) best = [a, b]
  }
  return best ? [(best[0] + best[1]) / 2, cy] : outer[0]!
}
