import { describe, expect, it } from 'vitest'
import { buildingFindingTypes, countFindings, coverageFindingTypes, findingMessage, loadBounds, severityOf, toFinding, TOPOLOGY_DEFAULTS, type FindingFacts } from './findings.ts'
import { fileReport, problemLocation, readFeatureCollection } from './file-report.ts'
import { clippedPartList } from './on-save.ts'

const facts = (over: Partial<FindingFacts>): FindingFacts => ({ type: 'overlap', parent: '370481003038', codes: ['370481003038001', '370481003038002'], geometry: null, areaM2: 12.5, distanceM: null, ...over })

describe('findings', () => {
  it.each([...coverageFindingTypes, ...buildingFindingTypes])('words a %s finding in Chinese and English, naming the codes', (type) => {
    const message = findingMessage(facts({ type, distanceM: 0.3, households: 1200 }))
    expect(message.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(message.en).toMatch(/^[\x20-\x7e²–]+$/)
    expect(message.zh).toContain('370481003038001')
    expect(message.en).toContain('370481003038001')
  })

  it('makes a near miss an error when it leaves a sliver, a warning when only the vertices differ', () => {
    expect(severityOf(facts({ type: 'near_miss', distanceM: 0.2 }))).toBe('error')
    expect(severityOf(facts({ type: 'near_miss', distanceM: 0 }))).toBe('warning')
    expect(severityOf(facts({ type: 'load' }))).toBe('warning')
    expect(severityOf(facts({ type: 'building_outside' }))).toBe('error')
  })

  it('says over the limit or far from the target for a load', () => {
    expect(findingMessage(facts({ type: 'load', households: 1200 })).en).toContain('over the limit of 999')
    expect(findingMessage(facts({ type: 'load', households: 12 })).zh).toContain('目标 80 户')
    expect(loadBounds()).toEqual({ low: 40, high: 160, limit: 999 })
    expect(loadBounds({ ...TOPOLOGY_DEFAULTS, householdTarget: 600 })).toEqual({ low: 300, high: 999, limit: 999 })
  })

  it('says an area whole and grouped from 100 m², with three figures below', () => {
    expect(findingMessage(facts({ type: 'gap', areaM2: 10_516_386.6 })).zh).toContain('旁有 10,516,387 平方米')
    expect(findingMessage(facts({ type: 'gap', areaM2: 0.2 })).en).toMatch(/^0\.2 m² next to/)
    expect(clippedPartList([{ code: '370481003038001', reason: 'sibling', areaM2: 10_841.04, geometry: null! }, { code: '370481003038', reason: 'outside_parent', areaM2: 0.25, geometry: null! }])).toEqual({
      zh: '370481003038001（10,841 平方米）、370481003038（0.25 平方米）',
      en: '370481003038001 (10,841 m²), 370481003038 (0.25 m²)',
    })
  })

  it('counts per type and severity', () => {
    const found = [toFinding(facts({})), toFinding(facts({ type: 'near_miss', distanceM: 0 })), toFinding(facts({}))]
    expect(countFindings(found)).toEqual({ overlap: { error: 2, warning: 0 }, near_miss: { error: 0, warning: 1 } })
  })
})

describe('file reports', () => {
  it('is valid when nothing is an error', () => {
    expect(fileReport([toFinding(facts({ type: 'near_miss', distanceM: 0 }))]).valid).toBe(true)
    const report = fileReport([toFinding(facts({ codes: ['a', 'b'] }))])
    expect(report).toEqual({ valid: false, issues: [{ type: 'overlap', severity: 'error', ids: ['a', 'b'], areaM2: 12.5, geometry: null }] })
  })

  it('locates a problem at the vertex its path names, or the first vertex of the ring', () => {
    const polygon = { type: 'Polygon', coordinates: [[[117, 35], [117.1, 35], [117.1, 35.1], [117, 35]]] }
    expect(problemLocation(polygon, '.coordinates[0][2]')).toEqual({ type: 'Point', coordinates: [117.1, 35.1] })
    expect(problemLocation(polygon, '.coordinates[0]')).toEqual({ type: 'Point', coordinates: [117, 35] })
    expect(problemLocation({ type: 'Polygon', coordinates: [] }, '.coordinates')).toBeNull()
  })

  it('reads a FeatureCollection of polygons with unique ids, and says what is wrong otherwise', () => {
    const feature = (id: unknown, type = 'Polygon') => ({ type: 'Feature', properties: { id }, geometry: { type, coordinates: [] } })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(1), feature('b')] }, 'children')).toMatchObject({ ok: true, features: [{ id: '1' }, { id: 'b' }] })
    expect(readFeatureCollection({ type: 'Feature' }, 'children')).toMatchObject({ ok: false, message: { en: 'The file is not a GeoJSON FeatureCollection' } })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(1), feature(1)] }, 'children')).toMatchObject({ ok: false, message: { en: 'properties.id "1" is used twice' } })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(undefined)] }, 'children')).toMatchObject({ ok: false })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(1, 'Point')] }, 'children')).toMatchObject({ ok: false })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(undefined), feature(undefined)] }, 'parent')).toMatchObject({ ok: false })
    expect(readFeatureCollection({ type: 'FeatureCollection', features: [feature(undefined, 'MultiPolygon')] }, 'parent')).toMatchObject({ ok: true, features: [{ id: 'parent' }] })
  })
})
