import { useEffect, useRef } from 'react'
import { bindMapToStore } from '../app/bind-map.ts'
import { createCensusMap } from '../map/census-map.ts'
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

/** The map's container. The map itself lives outside React and follows the store. */
export function MapView() {
  const store = useViewerStore()
  const editor = useEditor()
  const container = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!container.current) return
    const map = createCensusMap(container.current, { fitPadding: FIT_PADDING, toolPadding: TOOL_PADDING })
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
