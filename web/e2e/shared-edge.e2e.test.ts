/**
 * A border two small areas share stays shared when one of them is edited, with the real mouse in
 * the production build: in the demo's complete district (汤庄居委会, every small area drawn, edges
 * coinciding vertex for vertex), a vertex on a shared edge is dragged; the toolbar names the
 * neighbour and moves its side too, undo takes back both at once, and after saving, the district's
 * check (the API's and the 问题 panel) finds no gap and no overlap.
 */
import { describe, expect, test } from 'vitest'
import type { DistrictProperties, TopologyFinding, TownshipProperties } from '@census/shared'
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson'
import { labelPoint } from '../src/geo/label-point.ts'
import { api, useCensusSession } from './session.ts'
import { between, smallAreasOf } from './workplaces.ts'

const session = useCensusSession()

/** 汤庄居委会 of 北辛街道: complete in every demo. */
const PILOT = '370481003038'

const key = (p: Position) => `${p[0]},${p[1]}`
const verticesOf = (f: Feature<MultiPolygon>) => new Set(f.geometry.coordinates.flat(2).map(key))

const gapsAndOverlaps = async () =>
  (await api<{ findings: TopologyFinding[] }>(`/api/topology?scope=${PILOT}`)).findings.filter(
    (f) => (f.type === 'gap' || f.type === 'overlap') && f.parent === PILOT,
  )

/**
 * A vertex inside the district that two small areas share along an edge (not on the district's
 * border, so the border does not hold it), the small area to edit, its neighbour, and where to drag
 * the vertex: a third of the way into the edited small area.
 */
async function sharedVertex() {
  const [areas, district] = await Promise.all([smallAreasOf(PILOT), api<Feature<MultiPolygon, DistrictProperties>>(`/api/districts/${PILOT}`)])
  const border = verticesOf(district as Feature<MultiPolygon>)
  const edgesOf = (f: Feature<MultiPolygon>) =>
    f.geometry.coordinates.flat().flatMap((ring) => ring.slice(1).map((p, i) => [ring[i]!, p] as const))
  for (const edited of areas.features) {
    for (const neighbour of areas.features) {
      if (neighbour === edited) continue
      const theirs = new Set(edgesOf(neighbour).map(([a, b]) => [key(a), key(b)].sort().join('|')))
      const shared = edgesOf(edited).find(([a, b]) => theirs.has([key(a), key(b)].sort().join('|')) && !border.has(key(a)))
      if (!shared) continue
      const vertex = shared[0]
      const inside = labelPoint(edited.geometry)!
      return { edited, neighbour, vertex, to: between(vertex, inside, 0.35), inside }
    }
  }
  throw new Error(`no two small areas of ${PILOT} share an edge inside it`)
}

describe('a shared border', () => {
  test('a vertex dragged on an edge two small areas share moves on both; undo takes back both; saved with no gap or overlap', async () => {
    const { census, consoleErrors } = session
    const townships = await api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships')
    const township = townships.features.find((t) => t.properties.code === PILOT.slice(0, 9))!.properties.name
    expect(await gapsAndOverlaps()).toEqual([])
    const areasBefore = await smallAreasOf(PILOT)
    const { edited, neighbour, vertex, to, inside } = await sharedVertex()
    const [a, b] = [edited.properties.code, neighbour.properties.code]

    await census.openCity()
    await census.signAs('张伟')
    await census.pickTownship(township)
    await census.chooseDistrict(PILOT, inside)
    await census.pressToolbar('定位')
    await census.waitUntilMapSettles()
    await census.clickGround(inside)
    await census.pressToolbar('修改边界')
    await census.waitUntilMapSettles()
    expect(await census.sharedEdgeWarning()).toBeNull()

    await census.drag(vertex, to)
    // The vertex may be a corner where a third small area meets them too: it names each.
    const warning = (await census.sharedEdgeWarning()) ?? ''
    const sharing = warning.match(/\d{15}/g) ?? []
    expect(warning).toMatch(/^此边与 .* 共用：一起移动只移动本小区$/)
    expect(sharing).toContain(b)
    const together = `${sharing.length + 1} 处修改未保存`
    expect(await census.saveState()).toBe(together)
    await census.screenshot('shared-edge-1-warning')

    // One step: undo takes back every side, redo brings them all.
    await census.undo()
    expect(await census.saveState()).toBe('已保存')
    await census.redo()
    expect(await census.saveState()).toBe(together)

    // Only this one: the neighbours keep their side (the toolbar warns of the gap); then back to all.
    await census.moveSharedEdge('只移动本小区')
    expect(await census.saveState()).toBe('1 处修改未保存')
    await census.screenshot('shared-edge-2-this-only')
    await census.moveSharedEdge('一起移动')
    expect(await census.saveState()).toBe(together)

    await census.pressToolbar('完成')
    await census.save()

    const before = new Map(areasBefore.features.map((f) => [f.properties.code, f]))
    const after = new Map((await smallAreasOf(PILOT)).features.map((f) => [f.properties.code, f]))
    const one = after.get(a)!
    // Where the vertex went (snapping or not), it is the same number on every side.
    const moved = [...verticesOf(one)].filter((v) => !verticesOf(edited).has(v))
    expect(moved).toHaveLength(1)
    for (const code of [a, ...sharing]) {
      const f = after.get(code)!
      expect(f.properties.version, code).toBe(before.get(code)!.properties.version + 1)
      expect(verticesOf(f).has(moved[0]!), code).toBe(true)
      expect(verticesOf(f).has(key(vertex)), code).toBe(false)
    }
    expect(await gapsAndOverlaps()).toEqual([])
    const messages = await census.findingMessages()
    expect(messages.filter((m) => (m.includes('漏划') || m.includes('重叠')) && m.includes(PILOT))).toEqual([])
    await census.screenshot('shared-edge-3-saved')
    expect(consoleErrors).toEqual([])
  })
})
