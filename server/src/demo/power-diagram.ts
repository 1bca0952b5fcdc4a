/**
 * Weighted Voronoi (power) diagrams on the planar core: a parent shape cut into cells whose areas
 * follow given targets. Townships tile the county this way and districts their township.
 */
import {
  plainCrosser,
  pointInShape,
  randomPointIn,
  shapeArea,
  shapeCentroid,
  splitShape,
  type Carrier,
  type Crosser,
  type Line,
  type Metric,
  type Pt,
  type Shape,
  type Topology,
} from './planar.ts'
import type { Random } from './random.ts'

interface Site {
  x: number
  y: number
  w: number
}

/** The power line of sites a < b: f ≤ 0 where a is nearer (|p - s|² - w in the metric). */
function powerLine(a: Site, b: Site, metric: Metric, carrier: (nx: number, ny: number, ox: number, oy: number) => Carrier): Line {
  const k2 = metric.k * metric.k
  const nx = 2 * k2 * (b.x - a.x)
  const ny = 2 * (b.y - a.y)
  const ox = (a.x + b.x) / 2
  const oy = (a.y + b.y) / 2
  return { nx, ny, ox, oy, off: a.w - b.w, carrier: carrier(nx, ny, ox, oy) }
}

/**
 * Cell i: the parent cut by the line of every other site, keeping i's side. Sites come nearest
 * first; once the line of every farther site must pass beyond the cell's farthest vertex, the rest
 * are skipped (they would cut nothing).
 */
function powerCells(parent: Shape, sites: Site[], metric: Metric, lineOf: (a: number, b: number) => Line, cross: Crosser): Shape[] {
  const k2 = metric.k * metric.k
  const heaviest = Math.max(...sites.map((s) => s.w))
  const distance2 = new Float64Array(sites.length)
  return sites.map((s, i) => {
    sites.forEach((o, j) => (distance2[j] = k2 * (o.x - s.x) ** 2 + (o.y - s.y) ** 2))
    const others = sites.map((_, j) => j).filter((j) => j !== i).sort((a, b) => distance2[a]! - distance2[b]!)
    let cell = parent
    let reach = farthest(cell, s, k2)
    for (const j of others) {
      // The line of i and j lies (d² + w_i - w_j) / 2d from site i; no nearer than with the heaviest weight.
      const d = Math.sqrt(distance2[j]!)
      if ((distance2[j]! + s.w - heaviest) / (2 * d) > reach * (1 + 1e-9)) break
      if ((distance2[j]! + s.w - sites[j]!.w) / (2 * d) > reach * (1 + 1e-9)) continue
      const line = i < j ? lineOf(i, j) : lineOf(j, i)
      const next = splitShape(cell, line, cross)[i < j ? 0 : 1]
      if (next.length === 0) return next
      cell = next
      reach = farthest(cell, s, k2)
    }
    return cell
  })
}

/** Solves H x = b for a graph Laplacian H (dense, n × n) by conjugate gradients; x sums to 0. */
function solveLaplacian(h: Float64Array, b: number[]): Float64Array {
  const n = b.length
  const mean = b.reduce((s, x) => s + x, 0) / n
  const x = new Float64Array(n)
  const residual = Float64Array.from(b, (v) => v - mean)
  const direction = Float64Array.from(residual)
  const product = new Float64Array(n)
  const dot = (a: Float64Array, c: Float64Array) => a.reduce((s, v, i) => s + v * c[i]!, 0)
  let rr = dot(residual, residual)
  const stop = rr * 1e-20
  for (let it = 0; it < 2 * n && rr > stop; it++) {
    for (let i = 0; i < n; i++) {
      let sum = 0
      for (let j = 0; j < n; j++) sum += h[i * n + j]! * direction[j]!
      product[i] = sum
    }
    const curvature = dot(direction, product)
    if (!(curvature > 0)) break
    const alpha = rr / curvature
    for (let i = 0; i < n; i++) {
      x[i] += alpha * direction[i]!
      residual[i] -= alpha * product[i]!
    }
    const next = dot(residual, residual)
    for (let i = 0; i < n; i++) direction[i] = residual[i]! + (next / rr) * direction[i]!
    rr = next
  }
  return x
}

function farthest(shape: Shape, p: Pt, k2: number): number {
  let best = 0
  for (const ring of shape) for (const v of ring) best = Math.max(best, k2 * (v.x - p.x) ** 2 + (v.y - p.y) ** 2)
  return Math.sqrt(best)
}

/**
 * Cuts `parent` into one cell per target, with areas close to proportional to the targets. Sites
 * start spread out, the most urban nearest `seat`. Then, a few times over, the power weights are
 * fitted to the areas by damped Newton steps (the area of a cell grows by the length of each shared
 * edge over twice the distance to that neighbour per unit of weight; halving the step while a cell
 * would shrink below half the smallest area or the error would not fall, as Kitagawa, Mérigot and
 * Thibert do for semi-discrete transport), and each site moves to its cell's centroid (Lloyd), which
 * keeps cells round.
 */
