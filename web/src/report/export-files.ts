/**
 * The report as files for the office's own tables and bulletins: XLSX with the as-of time in its
 * title row, and CSV. Both carry exactly the rows the page shows (see columns.ts).
 */
import { chinaTime, type Bilingual, type CompletionReport } from '@census/shared'
import { tableRows, toCsv, type TownshipRow } from './columns.ts'

/** "滕州市普查区划分与建筑物标绘进度（截止2026年7月27日17时）". */
export function reportTitle(countyName: string, asOf: Date): Bilingual {
  const c = chinaTime(asOf)
  const hm = `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`
  return {
    zh: `${countyName}普查区划分与建筑物标绘进度（截止${c.year}年${c.month}月${c.day}日${c.hour}时${c.minute ? `${c.minute}分` : ''}）`,
    en: `${countyName}: census districts and building marking, as of ${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')} ${hm} (China time)`,
  }
}

/** "滕州市-普查进度-20260727-1700": the as-of time in the name too, so files sort by it. */
export function reportFileName(countyName: string, asOf: Date): string {
  const c = chinaTime(asOf)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${countyName}-普查进度-${c.year}${two(c.month)}${two(c.day)}-${two(c.hour)}${two(c.minute)}`
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName })
  document.body.append(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(url)
}

export interface ExportInput {
  report: CompletionReport
  /** In the order the table shows them, with their status and findings (blank where unknown). */
  townships: readonly TownshipRow[]
  countyName: string
  language: keyof Bilingual
}

export function downloadCsv({ report, townships, countyName, language }: ExportInput): void {
  const csv = toCsv(tableRows(townships, report.city, language))
  download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${reportFileName(countyName, new Date(report.asOf))}.csv`)
}

export async function downloadXlsx({ report, townships, countyName, language }: ExportInput): Promise<void> {
  // Loaded on the first export only: most visits never need it.
  const { default: writeXlsxFile } = await import('write-excel-file/browser')
  const rows = tableRows(townships, report.city, language)
  const width = rows[0]!.length
  const title = reportTitle(countyName, new Date(report.asOf))[language]
  const data = [
    [{ value: title, fontWeight: 'bold' as const, fontSize: 14, columnSpan: width }, ...Array<null>(width - 1).fill(null)],
    rows[0]!.map((value) => ({ value: String(value), fontWeight: 'bold' as const, wrap: true, align: 'center' as const })),
    ...rows.slice(1).map((r, i) => r.map((value) => ({ value: value ?? undefined, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) }))),
  ]
  const blob = await writeXlsxFile(data, { sheet: language === 'zh' ? '完成情况' : 'Progress', columns: [{ width: 16 }, ...Array(width - 1).fill({ width: 11 })], stickyRowsCount: 2 }).toBlob()
  download(blob, `${reportFileName(countyName, new Date(report.asOf))}.xlsx`)
}
