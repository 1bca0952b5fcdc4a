/**
 * Borders two small areas share, kept shared while one of them is edited. Neighbours' common edges
 * coincide exactly, vertex for vertex (the demo, the editor's snapping and the snap repair make them
 * so), and moving, adding or deleting a vertex on one side only opens a gap or a hairline overlap.
 * So a vertex edit is read off the ring terra-draw reports, the neighbours that shared the stretch it
 * touched (as it was before the edit) are found, and the same edit is made on their side.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson'

/**
 * One vertex edit of a ring, with the vertices around it before the edit: `previous` and `next` are
 * the ends of the two edges a moved or deleted vertex joined, or of the edge a vertex was added on.
 */
export type VertexEdit =
  | { kind: 'move'; from: Position; to: Position; previous: Position; next: Position }
  | { kind: 'insert'; at: Position; previous: Position; next: Position }
  | { kind: 'delete'; at: Position; previous: Position; next: Position }

/** A neighbour's code and boundary: before the edit when asked who shares, after it when answered. */
export interface Neighbour {
  code: string
  geometry: MultiPolygon
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]
const open = (ring: Position[]) => ring.slice(0, -1)
const closed = (ring: Position[]) => [...ring, ring[0]!]
const at = (ring: Position[], i: number) => ring[(i + ring.length) % ring.length]!

/**
 * The one vertex edit that turns `before` into `after` (outer rings; the holes must be unchanged), or
 * null when the change is not a single vertex moved, added or deleted.
 */
export function vertexEditOf(before: Polygon, after: Polygon): VertexEdit | null {
  const [outerBefore, ...holesBefore] = before.coordinates
  const [outerAfter, ...holesAfter] = after.coordinates
  if (!outerBefore || !outerAfter || JSON.stringify(holesBefore) !== JSON.stringify(holesAfter)) return null
  const was = open(outerBefore)
  const is = open(outerAfter)
  let i = 0
  while (i < was.length && i < is.length && same(was[i]!, is[i]!)) i++
  const restEqual = (a: Position[], from: number, b: Position[], to: number) => a.slice(from).every((p, k) => same(p, b[to + k]!))
  if (is.length === was.length) {
    if (i === was.length || !restEqual(was, i + 1, is, i + 1)) return null
    return { kind: 'move', from: was[i]!, to: is[i]!, previous: at(was, i - 1), next: at(was, i + 1) }
  }
  if (is.length === was.length + 1 && restEqual(was, i, is, i + 1)) {
    return { kind: 'insert', at: is[i]!, previous: at(was, i - 1), next: at(was, i) }
  }
  if (is.length === was.length - 1 && restEqual(was, i + 1, is, i)) {
    return { kind: 'delete', at: was[i]!, previous: at(was, i - 1), next: at(was, i + 1) }
  }
  return null
}

/** A ring with the edit made on it where it shares the edited stretch, or null where it does not. */
function followRing(ring: Position[], edit: VertexEdit): Position[] | null {
  const vertices = open(ring)
  const { previous, next } = edit
  for (let i = 0; i < vertices.length; i++) {
    const here = vertices[i]!
    const before = at(vertices, i - 1)
    const after = at(vertices, i + 1)
    switch (edit.kind) {
      case 'move':
        // It shares one of the two edges that meet at the moved vertex.
        if (same(here, edit.from) && [before, after].some((p) => same(p, previous) || same(p, next))) {
          return closed(vertices.map((p, k) => (k === i ? edit.to : p)))
        }
        break
      case 'insert':
        // It has the same edge, in either direction: the new vertex goes between its ends.
        if (same(here, previous) && same(after, next)) return closed([...vertices.slice(0, i + 1), edit.at, ...vertices.slice(i + 1)])
        if (same(here, next) && same(after, previous)) return closed([...vertices.slice(0, i + 1), edit.at, ...vertices.slice(i + 1)])
        break
      case 'delete':
        // Only where both edges are shared does the neighbour's side become the same straight edge;
        // at a corner where the border turns away, its vertex stays (and a triangle is left to check).
        if (same(here, edit.at) && vertices.length > 3 && ((same(before, previous) && same(after, next)) || (same(before, next) && same(after, previous)))) {
          return closed(vertices.filter((_, k) => k !== i))
        }
        break
      default: {
        const never: never = edit
        throw new Error(`unknown vertex edit ${String(never)}`)
      }
    }
  }
  return null
}

/**
 * The neighbours that share the stretch `edit` touched, each with the same edit made on its side;
 * those that do not share it are left out. `neighbours` are as they were before the edit.
 */
export function followers(edit: VertexEdit, neighbours: readonly Neighbour[]): Neighbour[] {
  const moved: Neighbour[] = []
  for (const { code, geometry } of neighbours) {
    let changed = false
    const coordinates = geometry.coordinates.map((polygon) =>
      polygon.map((ring) => {
        const followed = followRing(ring, edit)
        if (followed) changed = true
        return followed ?? ring
      }),
    )
    if (changed) moved.push({ code, geometry: { type: 'MultiPolygon', coordinates } })
  }
  return moved
}
