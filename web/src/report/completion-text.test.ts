import { describe, expect, it } from 'vitest'
import { completionReport } from '@census/shared'
import { townshipRows } from './columns.ts'
import { completionTip } from './completion-text.ts'

const [township] = completionReport(new Date('2026-07-27T09:00:00Z'), [
  { code: '370481001', name: '北辛街道', expectedDistricts: 20, drawnDistricts: 19, submittedDistricts: 0, approvedDistricts: 0, returnedDistricts: 0, smallAreas: 30, buildingsMarked: 300, households: 900, expectedBuildings: 1000, expectedBuildingsOn: '2026-07-01' },
]).townships

describe('the status tooltip', () => {
  it('names everything that keeps a township from being done', () => {
    const [row] = townshipRows([township!], new Map([['370481001', { errors: 3, warnings: 0 }]]))
    expect(completionTip(row!, true)).toEqual({
      zh: '未完成：还有1个普查区未划分；建筑物已标绘300个，未达预计1000个，且普查区未全部审核；有3个拓扑错误未处理',
      en: 'Not done: 1 district not drawn; 300 of 1000 expected buildings marked, and not every district approved; 3 open topology errors',
    })
  })

  it('says why a finished township of a past moment is not counted done', () => {
    const [row] = townshipRows([{ ...township!, drawnDistricts: 20, buildingsMarked: 1000 }], null)
    expect(completionTip(row!, false).zh).toContain('历史时点的拓扑错误无法核查')
    expect(completionTip(row!, true).en).toContain('checking')
  })
})
