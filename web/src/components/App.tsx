import { Header } from './Header.tsx'
import { Legend } from './Legend.tsx'
import { MapView } from './MapView.tsx'
import { NoticeBanner } from './NoticeBanner.tsx'
import { SidePanel } from './SidePanel.tsx'
import { LoadStatus } from './LoadStatus.tsx'
import { EditorToolbar } from './EditorToolbar.tsx'
import { StaleSaveDialog } from './StaleSaveDialog.tsx'
import { ReportView } from '../report/ReportView.tsx'
import { useView } from '../report/view.ts'

export function App() {
  const view = useView()
  return (
    <div className="app">
      <Header />
      {/* The map stays mounted under the report, so switching back is instant and keeps the view. */}
      <main className="workspace" style={view === 'report' ? { display: 'none' } : undefined}>
        <section className="map-area">
          <MapView />
          {/* The notice goes under the toolbar, in the same column, so neither ever covers the other. */}
          <div className="map-top" data-over-map>
            <EditorToolbar />
            <NoticeBanner />
          </div>
          <Legend />
          <LoadStatus />
        </section>
        <SidePanel />
      </main>
      <StaleSaveDialog />
      {view === 'report' && <ReportView />}
    </div>
  )
}
