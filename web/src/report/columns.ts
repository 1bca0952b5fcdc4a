/**
 * The report table's rows and columns, defined once for the page, the CSV and the XLSX: what each
 * column is called in both languages and which figure it shows. Rates are whole percents, as the
 * office writes them. Findings (errors, warnings) are null where unknown: a past moment, or the
 * topology summary not in yet.
 */
import {
  percent,
  townshipCompletion,
  type Bilingual,
  type CityFigures,
  type CompletionState,
  type OpenFindings,
  type TownshipCompletion,
  type TownshipFigures,
} from '@census/shared'

export interface TownshipRow extends TownshipFigures {
  findings: OpenFindings | null
  completion: TownshipCompletion
}

export interface CityRow extends CityFigures {
  name: string
  /** The townships' sums, once every township's are known. */
  findings: OpenFindings | null
  /** Townships done (see shared completion/status.ts). */
  done: number
}

export type ReportRow = TownshipRow | CityRow

/** Each township with its findings (null: unknown) and whether it is done. */
export function townshipRows(townships: readonly TownshipFigures[], findings: ReadonlyMap<string, OpenFindings> | null): TownshipRow[] {
  return townships.map((t) => {
    const own = findings?.get(t.code) ?? null
    return { ...t, findings: own, completion: townshipCompletion(t, own) }
  })
}

export function cityRow(city: CityFigures, townships: readonly TownshipRow[], name: string): CityRow {
  const known = townships.length > 0 && townships.every((t) => t.findings !== null)
  const sum = (key: keyof OpenFindings) => townships.reduce((s, t) => s + (t.findings?.[key] ?? 0), 0)
  return {
    ...city,
    name,
    findings: known ? { errors: sum('errors'), warnings: sum('warnings') } : null,
    done: townships.filter((t) => t.completion.state === 'done').length,
  }
}

export interface ReportColumn {
  key: string
  label: Bilingual
  kind: 'count' | 'rate' | 'finding'
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
  { key: 'errors', label: { zh: '错误', en: 'Errors' }, kind: 'finding', value: (r) => r.findings?.errors ?? null },
  { key: 'warnings', label: { zh: '警告', en: 'Warnings' }, kind: 'finding', value: (r) => r.findings?.warnings ?? null },
]

export const statusColumnLabel: Bilingual = { zh: '完成情况', en: 'Status' }
export const completionLabels: Record<CompletionState, Bilingual> = {
  done: { zh: '已完成', en: 'Done' },
  in_progress: { zh: '进行中', en: 'In progress' },
  has_errors: { zh: '有错误', en: 'Has errors' },
  unchecked: { zh: '待核查', en: 'Not checked' },
}

/** A township's state in words; the city's is how many townships are done ("3/21"), unknown ("—") without every township's findings. */
export function statusText(row: ReportRow, language: keyof Bilingual): string {
  if ('completion' in row) return completionLabels[row.completion.state][language]
  return row.findings === null ? '—' : `${row.done}/${row.townships}`
}

export const nameColumnLabel: Bilingual = { zh: '乡镇（街道）', en: 'Township' }
export const cityRowName: Bilingual = { zh: '全市', en: 'Whole city' }

/** The rows of an export: a header, the city total, then the townships in the order shown. */
export function tableRows(townships: readonly TownshipRow[], city: CityFigures, language: keyof Bilingual): (string | number | null)[][] {
  const header = [nameColumnLabel[language], statusColumnLabel[language], ...reportColumns.map((c) => c.label[language])]
  const row = (r: ReportRow) => [r.name, statusText(r, language), ...reportColumns.map((c) => c.value(r))]
  return [header, row(cityRow(city, townships, cityRowName[language])), ...townships.map(row)]
}

/** RFC 4180 CSV with a BOM, so that Excel opens the Chinese names as UTF-8. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
