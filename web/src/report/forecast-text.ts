/** A forecast in words, for the table's forecast column, the sentence under the chart and the list of townships at risk. */
import { chinaTime, type Bilingual, type Forecast } from '@census/shared'

/** "12/19", or "2027/5/23" when the year is not the report's: a forecast can run into next year. */
export function chinaDate(at: Date, reference: Date): string {
  const c = chinaTime(at)
  return c.year === chinaTime(reference).year ? `${c.month}/${c.day}` : `${c.year}/${c.month}/${c.day}`
}

/** The sentence for a forecast of drawing districts; `short` for a list ("预计 1/5" / "停滞"). */
export function forecastLabel(f: Forecast, deadline: Date, reference: Date, short = false): Bilingual {
  const day = (iso: string) => chinaDate(new Date(iso), reference)
  const due = chinaDate(new Date(deadline.getTime() - 1), reference)
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
    case 'no_target':
      return { zh: '没有普查区名单，无法预测', en: 'no district list, no forecast' }
    default:
      return f.state satisfies never
  }
}
