import { useEffect, useRef } from 'react'
import { bindMapToStore } from '../app/bind-map.ts'
import { createCensusMap } from '../map/census-map.ts'
import { exposeToAutomation } from '../map/test-probe.ts'
import { useViewerStore } from '../store/use-viewer.ts'

/** The legend covers the map's bottom-left corner: fitted views keep clear of it. */
const FIT_PADDING = { top: 30, right: 60, bottom: 30, left: 230 }

/** The map's container. The map itself lives outside React and follows the store. */
export function MapView() {
  const store = useViewerStore()
  const container = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!container.current) return
    const map = createCensusMap(container.current, { fitPadding: FIT_PADDING })
    const unbind = bindMapToStore(map, store)
    const unexpose = exposeToAutomation(map)
    return () => {
      unexpose()
      unbind()
      map.destroy()
    }
  }, [store])
  return <div ref={container} className="map" data-testid="map" />
}
