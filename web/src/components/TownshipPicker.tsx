import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { townshipsInOrder } from '../store/selectors.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/** Picks a township to zoom to and to count in the side panel; the empty choice is the whole county. */
export function TownshipPicker() {
  const text = useText()
  const store = useViewerStore()
  const state = useViewer((s) => s)
  const townships = townshipsInOrder(state)
  return (
    <label className="township-picker">
      <span>{text(ui.township)}</span>
      <select
        value={state.township ?? ''}
        disabled={!state.city}
        onChange={(event) => store.pickTownship(event.target.value || null)}
      >
        <option value="">{text(ui.wholeCounty)}</option>
        {townships.map((t) => (
          <option key={t.properties.code} value={t.properties.code}>
            {t.properties.name}
          </option>
        ))}
      </select>
    </label>
  )
}
