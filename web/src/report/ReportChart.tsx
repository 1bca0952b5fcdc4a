/** One township's (or the city's) progress day by day, with the district forecast at the recent pace and the deadline (ECharts). */
import { useEffect, useRef } from 'react'
import { forecastFinish, type TownshipSeries } from '@census/shared'
import { useText } from '../i18n/use-text.ts'
import { reportText } from './report-text.ts'

interface Props {
  /** The end of each day (CompletionSeries.days). */
  days: readonly string[]
  /** The city's sum (citySeries) or one township's. */
  line: TownshipSeries
  deadline: Date
}

export function ReportChart({ days, line, deadline }: Props) {
  const text = useText()
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
      const forecastLine =
        forecast.state === 'on_track' || forecast.state === 'at_risk'
          ? [
              [times[last], pct(line.drawnDistricts[last]!, line.expectedDistricts)],
              forecast.finishAt
                ? [Date.parse(forecast.finishAt), 100]
                : [deadline.getTime(), pct(line.drawnDistricts[last]!, line.expectedDistricts)],
            ]
          : []
      const instance = echarts.init(element.current)
      chart = instance
      instance.setOption({
        animation: false,
        grid: { left: 48, right: 24, top: 56, bottom: 32 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null ? '—' : `${String(v)}%`) },
        xAxis: { type: 'time', max: Math.max(deadline.getTime(), forecast.finishAt ? Date.parse(forecast.finishAt) : 0, times[last] ?? 0) },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: labels[0],
            type: 'line',
            showSymbol: false,
            data: times.map((t, i) => [t, pct(line.drawnDistricts[i]!, line.expectedDistricts)]),
            markLine: {
              symbol: 'none',
              lineStyle: { color: '#c0392b', type: 'solid' },
              label: { formatter: labels[3] },
              data: [{ xAxis: deadline.getTime() }],
            },
          },
          { name: labels[1], type: 'line', showSymbol: false, data: times.map((t, i) => [t, pct(line.buildingsMarked[i]!, line.expectedBuildings)]) },
          { name: labels[2], type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: forecastLine },
        ],
      })
      globalThis.addEventListener('resize', onResize)
    })
    return () => {
      disposed = true
      globalThis.removeEventListener('resize', onResize)
      chart?.dispose()
    }
  }, [days, line, deadline.getTime(), labels.join()])

  return <div className="report-chart" ref={element} data-testid="report-chart" data-line={line.code || 'city'} />
}
