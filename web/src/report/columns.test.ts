import { describe, expect, it } from 'vitest'
import { completionReport } from '@census/shared'
import { tableRows, toCsv } from './columns.ts'

const report = completionReport(new Date('2026-07-27T09:00:00Z'), [
  { code: '370481001', name: '北辛街道', expectedDistricts: 20, drawnDistricts: 11, submittedDistricts: 3, approvedDistricts: 2, returnedDistricts: 1, smallAreas: 30, buildingsMarked: 300, households: 900, expectedBuildings: 1000, expectedBuildingsOn: '2026-07-01' },
  { code: '370481002', name: '善南, "新"街道', expectedDistricts: 0, drawnDistricts: 0, submittedDistricts: 0, approvedDistricts: 0, returnedDistricts: 0, smallAreas: 0, buildingsMarked: 5, households: 7, expectedBuildings: null, expectedBuildingsOn: null },
])

describe('export rows', () => {
  it('put the header, the city total and each township, with rates as whole percents and blanks where there is no rate', () => {
    const rows = tableRows(report.townships, report.city, 'zh')
    expect(rows[0]).toEqual(['乡镇（街道）', '普查区应划分数', '已划分普查区', '普查区完成率', '已提交', '已审核', '审核完成率', '已退回', '普查小区', '已标绘建筑物', '预计建筑物', '建筑物标绘率', '户数'])
    expect(rows[1]).toEqual(['全市', 20, 11, 55, 3, 2, 10, 1, 30, 305, 1000, 30, 907])
    expect(rows[2]).toEqual(['北辛街道', 20, 11, 55, 3, 2, 10, 1, 30, 300, 1000, 30, 900])
    expect(rows[3]).toEqual(['善南, "新"街道', 0, 0, null, 0, 0, null, 0, 0, 5, null, null, 7])
  })

  it('write CSV that Excel reads as UTF-8, quoting what needs it', () => {
    const csv = toCsv(tableRows(report.townships, report.city, 'zh'))
    expect(csv.startsWith('\uFEFF乡镇（街道）,')).toBe(true)
    expect(csv.split('\r\n')[3]).toBe('"善南, ""新""街道",0,0,,0,0,,0,0,5,,,7')
  })
})
