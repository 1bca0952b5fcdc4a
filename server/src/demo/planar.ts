/**
 * The exact planar partition the demo city is built on: shapes cut by straight lines into pieces that
 * tile them, with no gaps and no overlaps.
 *
 * Every straight line an edge lies on is a "carrier"; every point where a line crosses an edge is
 * computed once (memoised), rounded to 7 decimals (about 1 cm) and registered on the carrier (points
 * that rounding leaves within a grid step or two of another are merged, so no 1e-7 stub can fold a
 * ring). At the end every edge receives the points registered on its carrier between its ends, so
 * neighbours at every level share exactly the same vertices: no T-junctions, no slivers, every inner
 * edge once in each direction.
 *
 * A line must not run along an edge that is already there (the same line twice, a cut along the
 * outline): crossings with it are ill-defined and the pieces come out invalid. The generator's lines
 * (power lines of distinct sites, cuts midway between buildings) never do.
 *
 * Also the measures and point sampling the other parts need on such shapes.
 */
import type { MultiPolygon, Position } from 'geojson'
import { round7 } from '@census/shared'
import type { Random } from './random.ts'

export interface Pt {
  x: number
  y: number
}

/**
 * The straight line an edge lies on. `o` is a point on it and `d` its direction, so a point's
 * position along it is (p - o)·d. Power-diagram lines remember their diagram and the two sites.
 */
export interface Carrier {
  readonly id: number
  readonly ox: number
  readonly oy: number
  readonly dx: number
  readonly dy: number
  readonly power?: { readonly diagram: number; readonly a: number; readonly b: number }
}

/** A ring vertex and the carrier of the edge from it to the next vertex. */
interface Vertex {
  readonly x: number
  readonly y: number
  readonly carrier: Carrier
}

/** Counter-clockwise, open (the first vertex is not repeated), simple, no holes. */
type Ring = Vertex[]
/** Disjoint rings: every shape here is a MultiPolygon without holes. */
export type Shape = Ring[]

/** f(p) = nx (px - ox) + ny (py - oy) - off; side A is f <= 0, side B is f > 0. */
export interface Line {
  readonly nx: number
  readonly ny: number
  readonly ox: number
  readonly oy: number
  readonly off: number
  readonly carrier: Carrier
}

function lineValue(line: Line, p: Pt): number {
  return line.nx * (p.x - line.ox) + line.ny * (p.y - line.oy) - line.off
}

/** Where an edge u→w crosses a line: `x, y` exactly, for ordering; `rx, ry` as it is output. */
interface Crossing {
  x: number
  y: number
  rx: number
  ry: number
}
export type Crosser = (u: Vertex, w: Vertex, fu: number, fw: number, line: Line) => Crossing

const interpolate = (u: Pt, w: Pt, fu: number, fw: number): Pt => {
  const s = fu / (fu - fw)
  return { x: u.x + s * (w.x - u.x), y: u.y + s * (w.y - u.y) }
}

/** For trial diagrams while fitting weights: no rounding, no memory. */
export const plainCrosser: Crosser = (u, w, fu, fw) => {
  const p = interpolate(u, w, fu, fw)
  return { x: p.x, y: p.y, rx: p.x, ry: p.y }
}

/**
 * The memory that makes the coverage exact: carriers, crossings computed once, and the points found
 * on each carrier, inserted into every edge along it when the city is output.
 */
export class Topology {
  private carriers = 0
  private readonly crossings = new Map<string, Crossing>()
  /** Per carrier, the points found on it, flat [x0, y0, x1, y1, …]. */
  private readonly found = new Map<number, { carrier: Carrier; flat: number[] }>()
  private readonly diagrams: ((a: number, b: number) => Line)[] = []
  private sealed: { onCarrier: Map<number, { t: Float64Array; points: Position[] }>; resolve: (p: Position) => Position } | null = null

  carrier(ox: number, oy: number, dx: number, dy: number, power?: Carrier['power']): Carrier {
    return power ? { id: this.carriers++, ox, oy, dx, dy, power } : { id: this.carriers++, ox, oy, dx, dy }
  }

