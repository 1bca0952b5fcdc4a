/** The header's switch between the map and the progress report. */
import { useText } from '../i18n/use-text.ts'
import { reportText } from './report-text.ts'
import { showView, useView } from './view.ts'

export function ViewTabs() {
  const text = useText()
  const view = useView()
  return (
    <nav className="view-tabs" role="tablist">
      <button type="button" role="tab" aria-selected={view === 'map'} onClick={() => showView('map')}>
        {text(reportText.tabMap)}
      </button>
      <button type="button" role="tab" aria-selected={view === 'report'} onClick={() => showView('report')}>
        {text(reportText.tabReport)}
      </button>
    </nav>
  )
}
