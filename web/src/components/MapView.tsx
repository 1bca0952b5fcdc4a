import { useEffect, useRef } from 'react'
import { featureReadsInFlight } from '../api/census-api.ts'
import { bindMapToStore } from '../app/bind-map.ts'
import { createCensusMap } from '../map/census-map.ts'
import { paddingClearOf, type Padding } from '../map/fit-padding.ts'
import { exposeToAutomation } from '../map/test-probe.ts'
import { useViewerStore } from '../store/use-viewer.ts'
import { useEditor } from '../app/use-editor.ts'

/** The legend covers the map's bottom-left corner: fitted views keep clear of it. */
const FIT_PADDING = { top: 30, right: 60, bottom: 30, left: 230 }
/**
 * A district fitted for work also keeps clear of the editor's toolbar along the top and of the scale
 * in the bottom-right corner, so that every vertex can be clicked.
 */
const TOOL_PADDING = { top: 150, right: 60, bottom: 50, left: 230 }

/** The phone layout of styles.css (its `@media (max-width: 720px)`). */
const PHONE_LAYOUT = '(max-width: 720px)'
/** Room round a view fitted on a phone, besides what the panels over the map cover. */
const PHONE_MARGIN_PX = 10

/**
 * On a desktop the panels over the map keep their places, so fixed paddings clear them. On a phone
 * the toolbar spans the map's width and grows with its wrapped buttons and the notice, and the
 * legend is a strip along the bottom: the panels (marked `data-over-map`) are measured at each fit.
 */
function fitPaddingOf(container: HTMLElement, forTools: boolean): Padding {
  if (!window.matchMedia(PHONE_LAYOUT).matches) return forTools ? TOOL_PADDING : FIT_PADDING
  const over = [...(container.parentElement?.querySelectorAll('[data-over-map]') ?? [])].map((panel) => panel.getBoundingClientRect())
  return paddingClearOf(container.getBoundingClientRect(), over, PHONE_MARGIN_PX)
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
      fitAfterLayout: () => window.matchMedia(PHONE_LAYOUT).matches,
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
