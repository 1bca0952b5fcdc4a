/**
 * Days and forecasts in words, China time whatever the browser's zone or language: the as-of and
 * deadline pickers, the chart's axis, the table's forecast column, the sentence under the chart and
 * the list of townships at risk.
 */
import { chinaTime, type Bilingual, type Forecast } from '@census/shared'

/** A China day ("2026-07-27") as the office writes it: "2026年7月27日" / "27 July 2026". */
export function dayInWords(day: string): Bilingual {
  const [year, month, date] = day.split('-').map(Number)
  const en = new Date(Date.UTC(year!, month! - 1, date!)).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
  return { zh: `${year}年${month}月${date}日`, en }
}

/** The China day of an instant, short: "7月27日" / "27 Jul" (the chart's axis, the deadline card). */
export function monthDay(at: Date): Bilingual {
  const c = chinaTime(at)
  const en = new Date(Date.UTC(c.year, c.month - 1, c.day)).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' })
  return { zh: `${c.month}月${c.day}日`, en }
}

/** "12/19", or "2027/5/23" when the year is not the report's: a forecast can run into next year. */
export function chinaDate(at: Date, reference: Date): string {
  const c = chinaTime(at)
  return c.year === chinaTime(reference).year ? `${c.month}/${c.day}` : `${c.year}/${c.month}/${c.day}`
}

/** The sentence for a forecast of drawing districts; `short` for a list ("预计 1/5" / "停滞"). `deadline`: its day's end, null while none is set. */
export function forecastLabel(f: Forecast, deadline: Date | null, reference: Date, short = false): Bilingual {
  const day = (iso: string) => chinaDate(new Date(iso), reference)
  const due = deadline ? chinaDate(new Date(deadline.getTime() - 1), reference) : ''
  switch (f.state) {
    case 'done':
      return short ? { zh: '已完成', en: 'done' } : { zh: `普查区已于${day(f.finishAt!)}全部划分`, en: `every district drawn by ${day(f.finishAt!)}` }
    case 'on_track':
      return short
        ? { zh: `预计${day(f.finishAt!)}`, en: `by ${day(f.finishAt!)}` }
        : { zh: `按近7天进度，预计${day(f.finishAt!)}完成普查区划分，早于截止日期${due}`, en: `at the pace of the last 7 days, districts are all drawn by ${day(f.finishAt!)}, before the deadline (${due})` }
    case 'at_risk':
      if (f.finishAt === null) {
        return short ? { zh: '停滞', en: 'stalled' } : { zh: `近7天普查区划分没有进展，无法在截止日期${due}前完成`, en: `no district drawn in the last 7 days: it will not finish by the deadline (${due})` }
      }
      return short
        ? { zh: `预计${day(f.finishAt)}`, en: `by ${day(f.finishAt)}` }
        : { zh: `按近7天进度，预计${day(f.finishAt)}才能完成普查区划分，晚于截止日期${due}`, en: `at the pace of the last 7 days, districts are all drawn only by ${day(f.finishAt)}, after the deadline (${due})` }
    case 'no_deadline':
      if (f.finishAt === null) {
        return short ? { zh: '停滞', en: 'stalled' } : { zh: '近7天普查区划分没有进展', en: 'no district drawn in the last 7 days' }
      }
      return short
        ? { zh: `预计${day(f.finishAt)}`, en: `by ${day(f.finishAt)}` }
        : { zh: `按近7天进度，预计${day(f.finishAt)}完成普查区划分（尚未设定截止日期）`, en: `at the pace of the last 7 days, districts are all drawn by ${day(f.finishAt)} (no deadline set yet)` }
    case 'no_target':
      return { zh: '没有普查区名单，无法预测', en: 'no district list, no forecast' }
    default:
      return f.state satisfies never
  }
}
