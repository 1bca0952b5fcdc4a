import { Header } from './Header.tsx'
import { Legend } from './Legend.tsx'
import { MapView } from './MapView.tsx'
import { NoticeBanner } from './NoticeBanner.tsx'
import { SidePanel } from './SidePanel.tsx'
import { LoadStatus } from './LoadStatus.tsx'

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <section className="map-area">
          <MapView />
          <Legend />
          <LoadStatus />
          <NoticeBanner />
        </section>
        <SidePanel />
      </main>
    </div>
  )
}
