/**
 * Buildings' traced footprints (轮廓): a pale fill with a thin outline under each building's dot,
 * only at close zooms, where a house is more than a few pixels across. They come with the buildings
 * fetched for the view; this turns those into polygons of their own.
 */
import type { Feature, Geometry } from 'geojson'
import type { LayerSpecification } from 'maplibre-gl'
import { shownUnless } from './census-style.ts'
import { palette } from './palette.ts'

export const FOOTPRINTS_SOURCE = 'building-footprints'

/** From here a 10 m house is about 4 px across: less would be a smudge under the dot. */
export const FOOTPRINT_MIN_ZOOM = 16

/** How a footprint looks, for its layers and its legend entry alike. */
export const footprintLook = { fillOpacity: 0.18, lineOpacity: 0.6, lineWidth: 1 } as const

/** One polygon feature per building that has a footprint, known by the building's code. */
export function footprintsOf(buildings: ReadonlyArray<Feature<Geometry>>): Array<Feature<Geometry>> {
  return buildings.flatMap((b) => {
    const footprint = b.properties?.['footprint'] as Geometry | null | undefined
    return footprint ? [{ type: 'Feature', geometry: footprint, properties: { code: b.properties?.['code'] } }] : []
  })
}

export function footprintLayers(): LayerSpecification[] {
  return [
    {
      id: 'building-footprint-fill',
      type: 'fill',
      source: FOOTPRINTS_SOURCE,
      minzoom: FOOTPRINT_MIN_ZOOM,
      layout: shownUnless('buildings'),
      paint: { 'fill-color': palette.building, 'fill-opacity': footprintLook.fillOpacity },
    },
    {
      id: 'building-footprint-line',
      type: 'line',
      source: FOOTPRINTS_SOURCE,
      minzoom: FOOTPRINT_MIN_ZOOM,
      layout: shownUnless('buildings'),
      paint: { 'line-color': palette.building, 'line-width': footprintLook.lineWidth, 'line-opacity': footprintLook.lineOpacity },
    },
  ]
}