export function tessellate(parent: Shape, targets: number[], urbanities: number[], seat: Pt, metric: Metric, r: Random, topology: Topology): Shape[] {
  const n = targets.length
  if (n === 1) return [parent]
  const total = shapeArea(parent) * metric.k
  const sumTargets = targets.reduce((s, x) => s + x, 0)
  const wanted = targets.map((t) => (t / sumTargets) * total)
  const k2 = metric.k * metric.k
  const points = spreadPoints(parent, n, metric, r)
  points.sort((a, b) => k2 * (a.x - seat.x) ** 2 + (a.y - seat.y) ** 2 - (k2 * (b.x - seat.x) ** 2 + (b.y - seat.y) ** 2))
  const byUrbanity = urbanities.map((u, i) => ({ u, i })).sort((a, b) => b.u - a.u || a.i - b.i)
  const sites: Site[] = new Array<Site>(n)
  byUrbanity.forEach(({ i }, rank) => (sites[i] = { ...points[rank]!, w: 0 }))

  // Trial carriers only name the two sites, so that a cell knows its neighbour along each edge.
  const trialCarriers = new Map<number, Carrier>()
  const trialLine = (a: number, b: number) =>
    powerLine(sites[a]!, sites[b]!, metric, () => {
      let c = trialCarriers.get(a * n + b)
      if (!c) trialCarriers.set(a * n + b, (c = { id: -1, ox: 0, oy: 0, dx: 0, dy: 0, power: { diagram: -1, a, b } }))
      return c
    })
  const measure = () => {
    const cells = powerCells(parent, sites, metric, trialLine, plainCrosser)
    return { cells, areas: cells.map((c) => shapeArea(c) * metric.k) }
  }
  const misfit = (areas: number[]) => Math.sqrt(areas.reduce((s, a, i) => s + (wanted[i]! - a) ** 2, 0))
  const hessian = (cells: Shape[]) => {
    const h = new Float64Array(n * n)
    cells.forEach((cell, i) => {
      for (const ring of cell)
        ring.forEach((v, k) => {
          // Edges of the parent may lie on power lines of the level above: only trial lines count.
          if (v.carrier.power?.diagram !== -1) return
          const j = v.carrier.power.a === i ? v.carrier.power.b : v.carrier.power.a
          const w = ring[(k + 1) % ring.length]!
          const length = Math.sqrt(k2 * (w.x - v.x) ** 2 + (w.y - v.y) ** 2)
          const distance = Math.sqrt(k2 * (sites[j]!.x - sites[i]!.x) ** 2 + (sites[j]!.y - sites[i]!.y) ** 2)
          // Each shared edge is seen from both cells: half from each keeps the matrix symmetric.
          const g = length / (4 * distance)
          h[i * n + i] += g
          h[j * n + j] += g
          h[i * n + j] -= g
          h[j * n + i] -= g
        })
    })
    return h
  }
  const fitWeights = (steps: number) => {
    let { cells, areas } = measure()
    const floor = Math.min(...areas, ...wanted) / 2
    for (let step = 0; step < steps; step++) {
      if (areas.every((a, i) => Math.abs(a - wanted[i]!) < 0.03 * wanted[i]!)) return
      const delta = solveLaplacian(hessian(cells), areas.map((a, i) => wanted[i]! - a))
      const before = sites.map((s) => s.w)
      const error = misfit(areas)
      let accepted = false
      for (let tau = 1; tau > 1 / 1024 && !accepted; tau /= 2) {
        sites.forEach((s, i) => (s.w = before[i]! + tau * delta[i]!))
        const trial = measure()
        if (Math.min(...trial.areas) >= floor && misfit(trial.areas) <= (1 - tau / 2) * error) {
          ;({ cells, areas } = trial)
          accepted = true
        }
      }
      if (!accepted) {
        sites.forEach((s, i) => (s.w = before[i]!))
        return
      }
    }
  }
  for (let round = 0; round < 3; round++) {
    fitWeights(4)
    const { cells } = measure()
    // Weights start again from zero: the Voronoi cell of a site inside the parent is never empty,
    // which the Newton steps need, while old weights could leave a moved site without a cell.
    cells.forEach((cell, i) => {
      const c = shapeCentroid(cell)
      if (pointInShape(parent, c.x, c.y)) Object.assign(sites[i]!, { x: c.x, y: c.y })
      sites[i]!.w = 0
    })
  }
  fitWeights(12)

  const lines = new Map<number, Line>()
  let id = -1
  const lineOf = (a: number, b: number): Line => {
    const key = a * n + b
    let line = lines.get(key)
    if (!line) {
      line = powerLine(sites[a]!, sites[b]!, metric, (nx, ny, ox, oy) => topology.carrier(ox, oy, -ny, nx, { diagram: id, a, b }))
      lines.set(key, line)
    }
    return line
  }
  id = topology.diagram(lineOf)
  const cells = powerCells(parent, sites, metric, lineOf, topology.cross)
  cells.forEach((cell, i) => {
    if (cell.length === 0) throw new Error(`cell ${i} of ${n} came out empty`)
  })
  return cells
}

/** n points inside the shape, spread out (best of several random candidates, Mitchell's algorithm). */
function spreadPoints(shape: Shape, n: number, metric: Metric, r: Random): Pt[] {
  const k2 = metric.k * metric.k
  const points: Pt[] = []
  for (let i = 0; i < n; i++) {
    let best: Pt | null = null
    let bestDistance = -1
    for (let c = 0; c < 12; c++) {
      const p = randomPointIn(shape, r)
      const d = points.reduce((m, q) => Math.min(m, k2 * (p.x - q.x) ** 2 + (p.y - q.y) ** 2), Infinity)
      if (d > bestDistance) [best, bestDistance] = [p, d]
    }
    points.push(best!)
  }
  return points
}
