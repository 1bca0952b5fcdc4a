import { boundaryStatus } from '@census/shared'
import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { palette, statusColour } from '../map/palette.ts'

export function Legend() {
  const text = useText()
  return (
    <aside className="legend" aria-label={text(ui.legend)} data-testid="legend">
      <h2>{text(ui.legendStatus)}</h2>
      <ul>
        {boundaryStatus.values.map((status) => (
          <li key={status}>
            <span className="swatch swatch-area" style={{ background: statusColour[status] }} />
            {text(boundaryStatus.labels[status])}
          </li>
        ))}
      </ul>
      <ul className="legend-others">
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
      </ul>
    </aside>
  )
}
