/**
 * The report table's columns, defined once for the page, the CSV and the XLSX: what each column is
 * called in both languages and which figure it shows. Rates are whole percents, as the office writes them.
 */
import { percent, type Bilingual, type CityFigures, type TownshipFigures } from '@census/shared'

export type ReportRow = (TownshipFigures | CityFigures) & { name: string }

export interface ReportColumn {
  key: string
  label: Bilingual
  kind: 'count' | 'rate'
  value: (row: ReportRow) => number | null
}

const count = (key: keyof ReportRow & string, label: Bilingual): ReportColumn => ({ key, label, kind: 'count', value: (r) => r[key] as number | null })

export const reportColumns: readonly ReportColumn[] = [
  count('expectedDistricts', { zh: '普查区应划分数', en: 'Districts on the list' }),
  count('drawnDistricts', { zh: '已划分普查区', en: 'Districts drawn' }),
  { key: 'districtRate', label: { zh: '普查区完成率', en: 'Districts drawn %' }, kind: 'rate', value: (r) => percent(r.drawnDistricts, r.expectedDistricts) },
  count('submittedDistricts', { zh: '已提交', en: 'Submitted' }),
  count('approvedDistricts', { zh: '已审核', en: 'Approved' }),
  { key: 'approvedRate', label: { zh: '审核完成率', en: 'Approved %' }, kind: 'rate', value: (r) => percent(r.approvedDistricts, r.expectedDistricts) },
  count('returnedDistricts', { zh: '已退回', en: 'Returned' }),
  count('smallAreas', { zh: '普查小区', en: 'Small areas' }),
  count('buildingsMarked', { zh: '已标绘建筑物', en: 'Buildings marked' }),
  count('expectedBuildings', { zh: '预计建筑物', en: 'Expected buildings' }),
  { key: 'buildingRate', label: { zh: '建筑物标绘率', en: 'Buildings marked %' }, kind: 'rate', value: (r) => r.buildingRate === null ? null : Math.round(r.buildingRate * 100) },
  count('households', { zh: '户数', en: 'Households' }),
]

export const nameColumnLabel: Bilingual = { zh: '乡镇（街道）', en: 'Township' }
export const cityRowName: Bilingual = { zh: '全市', en: 'Whole city' }

/** The rows of an export: a header, the city total, then the townships in the order shown. */
export function tableRows(townships: readonly TownshipFigures[], city: CityFigures, language: keyof Bilingual): (string | number | null)[][] {
  const header = [nameColumnLabel[language], ...reportColumns.map((c) => c.label[language])]
  const row = (r: ReportRow) => [r.name, ...reportColumns.map((c) => c.value(r))]
  return [header, row({ ...city, name: cityRowName[language] }), ...townships.map(row)]
}

/** RFC 4180 CSV with a BOM, so that Excel opens the Chinese names as UTF-8. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
