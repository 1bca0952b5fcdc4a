/**
 * Subdividing a district with the split tool and putting it back together with the merge tool,
 * with the real mouse in the production build: the line is drawn across the district on the map,
 * the server cuts it into two small areas that cover it exactly (no gap, by the API's check and by
 * the page's findings panel), and merging them gives one small area again.
 */
import { describe, expect, test } from 'vitest'
import type { DistrictProperties, SmallAreaProperties, TopologyFinding, TownshipProperties } from '@census/shared'
import type { FeatureCollection, MultiPolygon, Position } from 'geojson'
import { labelPoint } from '../src/geo/label-point.ts'
import { api, useCensusSession } from './session.ts'

const session = useCensusSession()

/** A drawn district without small areas (the demo's cells are convex: a straight line crosses one once). */
async function undividedDistrict() {
  const [districts, smallAreas, townships] = await Promise.all([
    api<FeatureCollection<MultiPolygon | null, DistrictProperties>>('/api/districts'),
    api<FeatureCollection<MultiPolygon, SmallAreaProperties>>('/api/small-areas'),
    api<FeatureCollection<MultiPolygon, TownshipProperties>>('/api/townships'),
  ])
  const divided = new Set(smallAreas.features.map((f) => f.properties.districtCode))
  // The last such district: the editor spec takes them from the front.
  const district = districts.features.findLast((d) => d.geometry && d.geometry.coordinates.length === 1 && !divided.has(d.properties.code))
  if (!district?.geometry) throw new Error('the demo city has no district without small areas')
  const ring = district.geometry.coordinates[0]![0]!
  const xs = ring.map((p) => p[0]!)
  const ys = ring.map((p) => p[1]!)
  const inside = labelPoint(district.geometry)!
  const township = townships.features.find((t) => t.properties.code === district.properties.townshipCode)!.properties.name
  return { code: district.properties.code, township, inside, west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) }
}

const smallAreasOf = (district: string) => api<FeatureCollection<MultiPolygon, SmallAreaProperties>>(`/api/small-areas?district=${district}`)
const gapsOf = async (district: string) =>
  (await api<{ findings: TopologyFinding[] }>(`/api/topology?scope=${district}`)).findings.filter((f) => f.type === 'gap' && f.parent === district)

describe('split and merge', () => {
  test('a district is split along a line drawn with the mouse into two small areas with no gap, then merged back', async () => {
    const place = await undividedDistrict()
    const { census, consoleErrors } = session
    await census.openCity()
    await census.signAs('张伟')
    await census.pickTownship(place.township)
    await census.chooseDistrict(place.code, place.inside)

    // From outside its west edge, through a bend inside, to outside its east edge.
    const margin = (place.east - place.west) * 0.08
    const y = place.inside[1]!
    const bend: Position = [place.inside[0]!, y + (place.north - place.south) * 0.1]
    const line: Position[] = [[place.west - margin, y], bend, [place.east + margin, y]]
    const said = await census.splitAlong(line)
    expect(said).toContain('已分割')
    expect(said).toContain('不能撤销')
    await census.screenshot('split-merge-1-split')

    const parts = await smallAreasOf(place.code)
    expect(parts.features.map((f) => f.properties.code).sort()).toEqual([`${place.code}001`, `${place.code}002`])
    expect(await gapsOf(place.code)).toEqual([])
    const messages = await census.findingMessages()
    expect(messages.filter((m) => m.includes('漏划') && m.includes(place.code))).toEqual([])
    expect(await census.visibleCodes('smallArea')).toEqual(expect.arrayContaining([`${place.code}001`, `${place.code}002`]))
    // Undo cannot go back across a split: the history ended there.
    expect(await census.page.getByTestId('editor-toolbar').getByRole('button', { name: /撤销/ }).isDisabled()).toBe(true)

    await census.screenshot('split-merge-2-findings')

    // 001 is selected after the split; merge it with 002, clicked inside 002.
    await census.page.getByRole('tab', { name: '概况' }).click()
    const second = parts.features.find((f) => f.properties.code === `${place.code}002`)!
    const merged = await census.mergeWithNeighbourAt(labelPoint(second.geometry)!)
    expect(merged).toContain('已合并')
    await census.screenshot('split-merge-3-merged')
    const after = await smallAreasOf(place.code)
    expect(after.features.map((f) => f.properties.code)).toEqual([`${place.code}001`])
    expect(await gapsOf(place.code)).toEqual([])
    expect(consoleErrors).toEqual([])
  })
})
