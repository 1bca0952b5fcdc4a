/**
 * The bulletin paragraph the city office sends (通报), written from the figures in the office's own
 * phrasing: "截止7月27日17时，全市已完成普查区划分711个，完成率57%，划分普查小区1460个，建筑物9680个。
 * 有12个镇街建筑物已标绘超过20%，其中7个镇街超过30%，3个超过70%。" Times are China time (UTC+8),
 * whatever the reader's clock says.
 */
import type { Bilingual } from '../errors.ts'
import { chinaTime } from './china-time.ts'
import { buildingBands, DEFAULT_BUILDING_BANDS, percent, type CompletionReport } from './figures.ts'

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "7月27日17时" (with "30分" when not on the hour) / "17:00 on 27 July". */
export function bulletinTime(at: Date): Bilingual {
  const c = chinaTime(at)
  const minutes = c.minute === 0 ? '' : `${c.minute}分`
  return {
    zh: `${c.month}月${c.day}日${c.hour}时${minutes}`,
    en: `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')} on ${c.day} ${MONTHS_EN[c.month - 1]}`,
  }
}

const en = (n: number) => n.toLocaleString('en-GB')

/** The paragraph for a report, with the building thresholds the office chose (whole percents). */
export function bulletinParagraph(report: CompletionReport, thresholds: readonly number[] = DEFAULT_BUILDING_BANDS): Bilingual {
  const { city } = report
  const when = bulletinTime(new Date(report.asOf))
  const pct = percent(city.drawnDistricts, city.expectedDistricts)
  const bands = buildingBands(report.townships, thresholds)

  const zhRate = pct === null ? '' : `，完成率${pct}%`
  const enRate = pct === null ? '' : ` (${pct}% complete)`
  const zh = [`截止${when.zh}，全市已完成普查区划分${city.drawnDistricts}个${zhRate}，划分普查小区${city.smallAreas}个，建筑物${city.buildingsMarked}个。`]
  const enText = [
    `As of ${when.en}, the city has delimited ${en(city.drawnDistricts)} census districts${enRate}, drawn ${en(city.smallAreas)} small areas and marked ${en(city.buildingsMarked)} buildings.`,
  ]

  // Bands nest (over 70% is also over 30%), so the sentence narrows from the first, and stops at the first empty one.
  const [first, ...rest] = bands
  if (first && first.townships === 0) {
    zh.push(`尚无镇街建筑物标绘超过${first.threshold}%。`)
    enText.push(`No township has marked more than ${first.threshold}% of its buildings yet.`)
  } else if (first) {
    const narrower = rest.filter((b) => b.townships > 0)
    const zhParts = narrower.map((b, i) => (i === 0 ? `其中${b.townships}个镇街超过${b.threshold}%` : `${b.townships}个超过${b.threshold}%`))
    zh.push(`有${first.townships}个镇街建筑物已标绘超过${first.threshold}%${zhParts.map((p) => `，${p}`).join('')}。`)
    const enParts = narrower.map((b, i) => (i === 0 ? `${b.townships} of them more than ${b.threshold}%` : `${b.townships} more than ${b.threshold}%`))
    const township = first.townships === 1 ? 'township has' : 'townships have'
    enText.push(`${first.townships} ${township} marked more than ${first.threshold}% of their buildings${enParts.length ? `; ${enParts.join(', and ')}` : ''}.`)
  }
  return { zh: zh.join(''), en: enText.join(' ') }
}