  /** The line through (ox, oy) with normal (nx, ny), on a carrier of its own; side B is the side the normal points to. */
  line(ox: number, oy: number, nx: number, ny: number): Line {
    return { nx, ny, ox, oy, off: 0, carrier: this.carrier(ox, oy, -ny, nx) }
  }

  /** A shape from GeoJSON: rounded, counter-clockwise, one carrier per edge. Holes are not supported. */
  shapeOf(g: MultiPolygon): Shape {
    const shape: Shape = []
    for (const polygon of g.coordinates) {
      if (polygon.length !== 1) throw new Error('outlines with holes are not supported')
      let points = dedupe(polygon[0]!.map(([x, y]) => ({ x: round7(x!), y: round7(y!) })))
      if (points.length < 3) continue
      if (signedArea(points) < 0) points = points.reverse()
      shape.push(points.map((p, i) => {
        const q = points[(i + 1) % points.length]!
        return { x: p.x, y: p.y, carrier: this.carrier(p.x, p.y, q.x - p.x, q.y - p.y) }
      }))
    }
    if (shape.length === 0) throw new Error('the outline has no area')
    return shape
  }

  /** Registers the lines of a power diagram; returns its id for their carriers. */
  diagram(lineOf: (a: number, b: number) => Line): number {
    this.diagrams.push(lineOf)
    return this.diagrams.length - 1
  }

  readonly cross: Crosser = (u, w, fu, fw, line) => {
    const e = u.carrier
    const l = line.carrier
    let key: string
    let compute: () => Pt
    if (e.power && l.power && e.power.diagram === l.power.diagram) {
      // A vertex of a power diagram is met from three cells, along three different pairs of lines:
      // compute it once from the sorted triple so that all three get the very same point.
      const triple = [...new Set([e.power.a, e.power.b, l.power.a, l.power.b])].sort((a, b) => a - b)
      if (triple.length !== 3) throw new Error('power lines of a cell that share no site')
      const [s0, s1, s2] = triple
      const lineOf = this.diagrams[e.power.diagram]!
      key = `p${e.power.diagram}:${s0}:${s1}:${s2}`
      compute = () => intersect(lineOf(s0!, s1!), lineOf(s0!, s2))
    } else {
      key = e.id < l.id ? `${e.id}:${l.id}` : `${l.id}:${e.id}`
      compute = () => interpolate(u, w, fu, fw)
    }
    let c = this.crossings.get(key)
    if (!c) {
      const p = compute()
      c = { x: p.x, y: p.y, ...snapToEnd(round7(p.x), round7(p.y), u, w) }
      this.crossings.set(key, c)
    }
    let found = this.found.get(e.id)
    if (!found) this.found.set(e.id, (found = { carrier: e, flat: [] }))
    found.flat.push(c.rx, c.ry)
    return c
  }

  /**
   * The output polygon: every edge with the points found on its carrier between its ends, and every
   * point as merged by seal().
   */
  expand(shape: Shape): MultiPolygon {
    const { onCarrier, resolve } = this.seal()
    return {
      type: 'MultiPolygon',
      coordinates: shape.map((ring) => {
        const out: Position[] = []
        ring.forEach((u, i) => {
          out.push(resolve([u.x, u.y]))
          const on = onCarrier.get(u.carrier.id)
          if (!on) return
          const w = ring[(i + 1) % ring.length]!
          const c = u.carrier
          const tu = (u.x - c.ox) * c.dx + (u.y - c.oy) * c.dy
          const tw = (w.x - c.ox) * c.dx + (w.y - c.oy) * c.dy
          const [low, high] = tu < tw ? [tu, tw] : [tw, tu]
          let k = lowerBound(on.t, low)
          const between: Position[] = []
          for (; k < on.t.length && on.t[k]! < high; k++) if (on.t[k]! > low) between.push(on.points[k]!)
          out.push(...(tu < tw ? between : between.reverse()))
        })
        const clean = dedupePositions(out)
        if (clean.length < 3) throw new Error('a ring collapsed when its points were merged')
        clean.push(clean[0]!)
        return [clean]
      }),
    }
  }

