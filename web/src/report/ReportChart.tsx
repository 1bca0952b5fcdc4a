/**
 * One township's (or the city's) progress day by day, with the district forecast at the recent pace
 * and the deadline (ECharts). The axis reads China days whatever the browser's zone: ECharts lays a
 * time axis out by the browser's clock, or by UTC (useUTC), so the chart is drawn in "axis time",
 * China wall-clock time one day back, in UTC. A tick labelled 27 July is then the end of 27 July
 * in China, where that day's count and a deadline of 27 July stand.
 */
import { useEffect, useRef } from 'react'
import { CHINA_OFFSET_MS, DAY_MS, chinaTime, forecastFinish, type TownshipSeries } from '@census/shared'
import { useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'
import { monthDay } from './forecast-text.ts'
import { reportText } from './report-text.ts'

const toAxis = (t: number) => t + CHINA_OFFSET_MS - DAY_MS
const fromAxis = (x: number) => x - CHINA_OFFSET_MS + DAY_MS

/** The China day a point stands for: a day's end is that day; the last point, now, is today with its time. */
function pointTime(at: number): { zh: string; en: string } {
  const day = monthDay(new Date(at - 1))
  if ((at + CHINA_OFFSET_MS) % DAY_MS === 0) return day
  const c = chinaTime(new Date(at))
  const hm = `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`
  return { zh: `${day.zh} ${hm}`, en: `${day.en} ${hm}` }
}

interface TooltipPoint {
  marker: string
  seriesName: string
  value: [number, number | null]
  axisValue: number
}

interface Props {
  /** The end of each day (CompletionSeries.days). */
  days: readonly string[]
  /** The city's sum (citySeries) or one township's. */
  line: TownshipSeries
  /** The end of the deadline day; null while none is set. */
  deadline: Date | null
}

export function ReportChart({ days, line, deadline }: Props) {
  const text = useText()
  const language = useViewer((s) => s.language)
  const element = useRef<HTMLDivElement>(null)
  const labels = [text(reportText.chartDistricts), text(reportText.chartBuildings), text(reportText.chartForecast), text(reportText.deadline)] as const

  useEffect(() => {
    let disposed = false
    let chart: { dispose(): void; resize(): void } | null = null
    const onResize = () => chart?.resize()
    void import('./echarts-setup.ts').then((echarts) => {
      if (disposed || !element.current) return
      const times = days.map((d) => Date.parse(d))
      const pct = (part: number, whole: number | null) => (whole ? Math.round((part * 1000) / whole) / 10 : null)
      const forecast = forecastFinish(days, line.drawnDistricts, line.expectedDistricts, deadline)
      const last = times.length - 1
      const drawnNow = pct(line.drawnDistricts[last]!, line.expectedDistricts)
      // To 100 % on the finish day; a stalled line runs flat to the deadline (or a week on, without one).
      const forecastEnd =
        forecast.state === 'done' || forecast.state === 'no_target'
          ? null
          : forecast.finishAt
            ? [Date.parse(forecast.finishAt), 100]
            : [deadline?.getTime() ?? times[last]! + 7 * DAY_MS, drawnNow]
      const forecastLine = forecastEnd ? [[times[last]!, drawnNow], forecastEnd] : []
      const point = ([t, v]: (number | null)[]) => [toAxis(t!), v]
      const instance = echarts.init(element.current)
      chart = instance
      instance.setOption({
        animation: false,
        useUTC: true,
        grid: { left: 48, right: 24, top: 56, bottom: 32 },
        legend: { top: 0 },
        tooltip: {
          trigger: 'axis',
          confine: true,
          formatter: (points: TooltipPoint[]) => {
            const at = fromAxis(points[0]?.axisValue ?? 0)
            const rows = points.map((p) => `${p.marker}${p.seriesName}&emsp;<b>${p.value[1] === null ? '—' : `${p.value[1]}%`}</b>`)
            return [pointTime(at)[language], ...rows].join('<br>')
          },
        },
        xAxis: {
          type: 'time',
          min: toAxis(times[0] ?? 0),
          max: toAxis(Math.max(deadline?.getTime() ?? 0, forecastEnd?.[0] ?? 0, times[last] ?? 0)),
          minInterval: DAY_MS,
          axisLabel: { formatter: (x: number) => monthDay(new Date(fromAxis(x) - 1))[language], hideOverlap: true },
        },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: labels[0],
            type: 'line',
            showSymbol: false,
            data: times.map((t, i) => point([t, pct(line.drawnDistricts[i]!, line.expectedDistricts)])),
            ...(deadline && {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#c0392b', type: 'solid' },
                // Leftwards from the line's top: the deadline is often the axis's last day, at the chart's edge.
                label: { formatter: `${labels[3]} ${monthDay(new Date(deadline.getTime() - 1))[language]}`, color: '#c0392b', align: 'right' },
                data: [{ xAxis: toAxis(deadline.getTime()) }],
              },
            }),
          },
          { name: labels[1], type: 'line', showSymbol: false, data: times.map((t, i) => point([t, pct(line.buildingsMarked[i]!, line.expectedBuildings)])) },
          { name: labels[2], type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: forecastLine.map(point) },
        ],
      })
      globalThis.addEventListener('resize', onResize)
    })
    return () => {
      disposed = true
      globalThis.removeEventListener('resize', onResize)
      chart?.dispose()
    }
  }, [days, line, deadline?.getTime(), labels.join(), language])

  return <div className="report-chart" ref={element} data-testid="report-chart" data-line={line.code || 'city'} />
}
