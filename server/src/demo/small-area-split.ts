/**
 * Small areas by household-balanced halving: the idea of the editor's automatic proposal that splits
 * a district into small areas of about one enumerator's households each.
 */
import { VIRTUAL_SMALL_AREA_FROM } from '@census/shared'
import { clamp } from './numbers.ts'
import { splitShape, type Metric, type Shape, type Topology } from './planar.ts'
import type { Random } from './random.ts'

/** A building as the split sees it: where it stands and how many households it holds. */
export interface HouseholdsAt {
  x: number
  y: number
  households: number
}

export interface SmallAreaPart<B extends HouseholdsAt> {
  shape: Shape
  /** The buildings inside, strictly: none lies on the part's boundary. */
  buildings: B[]
}

/** Small areas for a district of `households`: one per `householdsPerSmallArea`, within the ordinary codes 001–899. */
export function smallAreaCount(households: number, householdsPerSmallArea: number): number {
  return Math.min(VIRTUAL_SMALL_AREA_FROM - 1, Math.max(1, Math.round(households / householdsPerSmallArea)))
}

/**
 * `pieces` parts of `shape` (fewer if it has fewer buildings): the shape halved across the long axis
 * of its buildings at the household-weighted median, again and again, so that the parts hold about
 * the same households. A cut passes midway between two buildings, so no building lies on a boundary.
 * New edges go through `topology`, so the parts share their edges exactly with each other and with
 * the shape's neighbours.
 */
export function splitIntoSmallAreas<B extends HouseholdsAt>(shape: Shape, buildings: B[], pieces: number, metric: Metric, r: Random, topology: Topology): SmallAreaPart<B>[] {
  const minGap = 0.4 / metric.metresPerUnit
  const leaves: SmallAreaPart<B>[] = []
  const go = (part: Shape, inside: B[], n: number) => {
    const count = Math.min(n, inside.length)
    if (count <= 1) return void leaves.push({ shape: part, buildings: inside })
    // The long axis of the buildings (principal component), turned a little so cuts are not all alike.
    const mx = inside.reduce((s, b) => s + b.x * metric.k, 0) / inside.length
    const my = inside.reduce((s, b) => s + b.y, 0) / inside.length
    let [sxx, sxy, syy] = [0, 0, 0]
    for (const b of inside) {
      const dx = b.x * metric.k - mx
      const dy = b.y - my
      sxx += dx * dx
      sxy += dx * dy
      syy += dy * dy
    }
    const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy) + r.between(-0.25, 0.25)
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)]
    const sorted = inside.map((b) => ({ b, v: ux * b.x * metric.k + uy * b.y })).sort((a, b) => a.v - b.v)
    const households = inside.reduce((s, b) => s + b.households, 0)
    const firstCount = Math.floor(count / 2)
    const weight = (b: B) => (households > 0 ? b.households : 1)
    const wantedFirst = ((households > 0 ? households : inside.length) * firstCount) / count
    let best = -1
    let bestMiss = Infinity
    let cumulative = 0
    for (let j = 1; j < sorted.length; j++) {
      cumulative += weight(sorted[j - 1]!.b)
      if (sorted[j]!.v - sorted[j - 1]!.v < minGap) continue
      const miss = Math.abs(cumulative - wantedFirst)
      if (miss < bestMiss) [best, bestMiss] = [j, miss]
    }
    if (best < 0) return void leaves.push({ shape: part, buildings: inside })
    const a = sorted[best - 1]!.b
    const b = sorted[best]!.b
    const ox = (a.x + b.x) / 2
    const oy = (a.y + b.y) / 2
    const [sideA, sideB] = splitShape(part, topology.line(ox, oy, ux * metric.k, uy), topology.cross)
    const inA = sorted.slice(0, best).map((s) => s.b)
    const inB = sorted.slice(best).map((s) => s.b)
    const shareA = inA.reduce((s, x) => s + weight(x), 0) / inside.reduce((s, x) => s + weight(x), 0)
    const countA = clamp(Math.round(count * shareA), 1, count - 1)
    go(sideA, inA, countA)
    go(sideB, inB, count - countA)
  }
  go(shape, buildings, pieces)
  return leaves
}