  /**
   * Sorts the points found on each carrier. Two points that rounding left within a grid step or two
   * of each other on one line (two cuts meeting a boundary at almost the same place) become one:
   * else the 1e-7 stub between them can fold the ring over itself at a sharp corner.
   */
  private seal() {
    if (this.sealed) return this.sealed
    const key = (p: Position) => `${p[0]},${p[1]}`
    const merged = new Map<string, Position>()
    const resolve = (p: Position): Position => {
      let q = p
      for (let next = merged.get(key(q)); next; next = merged.get(key(q))) q = next
      return q
    }
    const along = (c: Carrier, points: Position[]) =>
      points.map((p) => ({ t: (p[0]! - c.ox) * c.dx + (p[1]! - c.oy) * c.dy, p })).sort((a, b) => a.t - b.t)
    const pointsOf = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, i): Position => [flat[2 * i]!, flat[2 * i + 1]!])
    for (const { carrier, flat } of this.found.values()) {
      let kept: Position | null = null
      for (const { p } of along(carrier, pointsOf(flat))) {
        const q = resolve(p)
        if (kept && (kept[0] !== q[0] || kept[1] !== q[1]) && Math.abs(kept[0]! - q[0]!) <= 2.5e-7 && Math.abs(kept[1]! - q[1]!) <= 2.5e-7) merged.set(key(q), kept)
        else kept = q
      }
    }
    const onCarrier = new Map<number, { t: Float64Array; points: Position[] }>()
    for (const [id, { carrier, flat }] of this.found) {
      const items = along(carrier, pointsOf(flat).map(resolve))
      const unique = items.filter((it, i) => i === 0 || it.p[0] !== items[i - 1]!.p[0] || it.p[1] !== items[i - 1]!.p[1])
      onCarrier.set(id, { t: Float64Array.from(unique, (it) => it.t), points: unique.map((it) => it.p) })
    }
    this.sealed = { onCarrier, resolve }
    return this.sealed
  }
}

/**
 * A crossing that rounds to within a grid step or two of an end of its edge becomes that end: else
 * rounding may leave a 1e-7 stub whose neighbours cross each other at a sharp corner.
 */
function snapToEnd(rx: number, ry: number, u: Pt, w: Pt): { rx: number; ry: number } {
  const near = (v: Pt) => Math.abs(v.x - rx) <= 2.5e-7 && Math.abs(v.y - ry) <= 2.5e-7
  if (near(u)) return { rx: u.x, ry: u.y }
  if (near(w)) return { rx: w.x, ry: w.y }
  return { rx, ry }
}

function lowerBound(sorted: Float64Array, value: number): number {
  let [low, high] = [0, sorted.length]
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid]! < value) low = mid + 1
    else high = mid
  }
  return low
}

function intersect(a: Line, b: Line): Pt {
  // With p = a.o + q: a.n·q = a.off and b.n·q = b.off - b.n·(a.o - b.o); small numbers, good precision.
  const rhs2 = b.off - (b.nx * (a.ox - b.ox) + b.ny * (a.oy - b.oy))
  const det = a.nx * b.ny - a.ny * b.nx
  if (det === 0) throw new Error('parallel power lines have no vertex')
  return { x: a.ox + (a.off * b.ny - a.ny * rhs2) / det, y: a.oy + (a.nx * rhs2 - a.off * b.nx) / det }
}

function same(a: Pt, b: Pt): boolean {
  return a.x === b.x && a.y === b.y
}

function dedupe<T extends Pt>(points: T[]): T[] {
  const out: T[] = []
  for (const p of points) {
    // Keep the later of two equal points: its carrier is the edge that goes on.
    if (out.length > 0 && same(out[out.length - 1]!, p)) out[out.length - 1] = p
    else out.push(p)
  }
  while (out.length > 1 && same(out[0]!, out[out.length - 1]!)) out.pop()
  return out
}

