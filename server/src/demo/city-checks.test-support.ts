/**
 * What the tests of the demo generator share: the Tengzhou fixtures, campaign times, and checks on a
 * generated city (coverage, overlaps, codes, buildings in small areas). Tests only.
 */
import { fileURLToPath } from 'node:url'
import { area, booleanPointInPolygon, featureCollection, intersect, length, lineString, multiPolygon, point } from '@turf/turf'
import type { MultiPolygon } from 'geojson'
import { checkBelongsTo, checkCode, type CodeLevel } from '@census/shared'
import type { DemoCity, GenerateOptions } from './generate.ts'
import { createRandom } from './random.ts'

export const TENGZHOU_FIXTURES = fileURLToPath(new URL('../../../fixtures/tengzhou', import.meta.url))

export const CAMPAIGN_TIMES = { campaignStart: new Date('2020-10-11T00:00:00+08:00'), asOf: new Date('2020-11-20T18:00:00+08:00') }

export const demoOptions = (progress: GenerateOptions['progress'], seed = 20201101): GenerateOptions => ({ seed, progress, ...CAMPAIGN_TIMES })

export const relativeDifference = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))
export const sumArea = (gs: MultiPolygon[]) => gs.reduce((s, g) => s + area(g), 0)

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

function bboxesOverlap(a: MultiPolygon, b: MultiPolygon): boolean {
  const box = (g: MultiPolygon) => {
    const xs = g.coordinates.flat(2).map((p) => p[0]!)
    const ys = g.coordinates.flat(2).map((p) => p[1]!)
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const
  }
  const [aw, as, ae, an] = box(a)
  const [bw, bs, be, bn] = box(b)
  return aw <= be && bw <= ae && as <= bn && bs <= an
}

/** Area in m² shared by two siblings whose boxes touch: neighbours share edges, never land. */
export function overlapOfNeighbours(siblings: MultiPolygon[]): number {
  let worst = 0
  for (let i = 0; i < siblings.length; i++)
    for (let j = i + 1; j < siblings.length; j++) {
      if (!bboxesOverlap(siblings[i]!, siblings[j]!)) continue
      const shared = intersect(featureCollection([multiPolygon(siblings[i]!.coordinates), multiPolygon(siblings[j]!.coordinates)]))
      worst = Math.max(worst, shared ? area(shared) : 0)
    }
  return worst
}

/**
 * The edges of a coverage that no neighbour shares (its outer boundary), and how many edges appear
 * twice in the same direction (an overlap). In a noded coverage every inner edge appears once each way.
 */
export function openEdges(coverage: MultiPolygon[]) {
  const edges = new Map<string, [number[], number[]]>()
  let twice = 0
  for (const g of coverage)
    for (const polygon of g.coordinates)
      for (const ring of polygon)
        for (let i = 1; i < ring.length; i++) {
          const key = `${ring[i - 1]!.join()};${ring[i]!.join()}`
          if (edges.has(key)) twice++
          edges.set(key, [ring[i - 1]!, ring[i]!])
        }
  const open = [...edges.values()].filter(([a, b]) => !edges.has(`${b.join()};${a.join()}`))
  return { twice, open: open.map(([a, b]) => `${a.join()};${b.join()}`).sort(), length: () => open.reduce((s, [a, b]) => s + length(lineString([a, b])), 0) }
}

export function codeProblems(level: Exclude<CodeLevel, 'county'>, code: string, parent: string) {
  return checkCode(level, code) ?? checkBelongsTo(level, code, parent)
}

/** Buildings lie inside exactly one small area of their district, and on no boundary. */
export function buildingsOutsideOneSmallArea(city: DemoCity, districtCodes: string[]): string[] {
  const areasOf = groupBy(city.smallAreas, (a) => a.districtCode)
  const buildingsOf = groupBy(city.buildings, (b) => b.districtCode)
  const districts = new Map(city.districts.map((d) => [d.code, d]))
  const wrong: string[] = []
  for (const code of districtCodes) {
    const district = districts.get(code)!
    const areas = areasOf.get(code) ?? []
    for (const b of buildingsOf.get(code) ?? []) {
      const p = point(b.location)
      const strictlyIn = areas.filter((a) => booleanPointInPolygon(p, a.boundary, { ignoreBoundary: true })).length
      const touching = areas.filter((a) => booleanPointInPolygon(p, a.boundary)).length
      const inDistrict = district.boundary !== null && booleanPointInPolygon(p, district.boundary, { ignoreBoundary: true })
      if (strictlyIn !== 1 || touching !== 1 || !inDistrict) wrong.push(b.code)
    }
  }
  return wrong
}

export function sample<T>(items: T[], n: number, seed: number): T[] {
  return createRandom(seed).shuffled(items).slice(0, n)
}
