import { useEffect, useRef } from 'react'
import { featureReadsInFlight } from '../api/census-api.ts'
import { bindMapToStore } from '../app/bind-map.ts'
import { createCensusMap } from '../map/census-map.ts'
import { paddingClearOf, type Padding } from '../map/fit-padding.ts'
import { exposeToAutomation } from '../map/test-probe.ts'
import { useViewerStore } from '../store/use-viewer.ts'
import { useEditor } from '../app/use-editor.ts'

/** Room round a fitted view on a desktop, whatever the panels: the zoom buttons, the scale. */
const FIT_PADDING = { top: 30, right: 60, bottom: 30, left: 30 }
/** A district fitted for work also keeps clear of the scale in the bottom-right corner, so that every vertex can be clicked. */
const TOOL_PADDING = { top: 30, right: 60, bottom: 50, left: 30 }

/** The phone layout of styles.css (its `@media (max-width: 720px)`). */
const PHONE_LAYOUT = '(max-width: 720px)'
/** Room round a fitted view beside what the panels over the map cover. */
const MARGIN_PX = 10

/**
 * A fitted view keeps clear of the panels over the map (marked `data-over-map`), measured at each
 * fit: the legend in the bottom-left corner is as wide as its words in the reader's language, the
 * toolbar grows with a tool's hint (and on a phone with its wrapped buttons and the notice), which
 * come with the tool: such a fit waits for the layout (`fitAfterLayout`). On a desktop the paddings
 * above are kept as well.
 */
function fitPaddingOf(container: HTMLElement, forTools: boolean): Padding {
  const over = [...(container.parentElement?.querySelectorAll('[data-over-map]') ?? [])].map((panel) => panel.getBoundingClientRect())
  const measured = paddingClearOf(container.getBoundingClientRect(), over, MARGIN_PX)
  if (window.matchMedia(PHONE_LAYOUT).matches) return measured
  const fixed = forTools ? TOOL_PADDING : FIT_PADDING
  return { top: Math.max(fixed.top, measured.top), right: Math.max(fixed.right, measured.right), bottom: Math.max(fixed.bottom, measured.bottom), left: Math.max(fixed.left, measured.left) }
}

/** The map's container. The map itself lives outside React and follows the store. */
export function MapView() {
  const store = useViewerStore()
  const editor = useEditor()
  const container = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = container.current
    if (!element) return
    const map = createCensusMap(element, {
      fitPadding: (forTools) => fitPaddingOf(element, forTools),
      // Not a township picked by name: waiting would draw a frame at the old view first, hundreds
      // of ms without a GPU (bench/ map-idle), and nothing about the panels changes with it.
      fitAfterLayout: (forTools) => forTools || window.matchMedia(PHONE_LAYOUT).matches,
      dataPending: () => featureReadsInFlight() > 0,
    })
    const unbind = bindMapToStore(map, store, editor)
    const detach = editor.attach(map)
    const unexpose = exposeToAutomation(map)
    return () => {
      unexpose()
      detach()
      unbind()
      map.destroy()
    }
  }, [store, editor])
  return <div ref={container} className="map" data-testid="map" />
}
