/**
 * Progress over time for the city or one chosen township (the select, or a row's chart button),
 * its forecast finish against the county's deadline in a sentence, and under the chart the
 * townships at risk (forecast after the deadline), each a button that charts it. The deadline
 * itself is set on its card (DeadlineCard).
 */
import { useMemo } from 'react'
import { citySeries, forecastFinish, type CompletionSeries, type Forecast } from '@census/shared'
import { useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'
import { ReportChart } from './ReportChart.tsx'
import { forecastLabel } from './forecast-text.ts'
import { reportText } from './report-text.ts'

interface Props {
  series: CompletionSeries
  /** Each township's district forecast against the deadline, as the table shows it. */
  forecasts: ReadonlyMap<string, Forecast>
  /** '' for the whole city. */
  chosen: string
  onChoose: (code: string) => void
  /** The end of the county's deadline day; null while none is set. */
  deadline: Date | null
  countyName: string
  asOf: Date
}

export function ProgressChart({ series, forecasts, chosen, onChoose, deadline, countyName, asOf }: Props) {
  const text = useText()
  const colon = useViewer((s) => s.language) === 'zh' ? '：' : ': '
  const city = useMemo(() => citySeries(series, countyName || text(reportText.wholeCity)), [series, countyName, text])
  const line = useMemo(() => series.townships.find((t) => t.code === chosen) ?? city, [series, chosen, city])
  const forecast = chosen ? forecasts.get(chosen) : forecastFinish(series.days, city.drawnDistricts, city.expectedDistricts, deadline)
  const atRisk = series.townships.filter((t) => forecasts.get(t.code)?.state === 'at_risk')

  return (
    <section className="report-chart-section" data-testid="progress-chart">
      <header>
        <h3>{text(reportText.chartTitle)}</h3>
        <select value={chosen} onChange={(e) => onChoose(e.target.value)} aria-label={text(reportText.chartOf)} data-testid="chart-township">
          <option value="">{text(reportText.wholeCity)}</option>
          {series.townships.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
      </header>
      <ReportChart days={series.days} line={line} deadline={deadline} />
      {forecast && (
        <p className={`chart-forecast forecast-${forecast.state}`} data-testid="chart-forecast">
          {line.name}
          {colon}
          {text(forecastLabel(forecast, deadline, asOf))}
        </p>
      )}
      <div className={atRisk.length > 0 ? 'risk' : deadline ? 'no-risk' : ''} data-testid="at-risk">
        {atRisk.length > 0 ? (
          <>
            <span>
              {atRisk.length} {text(reportText.atRisk)}
              {colon}
            </span>
            <ul className="at-risk-list">
              {atRisk.map((t) => (
                <li key={t.code}>
                  <button type="button" className="link" aria-pressed={t.code === chosen} onClick={() => onChoose(t.code)}>
                    {t.name}
                  </button>
                  <span className="at-risk-when">{text(forecastLabel(forecasts.get(t.code)!, deadline, asOf, true))}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          text(deadline ? reportText.noneAtRisk : reportText.noDeadline)
        )}
      </div>
    </section>
  )
}
