import { useEffect, useRef } from 'react'
import { featureReadsInFlight } from '../api/census-api.ts'
import { bindMapToStore } from '../app/bind-map.ts'
import { createCensusMap } from '../map/census-map.ts'
import { paddingClearOf, type Padding } from '../map/fit-padding.ts'
import { exposeToAutomation } from '../map/test-probe.ts'
import { useViewerStore } from '../store/use-viewer.ts'
import { useEditor } from '../app/use-editor.ts'

/** The legend covers the map's bottom-left corner: views fitted to look at keep clear of most of it. */
const FIT_PADDING = { top: 30, right: 60, bottom: 30, left: 230 }
/** A district fitted for work also keeps clear of the scale in the bottom-right corner, so that every vertex can be clicked. */
const TOOL_PADDING = { top: 30, right: 60, bottom: 50, left: 30 }

/** The phone layout of styles.css (its `@media (max-width: 720px)`). */
const PHONE_LAYOUT = '(max-width: 720px)'
/** Room round a fitted view beside what the panels over the map cover. */
const MARGIN_PX = 10

/**
 * On a desktop a view fitted to look at (a township picked) keeps clear of the panels' usual places.
 * A district fitted for work, and any fit on a phone, keeps clear of the panels over the map (marked
 * `data-over-map`) as measured at the fit, so that every vertex can be clicked: the legend is as wide
 * as its words in the reader's language, the toolbar grows with a tool's hint (and on a phone with its
 * wrapped buttons and the notice), which come with the tool: such a fit waits for the layout
 * (`fitAfterLayout`). On a desktop the paddings above are kept as well.
 */
function fitPaddingOf(container: HTMLElement, forTools: boolean): Padding {
  const phone = window.matchMedia(PHONE_LAYOUT).matches
  if (!phone && !forTools) return FIT_PADDING
  const over = [...(container.parentElement?.querySelectorAll('[data-over-map]') ?? [])].map((panel) => panel.getBoundingClientRect())
  const measured = paddingClearOf(container.getBoundingClientRect(), over, MARGIN_PX)
  if (phone) return measured
  return {
    top: Math.max(TOOL_PADDING.top, measured.top),
    right: Math.max(TOOL_PADDING.right, measured.right),
    bottom: Math.max(TOOL_PADDING.bottom, measured.bottom),
    left: Math.max(TOOL_PADDING.left, measured.left),
  }
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
