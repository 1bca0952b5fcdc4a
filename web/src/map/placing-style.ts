/**
 * The building being placed, drawn from the click until its form is saved or given up: a hollow
 * ring in the buildings' colour, wider than their dots and with a white halo, so that the clerk sees
 * where it will stand and that it is not saved yet (a saved building is a filled dot).
 */
import type { LayerSpecification } from 'maplibre-gl'
import { palette } from './palette.ts'

export const PLACING_SOURCE = 'building-placing'

/** Wide enough to read as "here" round a point, small enough not to hide the neighbours' dots. */
const RING_RADIUS_PX = 8

export function placingLayers(): LayerSpecification[] {
  const ring = (id: string, colour: string, width: number): LayerSpecification => ({
    id,
    type: 'circle',
    source: PLACING_SOURCE,
    paint: { 'circle-radius': RING_RADIUS_PX, 'circle-color': 'rgba(0, 0, 0, 0)', 'circle-stroke-color': colour, 'circle-stroke-width': width },
  })
  // The halo under the ring keeps it visible on dark imagery and over other buildings.
  return [ring('building-placing-halo', palette.buildingStroke, 5), ring('building-placing', palette.building, 2.5)]
}
