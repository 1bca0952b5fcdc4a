/**
 * The city office's dashboard: every township's figures as of a chosen moment (a China day and a
 * whole hour, or now), whether it is done (open topology errors included, fetched separately because
 * checking takes seconds, and refreshed), the bulletin written from them, the exports, the expected
 * buildings and the county's deadline the office edits in place, and progress over time for the
 * city or one township against that deadline. It reads the report API and computes nothing itself
 * that shared/ defines (rates, bands, completion, bulletin, forecast).
 */
import { useEffect, useMemo, useState } from 'react'
import {
  atChinaHour,
  buildingBands,
  bulletinParagraph,
  chinaDayEnd,
  chinaDayOf,
  chinaTime,
  DAY_MS,
  DEFAULT_BUILDING_BANDS,
  forecastFinish,
  percent,
  type Bilingual,
  type CompletionSeries,
  type Forecast,
  type ReportResponse,
} from '@census/shared'
import { getReport, getReportSeries } from '../api/census-api.ts'
import { messageOf } from '../app/load-city.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'
import { copyText } from './clipboard.ts'
import {
  cityRow,
  cityRowName,
  completionLabels,
  nameColumnLabel,
  reportColumns,
  statusColumnLabel,
  statusText,
  townshipRows,
  type ReportColumn,
  type ReportRow,
  type TownshipRow,
} from './columns.ts'
import { completionTip } from './completion-text.ts'
import { DayPicker } from './DayPicker.tsx'
import { DeadlineCard } from './DeadlineCard.tsx'
import { EstimateCell } from './EstimateCell.tsx'
import { downloadCsv, downloadXlsx, reportTitle } from './export-files.ts'
import { chinaDate, dayInWords, forecastLabel } from './forecast-text.ts'
import { ProgressChart } from './ProgressChart.tsx'
import { TownshipChoropleth } from './TownshipChoropleth.tsx'
import { reportText } from './report-text.ts'
import { useOpenFindings } from './use-open-findings.ts'
import { showView } from './view.ts'
import './report.css'

function yesterdayAt17(): Date {
  return atChinaHour(chinaDayOf(new Date(Date.now() - DAY_MS)), 17)
}

/** The as-of picker's hours: the bulletin's moments are whole hours of a China day ("截止7月27日17时"). */
const HOURS = Array.from({ length: 24 }, (_, h) => h)

function parseBands(text: string): number[] {
  const values = text.split(/[,，、\s]+/).map(Number).filter((n) => Number.isFinite(n) && n > 0 && n < 1000)
  return values.length > 0 ? values : [...DEFAULT_BUILDING_BANDS]
}

/** The band colour of a share in percent: the office's thresholds read as traffic lights. */
function bandClass(value: number | null, bands: readonly number[]): string {
  if (value === null) return 'rate-none'
  const passed = bands.filter((b) => value > b).length
  return passed === 0 ? 'rate-low' : passed === bands.length ? 'rate-high' : 'rate-mid'
}

type SortKey = 'code' | ReportColumn['key'] | 'forecast'

