import { describe, expect, test } from 'vitest'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { followers, vertexEditOf, type Neighbour } from './shared-edges.ts'

// Three small areas side by side along x (a 2 × 1 grid of 1 × 1 cells, then a third on top):
//
//   (0,2)---------(2,2)
//     |      C      |
//   (0,1)--(1,1)--(2,1)
//     |  A   |   B  |
//   (0,0)--(1,0)--(2,0)
//
// A and B share the edge (1,0)–(1,1); A and C share (0,1)–(1,1), B and C share (1,1)–(2,1).
const ring = (...points: Position[]): Position[] => [...points, points[0]!]
const polygon = (...points: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring(...points)] })
const multi = (...points: Position[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[ring(...points)]] })

const A = polygon([0, 0], [1, 0], [1, 1], [0, 1])
const B: Neighbour = { code: 'B', geometry: multi([1, 0], [2, 0], [2, 1], [1, 1]) }
const C: Neighbour = { code: 'C', geometry: multi([0, 1], [1, 1], [2, 1], [2, 2], [0, 2]) }
/** Touches A at the corner (0,0) only, with no edge in common. */
const D: Neighbour = { code: 'D', geometry: multi([0, 0], [-1, 0], [-1, -1], [0, -1]) }

const outer = (g: MultiPolygon) => g.coordinates[0]![0]!

describe('vertexEditOf', () => {
  test('reads a moved vertex with the two vertices around it', () => {
    expect(vertexEditOf(A, polygon([0, 0], [1.2, 0], [1, 1], [0, 1]))).toEqual({ kind: 'move', from: [1, 0], to: [1.2, 0], previous: [0, 0], next: [1, 1] })
  })

  test('reads a move of the first vertex, which also closes the ring', () => {
    expect(vertexEditOf(A, polygon([-0.1, 0], [1, 0], [1, 1], [0, 1]))).toEqual({ kind: 'move', from: [0, 0], to: [-0.1, 0], previous: [0, 1], next: [1, 0] })
  })

  test('reads an added vertex with the edge it was added on, also at the end of the ring', () => {
    expect(vertexEditOf(A, polygon([0, 0], [1, 0], [1.1, 0.5], [1, 1], [0, 1]))).toEqual({ kind: 'insert', at: [1.1, 0.5], previous: [1, 0], next: [1, 1] })
    expect(vertexEditOf(A, polygon([0, 0], [1, 0], [1, 1], [0, 1], [-0.1, 0.5]))).toEqual({ kind: 'insert', at: [-0.1, 0.5], previous: [0, 1], next: [0, 0] })
  })

  test('reads a deleted vertex, the first one too (terra-draw then starts the ring at the next)', () => {
    const five = polygon([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1])
    expect(vertexEditOf(five, A)).toEqual({ kind: 'delete', at: [1, 0.5], previous: [1, 0], next: [1, 1] })
    expect(vertexEditOf(five, polygon([1, 0], [1, 0.5], [1, 1], [0, 1]))).toEqual({ kind: 'delete', at: [0, 0], previous: [0, 1], next: [1, 0] })
  })

  test('is null for no change, several changes, or changed holes', () => {
    expect(vertexEditOf(A, A)).toBeNull()
    expect(vertexEditOf(A, polygon([0, 0], [1.2, 0], [1.2, 1], [0, 1]))).toBeNull()
    const holed: Polygon = { type: 'Polygon', coordinates: [...A.coordinates, ring([0.2, 0.2], [0.4, 0.2], [0.4, 0.4])] }
    expect(vertexEditOf(holed, A)).toBeNull()
  })
})

describe('followers', () => {
  test('a vertex moved on a shared edge moves on the neighbour that shares it, and on no one else', () => {
    const edit = vertexEditOf(A, polygon([0, 0], [1.2, 0], [1, 1], [0, 1]))!
    const moved = followers(edit, [B, C, D])
    expect(moved.map((n) => n.code)).toEqual(['B'])
    expect(outer(moved[0]!.geometry)).toEqual(ring([1.2, 0], [2, 0], [2, 1], [1, 1]))
  })

  test('the corner where three meet moves on both neighbours, so that their own common edge follows too', () => {
    const edit = vertexEditOf(A, polygon([0, 0], [1, 0], [1.1, 1.1], [0, 1]))!
    const moved = followers(edit, [B, C])
    expect(moved.map((n) => [n.code, outer(n.geometry)])).toEqual([
      ['B', ring([1, 0], [2, 0], [2, 1], [1.1, 1.1])],
      ['C', ring([0, 1], [1.1, 1.1], [2, 1], [2, 2], [0, 2])],
    ])
  })

  test('a neighbour that only touches the moved vertex at a point does not share the stretch', () => {
    const edit = vertexEditOf(A, polygon([0.1, 0.1], [1, 0], [1, 1], [0, 1]))!
    expect(followers(edit, [D])).toEqual([])
  })

  test('a vertex added on a shared edge is added on the neighbour too, whichever way its ring runs', () => {
    const edit = vertexEditOf(A, polygon([0, 0], [1, 0], [1.1, 0.5], [1, 1], [0, 1]))!
    const [b] = followers(edit, [B, C])
    expect(outer(b!.geometry)).toEqual(ring([1, 0], [2, 0], [2, 1], [1, 1], [1.1, 0.5]))
    const reversed: Neighbour = { code: 'B', geometry: multi([1, 0], [1, 1], [2, 1], [2, 0]) }
    expect(outer(followers(edit, [reversed])[0]!.geometry)).toEqual(ring([1, 0], [1.1, 0.5], [1, 1], [2, 1], [2, 0]))
  })

  test('a vertex added on an edge of the district border has no follower', () => {
    const edit = vertexEditOf(A, polygon([0, 0], [0.5, -0.1], [1, 0], [1, 1], [0, 1]))!
    expect(followers(edit, [B, C, D])).toEqual([])
  })

  test('a vertex deleted inside a shared stretch is deleted on the neighbour too', () => {
    const a = polygon([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1])
    const b: Neighbour = { code: 'B', geometry: multi([1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5]) }
    const [followed] = followers(vertexEditOf(a, A)!, [b])
    expect(outer(followed!.geometry)).toEqual(ring([1, 0], [2, 0], [2, 1], [1, 1]))
  })

  test('a deleted corner where the shared border turns away stays on the neighbour', () => {
    // Deleting A's (1,1) cuts the corner: B and C keep theirs (the check then shows the triangle).
    const edit = vertexEditOf(A, polygon([0, 0], [1, 0], [0, 1]))!
    expect(followers(edit, [B, C])).toEqual([])
  })

  test('every ring of a neighbour with several parts follows where it shares the stretch', () => {
    const twoParts: Neighbour = {
      code: 'B',
      geometry: { type: 'MultiPolygon', coordinates: [[ring([5, 5], [6, 5], [6, 6])], ...B.geometry.coordinates] },
    }
    const edit = vertexEditOf(A, polygon([0, 0], [1.2, 0], [1, 1], [0, 1]))!
    const [followed] = followers(edit, [twoParts])
    expect(followed!.geometry.coordinates[0]).toEqual(twoParts.geometry.coordinates[0])
    expect(followed!.geometry.coordinates[1]![0]).toEqual(ring([1.2, 0], [2, 0], [2, 1], [1, 1]))
  })
})
