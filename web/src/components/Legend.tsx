import { boundaryStatus, type Bilingual } from '@census/shared'
import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { footprintLook } from '../map/footprints-style.ts'
import { palette, statusColour } from '../map/palette.ts'
import { overlays, type Overlay } from '../store/viewer-store.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/** The building colour at an opacity, as CSS: the footprint's fill and outline differ only in that. */
const buildingAt = (opacity: number) => `color-mix(in srgb, ${palette.building} ${opacity * 100}%, transparent)`

const overlayNames: Record<Overlay, Bilingual> = { fills: ui.overlayFills, buildings: ui.overlayBuildings, labels: ui.overlayLabels }

export function Legend() {
  const text = useText()
  const store = useViewerStore()
  const hidden = useViewer((s) => s.hiddenOverlays)
  const folded = useViewer((s) => s.legendFolded)
  return (
    <aside className={`legend${folded ? ' folded' : ''}`} aria-label={text(ui.legend)} data-testid="legend" data-over-map>
      {/* Folded, it keeps its title and the 显示 boxes: on a laptop's screen the map gets the room back. */}
      <h2>
        <button type="button" className="legend-fold" aria-expanded={!folded} title={text(folded ? ui.legendUnfold : ui.legendFold)} onClick={() => store.foldLegend(!folded)}>
          {text(ui.legendStatus)}
          <span aria-hidden="true">{folded ? '▸' : '▾'}</span>
        </button>
      </h2>
      <LegendKey />
      {/* What the map draws over the base map can be hidden, to see the imagery under it. */}
      <ul className="legend-overlays" role="group" aria-label={text(ui.overlaysTitle)}>
        <li className="legend-overlays-title">{text(ui.overlaysTitle)}</li>
        {overlays.map((overlay) => (
          <li key={overlay}>
            <label>
              <input
                type="checkbox"
                checked={!hidden.has(overlay)}
                onChange={(event) => store.showOverlay(overlay, event.target.checked)}
              />
              {text(overlayNames[overlay])}
            </label>
          </li>
        ))}
      </ul>
    </aside>
  )
}

/** What each colour and mark on the map means (hidden while the legend is folded, but on a phone: styles.css). */
function LegendKey() {
  const text = useText()
  return (
    <>
      <ul className="legend-key">
        {boundaryStatus.values.map((status) => (
          <li key={status}>
            <span className="swatch swatch-area" style={{ background: statusColour[status] }} />
            {text(boundaryStatus.labels[status])}
          </li>
        ))}
      </ul>
      <ul className="legend-key legend-others">
        <li>
          <span className="swatch swatch-line" style={{ borderColor: palette.townshipLine }} />
          {text(ui.legendTownship)}
        </li>
        <li>
          <span className="swatch swatch-line swatch-dotted" style={{ borderColor: palette.virtualSmallArea }} />
          {text(ui.legendVirtual)}
        </li>
        <li>
          <span className="swatch swatch-point" style={{ background: palette.building }} />
          {text(ui.legendBuilding)}
        </li>
        <li>
          <span
            className="swatch swatch-footprint"
            style={{ background: buildingAt(footprintLook.fillOpacity), border: `${footprintLook.lineWidth}px solid ${buildingAt(footprintLook.lineOpacity)}` }}
          />
          {text(ui.legendFootprint)}
        </li>
      </ul>
    </>
  )
}