export function ReportView() {
  const text = useText()
  const store = useViewerStore()
  const language = useViewer((s) => s.language)
  const countyName = useViewer((s) => s.countyName) ?? ''
  const [asOf, setAsOf] = useState<Date | null>(null)
  const [report, setReport] = useState<ReportResponse | null>(null)
  const [series, setSeries] = useState<CompletionSeries | null>(null)
  const [failure, setFailure] = useState<Bilingual | null>(null)
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'code', descending: false })
  const [bandsText, setBandsText] = useState(DEFAULT_BUILDING_BANDS.join(', '))
  const [copied, setCopied] = useState(false)
  const [mapMeasure, setMapMeasure] = useState<'districtRate' | 'buildingRate'>('districtRate')
  const [chartOf, setChartOf] = useState('')
  /** Bumped after an edit (an estimate, the deadline) or on 刷新, to read the figures again. */
  const [edits, setEdits] = useState(0)
  const findings = useOpenFindings(report?.findings.live ? report.findings.summary : null)
  /** The county's one deadline, as of the report's moment: its day, and the end of that day in China. */
  const deadlineDay = report?.county?.deadline ?? null

  useEffect(() => {
    const abort = new AbortController()
    setFailure(null)
    Promise.all([getReport(asOf, abort.signal), getReportSeries(asOf, abort.signal)]).then(
      ([r, s]) => {
        setReport(r)
        setSeries(s)
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setFailure(messageOf(error))
      },
    )
    return () => abort.abort()
  }, [asOf, edits])

  const bands = useMemo(() => parseBands(bandsText), [bandsText])
  const deadline = useMemo(() => (deadlineDay ? chinaDayEnd(deadlineDay) : null), [deadlineDay])
  const forecasts = useMemo(() => {
    const byCode = new Map<string, Forecast>()
    for (const t of series?.townships ?? []) byCode.set(t.code, forecastFinish(series!.days, t.drawnDistricts, t.expectedDistricts, deadline))
    return byCode
  }, [series, deadline])

  const live = report?.findings.live ?? false
  const findingsNow = live ? findings.byCode : null
  const townships = useMemo(() => {
    if (!report) return []
    const value = (t: TownshipRow): number | string | null => {
      if (sort.key === 'code') return t.code
      if (sort.key === 'forecast') {
        const f = forecasts.get(t.code)
        return f?.state === 'done' ? 0 : f?.finishAt ? Date.parse(f.finishAt) : Number.MAX_SAFE_INTEGER
      }
      return reportColumns.find((c) => c.key === sort.key)!.value(t)
    }
    const sorted = townshipRows(report.townships, findingsNow).sort((a, b) => {
      const [x, y] = [value(a), value(b)]
      // Blanks (no estimate) sort last in both directions.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
      const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)
      return sort.descending ? -order : order
    })
    return sorted
  }, [report, sort, forecasts, findingsNow])

  if (!report) {
    return <div className="report report-loading">{text(failure ?? reportText.loading)}</div>
  }
  const asOfDate = new Date(report.asOf)
  const bulletin = bulletinParagraph(report, bands)[language]
  const { city } = report
  const cityFigures = cityRow(city, townships, text(cityRowName))
  const exportInput = { report, townships, countyName, language }
  const locale = localeOf(language)
  /** Why a findings cell is blank: the past cannot be checked, or the check is still running or failed. */
  const findingsBlank: Bilingual | null = !report.findings.live ? report.findings.reason : findings.failure ?? (findingsNow ? null : reportText.findingsLoading)
  const today = chinaDayOf(new Date())
  /** The as-of moment as a China day and hour: now is today at "此刻"; another day keeps the hour picked, 17时 at first. */
  const asOfDay = chinaDayOf(asOf ?? asOfDate)
  const pickDay = (day: string) => setAsOf(asOf === null && day === today ? null : atChinaHour(day, asOf === null ? 17 : chinaTime(asOf).hour))
  const pickHour = (value: string) => setAsOf(value === 'now' ? null : atChinaHour(asOfDay, Number(value)))
  const refresh = () => {
    setEdits((n) => n + 1)
    if (live) findings.refresh()
  }
  const atRisk = [...forecasts.values()].filter((f) => f.state === 'at_risk').length
  const clockTime = (at: Date) => {
    const c = chinaTime(at)
    return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`
  }
  const showChartOf = (code: string) => {
    setChartOf(code)
    document.querySelector('[data-testid="progress-chart"]')?.scrollIntoView({ behavior: 'smooth', block: 'center' })
  }

  const sortBy = (key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'code' }))
  const sortMark = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '')
  const cell = (row: ReportRow, column: ReportColumn) => {
    const v = column.value(row)
    if (column.key === 'expectedBuildings' && 'completion' in row) {
      return <EstimateCell key={column.key} township={row} editable={live} onSaved={() => setEdits((n) => n + 1)} />
    }
    if (column.kind === 'finding') {
      if (v === null) {
        return (
          <td key={column.key} className="finding finding-unknown" title={findingsBlank ? text(findingsBlank) : undefined}>
            {findingsBlank === reportText.findingsLoading ? '…' : '—'}
          </td>
        )
      }
      return (
        <td key={column.key} className={`finding ${v > 0 ? `has-${column.key}` : ''}`}>
          {v.toLocaleString(locale)}
        </td>
      )
    }
    if (column.kind === 'count') return <td key={column.key}>{v === null ? '—' : v.toLocaleString(locale)}</td>
    return (
      <td key={column.key} className={`rate ${bandClass(column.key === 'buildingRate' ? v : null, bands)}`}>
        {v === null ? (
          '—'
        ) : (
          <span className="rate-cell">
            <span className="rate-bar" style={{ width: `${Math.min(100, v)}%` }} />
            <span className="rate-value">{v}%</span>
          </span>
        )}
      </td>
    )
  }
  const forecastCell = (code: string) => {
    const f = forecasts.get(code)
    if (!f || f.state === 'no_target') return <td className="forecast">—</td>
    if (f.state === 'done') return <td className="forecast forecast-done">{text(reportText.done)}</td>
    const label = f.finishAt ? chinaDate(new Date(f.finishAt), asOfDate) : text(reportText.never)
    return (
      <td className={`forecast forecast-${f.state}`} title={text(forecastLabel(f, deadline, asOfDate))}>
        {f.state === 'at_risk' && '⚠ '}
        {label}
      </td>
    )
  }

  return (
    <div className="report" data-testid="report">
      <div className="report-toolbar">
        <h2 className="report-heading">{reportTitle(countyName, asOfDate)[language]}</h2>
        <div className="report-asof" role="group" aria-label={text(reportText.asOf)}>
          <span>{text(reportText.asOf)}</span>
          <DayPicker day={asOfDay} text={text(dayInWords(asOfDay))} label={text(reportText.asOfDay)} max={today} onPick={pickDay} testId="report-asof-day" />
          <select value={asOf === null ? 'now' : String(chinaTime(asOf).hour)} onChange={(e) => pickHour(e.target.value)} aria-label={text(reportText.asOfHour)} data-testid="report-asof-hour">
            {asOfDay === today && <option value="now">{text(reportText.nowHour)}</option>}
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {language === 'zh' ? `${h}时` : `${String(h).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => setAsOf(null)} aria-pressed={asOf === null}>
          {text(reportText.now)}
        </button>
        <button type="button" onClick={() => setAsOf(yesterdayAt17())}>
          {text(reportText.yesterday17)}
        </button>
        <button type="button" onClick={refresh} title={text(reportText.refreshHint)} data-testid="report-refresh">
          {text(reportText.refresh)}
        </button>
        {live && (
          <span className="report-checked" data-testid="findings-checked">
            {findings.checkedAt && `${text(reportText.findingsCheckedAt)} ${clockTime(findings.checkedAt)}`}
            {findings.checking && ` ${text(findings.checkedAt ? reportText.findingsRechecking : reportText.findingsLoading)}`}
          </span>
        )}
        <span className="report-exports">
          <button type="button" onClick={() => void downloadXlsx(exportInput)}>
            {text(reportText.exportXlsx)}
          </button>
          <button type="button" onClick={() => downloadCsv(exportInput)}>
            {text(reportText.exportCsv)}
          </button>
        </span>
      </div>
      {failure && <div className="report-failure">{text(failure)}</div>}

      <div className="report-cards">
        <div className="report-card" data-testid="card-districts">
          <div className="card-label">{text(reportText.districtsDrawn)}</div>
          <div className="card-value">{percent(city.drawnDistricts, city.expectedDistricts) ?? '—'}%</div>
          <div className="card-detail">
            {city.drawnDistricts.toLocaleString(locale)} / {text(reportText.ofExpected)} {city.expectedDistricts.toLocaleString(locale)}
          </div>
        </div>
        <div className="report-card">
          <div className="card-label">{text(reportText.smallAreas)}</div>
          <div className="card-value">{city.smallAreas.toLocaleString(locale)}</div>
        </div>
        <div className="report-card">
          <div className="card-label">{text(reportText.buildingsMarked)}</div>
          <div className="card-value">{city.buildingRate === null ? '—' : `${Math.round(city.buildingRate * 100)}%`}</div>
          <div className="card-detail">
            {city.buildingsMarked.toLocaleString(locale)} / {text(reportText.ofEstimate)} {city.expectedBuildings?.toLocaleString(locale) ?? '—'}
          </div>
        </div>
        <div className="report-card">
          <div className="card-label">{text(reportText.households)}</div>
          <div className="card-value">{city.households.toLocaleString(locale)}</div>
        </div>
        {report.county && <DeadlineCard county={report.county} asOf={asOfDate} atRisk={atRisk} editable={live} onSaved={() => setEdits((n) => n + 1)} />}
        <div className="report-card" data-testid="card-done" title={text(reportText.townshipsDoneHint)}>
          <div className="card-label">{text(reportText.townshipsDone)}</div>
          {/* Done needs today's findings: for a past moment the count cannot be known. */}
          <div className="card-value">{live ? `${cityFigures.done} / ${city.townships}` : '—'}</div>
          <div className="card-detail">{text(findingsBlank === reportText.findingsLoading ? findingsBlank : live ? reportText.doneRule : reportText.doneUnknown)}</div>
        </div>
        <div className="report-card report-bands">
          {buildingBands(report.townships, bands).map((b) => (
            <div key={b.threshold}>
              {language === 'zh' ? `标绘超过${b.threshold}%：` : `Over ${b.threshold}%: `}
              <strong>{b.townships}</strong>
              {language === 'zh' ? '个镇街' : ''}
            </div>
          ))}
        </div>
      </div>

      <section className="report-bulletin">
        <header>
          <h3>{text(reportText.bulletin)}</h3>
          <label>
            {text(reportText.bands)}
            <input value={bandsText} onChange={(e) => setBandsText(e.target.value)} size={10} />
          </label>
          <button
            type="button"
            onClick={() => {
              void copyText(bulletin).then((ok) => {
                setCopied(ok)
                setTimeout(() => setCopied(false), 2000)
              })
            }}
          >
            {text(copied ? reportText.copied : reportText.copy)}
          </button>
        </header>
        <p data-testid="bulletin">{bulletin}</p>
      </section>

      <section className="report-table-section">
        <table className="report-table" data-testid="report-table">
          <thead>
            <tr>
              <th onClick={() => sortBy('code')} className="name">
                {text(nameColumnLabel)}
                {sortMark('code')}
              </th>
              <th title={text(reportText.townshipsDoneHint)}>{text(statusColumnLabel)}</th>
              {reportColumns.map((c) => (
                <th key={c.key} onClick={() => sortBy(c.key)}>
                  {text(c.label)}
                  {sortMark(c.key)}
                </th>
              ))}
              <th onClick={() => sortBy('forecast')}>
                {text(reportText.forecast)}
                {sortMark('forecast')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="city-row" data-testid="city-row">
              <th className="name">{text(cityRowName)}</th>
              <td className="status" title={text(reportText.townshipsDone)}>
                {statusText(cityFigures, language)}
              </td>
              {reportColumns.map((c) => cell(cityFigures, c))}
              <td className="forecast" />
            </tr>
            {townships.map((t) => (
              <tr key={t.code} data-code={t.code} className={forecasts.get(t.code)?.state === 'at_risk' ? 'at-risk' : undefined}>
                <th className="name">
                  <button
                    type="button"
                    className="chart-button"
                    title={text(reportText.chartButton)}
                    aria-label={`${text(reportText.chartButton)}：${t.name}`}
                    aria-pressed={chartOf === t.code}
                    onClick={() => showChartOf(t.code)}
                  >
                    {/* Drawn, not an emoji: the office's machines may have no colour-emoji font. */}
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                      <path d="M1 15h14M3 12V8M7 12V4M11 12V6" stroke="currentColor" strokeWidth="2" fill="none" />
                    </svg>
                  </button>
                  <button
                    type="button"
                    className="link"
                    title={text(reportText.openOnMap)}
                    onClick={() => {
                      store.pickTownship(t.code)
                      showView('map')
                    }}
                  >
                    {t.name}
                  </button>
                </th>
                <td className={`status status-${t.completion.state}`} title={text(completionTip(t, live))}>
                  <span className="status-badge">{text(completionLabels[t.completion.state])}</span>
                </td>
                {reportColumns.map((c) => cell(t, c))}
                {forecastCell(t.code)}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="report-note">
          {text(reportText.openOnMap)}
          {live && ` · ${text(reportText.editHint)}`}
          {` · ${text(reportText.findingsNote)}`}
          {!report.findings.live && ` · ${text(report.findings.reason)}`}
          {city.townshipsWithoutEstimate > 0 && ` · ${city.townshipsWithoutEstimate} ${text(reportText.noEstimate)}`}
        </p>
      </section>

      <div className="report-visuals">
        <section className="report-map-section">
          <header>
            <h3>{text(reportText.mapTitle)}</h3>
            <select value={mapMeasure} onChange={(e) => setMapMeasure(e.target.value as typeof mapMeasure)} aria-label={text(reportText.mapTitle)}>
              <option value="districtRate">{text(reportText.chartDistricts)}</option>
              <option value="buildingRate">{text(reportText.chartBuildings)}</option>
            </select>
          </header>
          <TownshipChoropleth
            townships={report.townships}
            measure={mapMeasure}
            bands={[...bands].sort((a, b) => a - b)}
            title={mapMeasure === 'districtRate' ? reportText.chartDistricts : reportText.chartBuildings}
          />
        </section>
        {series && (
          <ProgressChart
            series={series}
            forecasts={forecasts}
            chosen={chartOf}
            onChoose={setChartOf}
            deadline={deadline}
            countyName={countyName}
            asOf={asOfDate}
          />
        )}
      </div>
    </div>
  )
}
