/**
 * What the stale-save dialog shows of each version, side by side: for a district or a small area its
 * shape in numbers a person can compare (vertices, area), for a building the fields of its form.
 */
import type { MultiPolygon } from 'geojson'
import type { Edited } from './edit-session.ts'

export type VersionField = 'version' | 'updatedBy' | 'vertices' | 'area' | 'use' | 'floors' | 'households' | 'address' | 'note' | 'location' | 'footprint'

export interface VersionRow {
  field: VersionField
  value: string
}

/** Square metres, from the shoelace formula in a local metric projection (good to a fraction of a percent at this size). */
export function areaSquareMetres(shape: MultiPolygon): number {
  let total = 0
  for (const polygon of shape.coordinates) {
    polygon.forEach((ring, index) => {
      const lat0 = ring[0]?.[1] ?? 0
      const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180)
      let twice = 0
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1]!
        const [x2, y2] = ring[i]!
        twice += x1! * kx * (y2! * 111_320) - x2! * kx * (y1! * 111_320)
      }
      // Holes subtract from their outer ring.
      total += (index === 0 ? 1 : -1) * Math.abs(twice / 2)
    })
  }
  return total
}

function verticesOf(shape: MultiPolygon): number {
  // A closed ring repeats its first vertex at the end.
  return shape.coordinates.flat().reduce((n, ring) => n + Math.max(0, ring.length - 1), 0)
}

export function describeVersion(edited: Edited): VersionRow[] {
  const p = edited.feature.properties
  const common: VersionRow[] = [
    { field: 'version', value: String(p.version) },
    { field: 'updatedBy', value: p.updatedBy },
  ]
  if (edited.kind === 'district' || edited.kind === 'smallArea') {
    // A district whose boundary was removed has no shape: no vertices and no area.
    const shape = edited.feature.geometry
    return [
      ...common,
      { field: 'vertices', value: String(shape ? verticesOf(shape) : 0) },
      { field: 'area', value: `${Math.round(shape ? areaSquareMetres(shape) : 0).toLocaleString('en')} m²` },
    ]
  }
  const b = edited.feature.properties
  const [lon, lat] = edited.feature.geometry.coordinates
  return [
    ...common,
    { field: 'use', value: b.use },
    { field: 'floors', value: String(b.floors) },
    { field: 'households', value: String(b.households) },
    { field: 'address', value: b.address },
    { field: 'note', value: b.note },
    { field: 'location', value: `${lon!.toFixed(6)}, ${lat!.toFixed(6)}` },
    // Its size tells two outlines apart; none is an empty value, which the dialog puts in words.
    { field: 'footprint', value: b.footprint ? `${Math.round(areaSquareMetres(b.footprint)).toLocaleString('en')} m²` : '' },
  ]
}
