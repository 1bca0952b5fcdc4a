import { boundaryStatus } from '@census/shared'
import { ui } from '../i18n/strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { statusColour } from '../map/palette.ts'
import { countByStatus, districtsInScope, featureOf } from '../store/selectors.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/** How far the districts of the picked township (or the county) are, and which have no boundary yet. */
export function DistrictOverview() {
  const text = useText()
  const store = useViewerStore()
  const state = useViewer((s) => s)
  if (!state.city) return null
  const locale = localeOf(state.language)
  const districts = districtsInScope(state)
  const counts = countByStatus(districts)
  const undrawn = districts.filter((d) => d.geometry === null)
  const scope = state.township ? featureOf(state, { kind: 'township', code: state.township })?.properties.name : text(ui.wholeCounty)
  return (
    <section className="district-overview" data-testid="district-overview">
      <h2>
        {text(ui.overview)} · {scope}
      </h2>
      <p>
        {text(ui.districtCount)}：{districts.length.toLocaleString(locale)}
      </p>
      <ul className="status-counts">
        {boundaryStatus.values.map((status) => (
          <li key={status}>
            <span className="swatch swatch-area" style={{ background: statusColour[status] }} />
            <span>{text(boundaryStatus.labels[status])}</span>
            <span className="count">{counts[status].toLocaleString(locale)}</span>
          </li>
        ))}
      </ul>
      <h3>
        {text(ui.undrawn)}（{undrawn.length.toLocaleString(locale)}）
      </h3>
      <p className="hint">{undrawn.length ? text(ui.undrawnHint) : text(ui.noneUndrawn)}</p>
      <ul className="undrawn-list">
        {undrawn.map((d) => (
          <li key={d.properties.code}>
            <button type="button" onClick={() => store.select({ kind: 'district', code: d.properties.code })}>
              <span>{d.properties.name}</span>
              <span className="code">{d.properties.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
