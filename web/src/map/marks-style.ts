/**
 * Marks drawn over the census layers to point at a problem: the finding picked in the findings
 * panel, what clipping cut off a saved boundary, and the overlaps a refused save met. They are
 * hatched, unlike any census fill, so they read as "look here" and not as another area.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { palette } from './palette.ts'

export type MarkKind = 'finding' | 'clipped' | 'refused'

export const MARKS_SOURCE = 'marks'

/** Where each kind's hatch pattern is registered with the map. */
const hatchOf: Record<MarkKind, string> = { finding: 'hatch-finding', clipped: 'hatch-clipped', refused: 'hatch-refused' }
const colourOf: Record<MarkKind, string> = { finding: palette.problem, clipped: palette.clipped, refused: palette.problem }

const byKind = (values: Record<MarkKind, string>): ExpressionSpecification =>
  ['match', ['get', 'kind'], ...(Object.entries(values).flat() as string[]), values.finding] as unknown as ExpressionSpecification

const HATCH_SIZE = 12
const HATCH_WIDTH = 2.2

/**
 * A tile of diagonal stripes in a colour, as the RGBA pixels maplibre's `addImage` takes, so that
 * the pattern needs no file and no network.
 */
export function hatchImage(colour: string): { width: number; height: number; data: Uint8Array } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number]
  const data = new Uint8Array(HATCH_SIZE * HATCH_SIZE * 4)
  for (let y = 0; y < HATCH_SIZE; y++) {
    for (let x = 0; x < HATCH_SIZE; x++) {
      // Distance to the nearest stripe x + y ≡ 0 (mod size), measured across the stripe; it wraps, so tiles join.
      const along = (x + y) % HATCH_SIZE
      const across = Math.min(along, HATCH_SIZE - along) / Math.SQRT2
      const alpha = Math.max(0, Math.min(1, HATCH_WIDTH / 2 + 0.5 - across))
      data.set([r, g, b, Math.round(alpha * 230)], (y * HATCH_SIZE + x) * 4)
    }
  }
  return { width: HATCH_SIZE, height: HATCH_SIZE, data }
}

/** The patterns to register before the layers are added. */
export function hatchImages(): Array<[string, ReturnType<typeof hatchImage>]> {
  return (Object.keys(hatchOf) as MarkKind[]).map((kind) => [hatchOf[kind], hatchImage(colourOf[kind])])
}

export function marksLayers(): LayerSpecification[] {
  const ofType = (...types: string[]): ExpressionSpecification => ['in', ['geometry-type'], ['literal', types]]
  return [
    {
      id: 'marks-hatch',
      type: 'fill',
      source: MARKS_SOURCE,
      filter: ofType('Polygon', 'MultiPolygon'),
      paint: { 'fill-pattern': byKind(hatchOf) },
    },
    {
      id: 'marks-line',
      type: 'line',
      source: MARKS_SOURCE,
      paint: { 'line-color': byKind(colourOf), 'line-width': 2.5 },
    },
    {
      id: 'marks-point',
      type: 'circle',
      source: MARKS_SOURCE,
      filter: ofType('Point', 'MultiPoint'),
      paint: {
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-radius': 9,
        'circle-stroke-color': byKind(colourOf),
        'circle-stroke-width': 3,
      },
    },
  ]
}