function dedupePositions(points: Position[]): Position[] {
  const out: Position[] = []
  for (const p of points) {
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop()
  return out
}

/** Shoelace area in degrees² (positive for counter-clockwise). */
function signedArea(ring: readonly Pt[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y)
  return sum / 2
}

/** Removes repeated points and A-B-A spikes left by rounding; null when nothing with area is left. */
function cleanRing(ring: Vertex[]): Ring | null {
  let out = dedupe(ring)
  for (let changed = true; changed && out.length >= 3; ) {
    changed = false
    for (let i = 0; i < out.length && out.length >= 3; i++) {
      const prev = out[(i - 1 + out.length) % out.length]!
      const next = out[(i + 1) % out.length]!
      if (same(prev, next)) {
        // prev → spike → next(=prev): drop the spike and the repeated point; prev goes on along next's edge.
        const nextIndex = (i + 1) % out.length
        const prevIndex = (i - 1 + out.length) % out.length
        const replaced = { x: prev.x, y: prev.y, carrier: next.carrier }
        out = out.filter((_, k) => k !== i && k !== nextIndex).map((v) => (v === out[prevIndex] ? replaced : v))
        out = dedupe(out)
        changed = true
        break
      }
    }
  }
  if (out.length < 3 || signedArea(out) <= 0) return null
  return out
}

/**
 * Cuts a simple ring by a line into the pieces on side A and on side B. The crossings are sorted
 * along the line and paired: for a simple ring each pair bounds a stretch of the line inside it.
 * A vertex exactly on the line counts as side A; crossings at such a vertex are ordered as if the
 * line were moved a hair towards B, which keeps the pairing right.
 */
function splitRing(ring: Ring, line: Line, cross: Crosser): [Ring[], Ring[]] {
  const n = ring.length
  const f = new Float64Array(n)
  let anyA = false
  let anyB = false
  for (let i = 0; i < n; i++) {
    f[i] = lineValue(line, ring[i]!)
    if (f[i]! <= 0) anyA = true
    else anyB = true
  }
  if (!anyB) return [[ring], []]
  if (!anyA) return [[], [ring]]

  interface Node {
    x: number
    y: number
    carrier: Carrier
    side: 0 | 1
    crossing: boolean
    t: number
    tie: number
    partner: number
  }
  const dx = -line.ny
  const dy = line.nx
  const nodes: Node[] = []
  const crossings: number[] = []
  for (let i = 0; i < n; i++) {
    const u = ring[i]!
    const side = f[i]! <= 0 ? 0 : 1
    nodes.push({ x: u.x, y: u.y, carrier: u.carrier, side, crossing: false, t: 0, tie: 0, partner: -1 })
    const j = (i + 1) % n
    const nextSide = f[j]! <= 0 ? 0 : 1
    if (nextSide === side) continue
    const w = ring[j]!
    let node: Node
    if (f[i] === 0 || f[j] === 0) {
      const [on, off, fOff] = f[i] === 0 ? [u, w, f[j]!] : [w, u, f[i]!]
      const tie = (dx * (off.x - on.x) + dy * (off.y - on.y)) / fOff
      node = { x: on.x, y: on.y, carrier: u.carrier, side, crossing: true, t: dx * (on.x - line.ox) + dy * (on.y - line.oy), tie, partner: -1 }
    } else {
      const c = cross(u, w, f[i]!, f[j]!, line)
      node = { x: c.rx, y: c.ry, carrier: u.carrier, side, crossing: true, t: dx * (c.x - line.ox) + dy * (c.y - line.oy), tie: 0, partner: -1 }
    }
    crossings.push(nodes.length)
    nodes.push(node)
  }
  if (crossings.length % 2 !== 0) throw new Error('a line crosses a ring an odd number of times')
  crossings.sort((a, b) => nodes[a]!.t - nodes[b]!.t || nodes[a]!.tie - nodes[b]!.tie)
  for (let k = 0; k < crossings.length; k += 2) {
    nodes[crossings[k]!]!.partner = crossings[k + 1]!
    nodes[crossings[k + 1]!]!.partner = crossings[k]!
  }

  const pieces: [Ring[], Ring[]] = [[], []]
  const visited = new Uint8Array(nodes.length)
  for (const s of [0, 1] as const) {
    for (let start = 0; start < nodes.length; start++) {
      const first = nodes[start]!
      if (first.crossing || first.side !== s || visited[start]) continue
      const piece: Vertex[] = []
      let k = start
      let steps = 0
      do {
        if (++steps > 2 * nodes.length + 2) throw new Error('cutting a ring did not close a piece')
        const node = nodes[k]!
        visited[k] = 1
        if (!node.crossing) {
          piece.push({ x: node.x, y: node.y, carrier: node.carrier })
          k = (k + 1) % nodes.length
          continue
        }
        if (node.side !== s) throw new Error('cutting a ring met a crossing from the wrong side')
        const partner = nodes[node.partner]!
        if (partner.side === s) throw new Error('cutting a ring paired two crossings of the same direction')
        piece.push({ x: node.x, y: node.y, carrier: line.carrier })
        piece.push({ x: partner.x, y: partner.y, carrier: partner.carrier })
        visited[node.partner] = 1
        k = (node.partner + 1) % nodes.length
      } while (k !== start)
      const clean = cleanRing(piece)
      if (clean) pieces[s].push(clean)
    }
  }
  return pieces
}

export function splitShape(shape: Shape, line: Line, cross: Crosser): [Shape, Shape] {
  const a: Shape = []
  const b: Shape = []
  for (const ring of shape) {
    const [ra, rb] = splitRing(ring, line, cross)
    a.push(...ra)
    b.push(...rb)
  }
  return [a, b]
}

export function shapeArea(shape: Shape): number {
  return shape.reduce((s, ring) => s + signedArea(ring), 0)
}

export function shapeCentroid(shape: Shape): Pt {
  let [sx, sy, sa] = [0, 0, 0]
  for (const ring of shape) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j]!
      const b = ring[i]!
      // Relative to the first vertex, for precision far from the origin.
      const ax = a.x - ring[0]!.x
      const ay = a.y - ring[0]!.y
      const bx = b.x - ring[0]!.x
      const by = b.y - ring[0]!.y
      const cross = ax * by - bx * ay
      sx += (ax + bx + 3 * ring[0]!.x) * cross
      sy += (ay + by + 3 * ring[0]!.y) * cross
      sa += cross
    }
  }
  return { x: sx / (3 * sa), y: sy / (3 * sa) }
}

