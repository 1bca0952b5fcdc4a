/** The city's progress day by day, with the district forecast at the recent pace and the deadline (ECharts). */
import { useEffect, useRef } from 'react'
import { citySeries, forecastFinish, type CompletionSeries } from '@census/shared'
import { useText } from '../i18n/use-text.ts'
import { reportText } from './report-text.ts'

interface Props {
  series: CompletionSeries
  deadline: Date
  countyName: string
}

export function ReportChart({ series, deadline, countyName }: Props) {
  const text = useText()
  const element = useRef<HTMLDivElement>(null)
  const labels = [text(reportText.chartDistricts), text(reportText.chartBuildings), text(reportText.chartForecast), text(reportText.deadline)] as const

  useEffect(() => {
    let disposed = false
    let chart: { dispose(): void; resize(): void } | null = null
    const onResize = () => chart?.resize()
    void import('./echarts-setup.ts').then((echarts) => {
      if (disposed || !element.current) return
      const city = citySeries(series, countyName)
      const times = series.days.map((d) => Date.parse(d))
      const pct = (part: number, whole: number | null) => (whole ? Math.round((part * 1000) / whole) / 10 : null)
      const forecast = forecastFinish(series.days, city.drawnDistricts, city.expectedDistricts, deadline)
      const last = times.length - 1
      const forecastLine =
        forecast.state === 'on_track' || forecast.state === 'at_risk'
          ? [
              [times[last], pct(city.drawnDistricts[last]!, city.expectedDistricts)],
              forecast.finishAt
                ? [Date.parse(forecast.finishAt), 100]
                : [deadline.getTime(), pct(city.drawnDistricts[last]!, city.expectedDistricts)],
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
            data: times.map((t, i) => [t, pct(city.drawnDistricts[i]!, city.expectedDistricts)]),
            markLine: {
              symbol: 'none',
              lineStyle: { color: '#c0392b', type: 'solid' },
              label: { formatter: labels[3] },
              data: [{ xAxis: deadline.getTime() }],
            },
          },
          { name: labels[1], type: 'line', showSymbol: false, data: times.map((t, i) => [t, pct(city.buildingsMarked[i]!, city.expectedBuildings)]) },
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
  }, [series, deadline.getTime(), countyName, labels.join()])

  return <div className="report-chart" ref={element} data-testid="report-chart" />
}
