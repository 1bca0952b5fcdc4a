import { area } from '@turf/turf'
import fc from 'fast-check'
import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { checkPolygonal } from '@census/shared'
import { openEdges, relativeDifference, sumArea } from './city-checks.test-support.ts'
import { splitShape, Topology, type Shape } from './planar.ts'
import { createRandom } from './random.ts'

/** Near Tengzhou, so that 7 decimals are about a centimetre, as in the city. */
const OUTLINE: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[[117.1, 35.05], [117.2, 35.05], [117.23, 35.08], [117.2, 35.1], [117.1, 35.1], [117.1, 35.05]]]],
}

/**
 * Every piece cut by every line (the arrangement of the lines inside the outline), and the outline
 * with the points where the lines meet it: rounding those to the grid moves its edges by millimetres.
 */
function cutByLines(lines: { x: number; y: number; angle: number }[]) {
  const topology = new Topology()
  const outline = topology.shapeOf(OUTLINE)
  let pieces: Shape[] = [outline]
  for (const { x, y, angle } of lines) {
    const line = topology.line(x, y, Math.cos(angle), Math.sin(angle))
    pieces = pieces.flatMap((piece) => splitShape(piece, line, topology.cross)).filter((piece) => piece.length > 0)
  }
  return { pieces: pieces.map((piece) => topology.expand(piece)), outline: topology.expand(outline) }
}

const hasVertex = (g: MultiPolygon, [x, y]: Position) => g.coordinates.some((polygon) => polygon[0]!.some((p) => p[0] === x && p[1] === y))

describe('Topology', () => {
  it('puts the point where a later cut meets an edge into both neighbours along it: no T-junction', () => {
    const topology = new Topology()
    const [west, east] = splitShape(topology.shapeOf(OUTLINE), topology.line(117.1333333333, 35.07, 1, 0), topology.cross)
    const [south, north] = splitShape(east, topology.line(117.17, 35.0712345678, 0, 1), topology.cross)
    const [w, s, n] = [west, south, north].map((shape) => topology.expand(shape))
    const corner: Position = [117.1333333, 35.0712346]
    expect([w, s, n].map((g) => hasVertex(g!, corner))).toEqual([true, true, true])
    expect(openEdges([w!, s!, n!]).twice).toBe(0)
  })

  it('cuts an outline by lines in general position into valid pieces that tile it exactly, edge for edge', () => {
    // Lines from a seed rather than fast-check's doubles, which favour a line along an outline edge
    // and the same line twice: cutting along an existing edge is outside what the core handles.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (seed, count) => {
        const r = createRandom(seed)
        const { pieces, outline } = cutByLines(Array.from({ length: count }, () => ({ x: r.between(117.1, 117.22), y: r.between(35.05, 35.1), angle: r.between(0, Math.PI) })))
        expect(pieces.filter((g) => checkPolygonal(g, '').length > 0)).toEqual([])
        expect(pieces.flatMap((g) => g.coordinates.flat(2).flat()).filter((v) => Math.round(v * 1e7) / 1e7 !== v)).toEqual([])
        expect(relativeDifference(sumArea(pieces), area(outline))).toBeLessThan(1e-9)
        expect(relativeDifference(area(outline), area(OUTLINE))).toBeLessThan(1e-5)
        const edges = openEdges(pieces)
        expect(edges.twice).toBe(0)
        expect(edges.open).toEqual(openEdges([outline]).open)
      }),
      { numRuns: 300 },
    )
  })
})