export function pointInShape(shape: Shape, x: number, y: number): boolean {
  let inside = false
  for (const ring of shape) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!
      const b = ring[j]!
      if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside
    }
  }
  return inside
}

/**
 * Lengths on the ground: x is scaled by cos(latitude) so that a unit is the same north–south and
 * east–west (about 111 km), which keeps cells round and distances in metres honest.
 */
export interface Metric {
  k: number
  metresPerUnit: number
}

export function metricAt(p: Pt): Metric {
  return { k: Math.cos((p.y * Math.PI) / 180), metresPerUnit: 111_320 }
}

export function bboxOf(shape: Shape) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const ring of shape)
    for (const v of ring) {
      west = Math.min(west, v.x)
      east = Math.max(east, v.x)
      south = Math.min(south, v.y)
      north = Math.max(north, v.y)
    }
  return { west, south, east, north }
}

export function randomPointIn(shape: Shape, r: Random): Pt {
  const b = bboxOf(shape)
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const x = r.between(b.west, b.east)
    const y = r.between(b.south, b.north)
    if (pointInShape(shape, x, y)) return { x, y }
  }
  throw new Error('could not find a point inside a shape')
}

export function interiorPointNear(shape: Shape, target: Pt, r: Random): Pt {
  if (pointInShape(shape, target.x, target.y)) return target
  let best = randomPointIn(shape, r)
  for (let i = 0; i < 200; i++) {
    const p = randomPointIn(shape, r)
    if (Math.hypot(p.x - target.x, p.y - target.y) < Math.hypot(best.x - target.x, best.y - target.y)) best = p
  }
  return best
}
