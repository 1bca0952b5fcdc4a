import { describe, expect, test } from 'vitest'
import type { Polygon, Position } from 'geojson'
import { distanceMetres, neighbourTargets, snap, targetsOf } from './snapping.ts'

// Near Tengzhou (35.1° N): a degree of longitude is about 91 km, a degree of latitude about 111 km.
const LON = 117.16
const LAT = 35.08
const square = (west: number, south: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
})
const metresEast = (p: Position, m: number): Position => [p[0]! + m / (111_320 * Math.cos((p[1]! * Math.PI) / 180)), p[1]!]
const metresNorth = (p: Position, m: number): Position => [p[0]!, p[1]! + m / 111_320]

describe('snap', () => {
  const neighbour = targetsOf([square(LON, LAT, 0.01)])

  test('a point within reach of a vertex lands exactly on it', () => {
    const near = metresNorth(metresEast([LON, LAT], 3), 2)
    const snapped = snap(near, neighbour, 5)
    expect(snapped?.to).toBe('vertex')
    expect(snapped?.position).toEqual([LON, LAT])
  })

  test('a point near an edge but far from its vertices lands on the edge', () => {
    const onEdge: Position = [LON + 0.005, LAT]
    const snapped = snap(metresNorth(onEdge, -4), neighbour, 5)
    expect(snapped?.to).toBe('edge')
    expect(snapped!.position[0]).toBeCloseTo(onEdge[0]!, 9)
    expect(snapped!.position[1]).toBeCloseTo(LAT, 9)
    expect(snapped!.metres).toBeCloseTo(4, 3)
  })

  test('a vertex in reach wins over a nearer edge', () => {
    // 1 m from the south edge, 4 m from the corner along it.
    const p = metresNorth(metresEast([LON, LAT], 4), -1)
    expect(snap(p, neighbour, 5)?.to).toBe('vertex')
  })

  test('nothing in reach leaves the point where it is', () => {
    expect(snap(metresNorth([LON + 0.005, LAT], 20), neighbour, 5)).toBeNull()
  })

  test('the reach is measured in metres, the same east-west as north-south', () => {
    // 4.9 m east or north of a lone vertex snaps; 5.1 m does not, whichever the direction, although
    // a degree of longitude is far shorter than one of latitude here.
    const lone = { vertices: [[LON, LAT]], segments: [] }
    expect(snap(metresEast([LON, LAT], 4.9), lone, 5)).not.toBeNull()
    expect(snap(metresNorth([LON, LAT], 4.9), lone, 5)).not.toBeNull()
    expect(snap(metresEast([LON, LAT], 5.1), lone, 5)).toBeNull()
    expect(snap(metresNorth([LON, LAT], 5.1), lone, 5)).toBeNull()
  })

  test('shared vertices of touching neighbours are listed once', () => {
    const targets = targetsOf([square(LON, LAT, 0.01), square(LON + 0.01, LAT, 0.01)])
    expect(targets.vertices).toHaveLength(6)
    expect(targets.segments).toHaveLength(8)
  })

  test('a boundary in hand snaps to its parent and drawn siblings, not to itself nor to undrawn ones', () => {
    const township = square(LON, LAT, 0.03)
    const feature = (code: string, geometry: Polygon | null) => ({ geometry, properties: { code } })
    const districts = [feature('own', square(LON + 0.02, LAT, 0.01)), feature('east', square(LON + 0.01, LAT, 0.01)), feature('undrawn', null)]
    const targets = neighbourTargets(township, districts, 'own')
    // The township's 4 corners and the eastern neighbour's 4, 2 of them on the township's edge but not its corners.
    expect(targets.vertices).toHaveLength(8)
    expect(targets.segments).toHaveLength(8)
    // Its own vertex is no target: a vertex dragged near where it was does not stick there.
    const ownCorner: Position = [LON + 0.03 - 0.0001, LAT + 0.01]
    expect(snap(ownCorner, targets, 5)).toBeNull()
    // A district's small areas inside it are targets too, when given.
    expect(neighbourTargets(township, districts, 'own', [square(LON + 0.022, LAT + 0.002, 0.004)]).vertices).toHaveLength(12)
  })

  test('distanceMetres agrees with the known length of a degree of latitude', () => {
    expect(distanceMetres([LON, LAT], [LON, LAT + 1])).toBeCloseTo(111_320, 0)
  })
})
