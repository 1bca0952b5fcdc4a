import { describe, expect, it } from 'vitest'
import { completionReport } from '@census/shared'
import { cityRow, tableRows, toCsv, townshipRows } from './columns.ts'

const report = completionReport(new Date('2026-07-27T09:00:00Z'), [
  { code: '370481001', name: '北辛街道', expectedDistricts: 20, drawnDistricts: 11, submittedDistricts: 3, approvedDistricts: 2, returnedDistricts: 1, smallAreas: 30, buildingsMarked: 300, households: 900, expectedBuildings: 1000, expectedBuildingsOn: '2026-07-01' },
  { code: '370481002', name: '善南, "新"街道', expectedDistricts: 0, drawnDistricts: 0, submittedDistricts: 0, approvedDistricts: 0, returnedDistricts: 0, smallAreas: 0, buildingsMarked: 5, households: 7, expectedBuildings: null, expectedBuildingsOn: null },
])

const findings = new Map([
  ['370481001', { errors: 2, warnings: 5 }],
  ['370481002', { errors: 0, warnings: 1 }],
])

describe('export rows', () => {
  it('put the header, the city total and each township, with rates as whole percents and blanks where there is no rate', () => {
    const rows = tableRows(townshipRows(report.townships, findings), report.city, 'zh')
    expect(rows[0]).toEqual(['乡镇（街道）', '完成情况', '普查区应划分数', '已划分普查区', '普查区完成率', '已提交', '已审核', '审核完成率', '已退回', '普查小区', '已标绘建筑物', '预计建筑物', '建筑物标绘率', '户数', '错误', '警告'])
    expect(rows[1]).toEqual(['全市', '0/2', 20, 11, 55, 3, 2, 10, 1, 30, 305, 1000, 30, 907, 2, 6])
    expect(rows[2]).toEqual(['北辛街道', '进行中', 20, 11, 55, 3, 2, 10, 1, 30, 300, 1000, 30, 900, 2, 5])
    expect(rows[3]).toEqual(['善南, "新"街道', '进行中', 0, 0, null, 0, 0, null, 0, 0, 5, null, null, 7, 0, 1])
  })

  it('leave errors and warnings blank where they are unknown (a past moment), the city’s too', () => {
    const rows = tableRows(townshipRows(report.townships, null), report.city, 'en')
    expect(rows[0]!.slice(-2)).toEqual(['Errors', 'Warnings'])
    expect(rows.slice(1).map((r) => r.slice(-2))).toEqual([[null, null], [null, null], [null, null]])
    expect(rows[2]![1]).toBe('In progress')
  })

  it('write CSV that Excel reads as UTF-8, quoting what needs it', () => {
    const csv = toCsv(tableRows(townshipRows(report.townships, findings), report.city, 'zh'))
    expect(csv.startsWith('\uFEFF乡镇（街道）,完成情况,')).toBe(true)
    expect(csv.split('\r\n')[3]).toBe('"善南, ""新""街道",进行中,0,0,,0,0,,0,0,5,,,7,0,1')
  })
})

describe('the city row', () => {
  it('counts the townships done, and sums findings only once every township’s are in', () => {
    const done = { ...report.townships[0]!, drawnDistricts: 20, buildingsMarked: 1000 }
    const rows = townshipRows([done, report.townships[1]!], new Map([['370481001', { errors: 0, warnings: 3 }]]))
    expect(rows[0]!.completion.state).toBe('done')
    expect(cityRow(report.city, rows, '全市')).toMatchObject({ done: 1, findings: null })
  })
})
