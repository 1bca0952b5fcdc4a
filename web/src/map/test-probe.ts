/**
 * What end-to-end tests may ask the map: which features it drew and what lies under a pixel. It is
 * exposed as `window.__censusMap` only when a browser is driven by automation (navigator.webdriver),
 * so people never get it, and tests still run against the production build.
 */
import type { FeatureKind, FeatureRef } from '../features.ts'
import type { CensusMap } from './census-map.ts'
import type { MarkKind } from './marks-style.ts'

export interface CensusMapProbe {
  settled(): boolean
  zoom(): number
  renderedCodes(kind: FeatureKind): string[]
  /** How many building dots the overview draws from tiles in the current view. */
  renderedBuildingDots(): number
  /** How many names and codes of areas are drawn in the current view. */
  renderedLabels(): number
  /** The kinds of marks (a finding, a clipped part, a refused overlap) drawn in the current view. */
  renderedMarks(): MarkKind[]
  /** Whether the mark of the building being placed is drawn in the current view. */
  placingDrawn(): boolean
  /** The feature a click at this point (CSS pixels, relative to the map) would select. */
  featureAt(x: number, y: number): FeatureRef | null
  /** Where a point on the ground is on the map (CSS pixels, relative to the map). */
  project(lng: number, lat: number): { x: number; y: number }
}

declare global {
  interface Window {
    __censusMap?: CensusMapProbe
  }
}

export function exposeToAutomation(map: CensusMap): () => void {
  if (!navigator.webdriver) return () => {}
  window.__censusMap = {
    settled: () => map.settled(),
    zoom: () => map.view().zoom,
    renderedCodes: (kind) => map.renderedCodes(kind),
    renderedBuildingDots: () => map.renderedBuildingDots(),
    renderedLabels: () => map.renderedLabels(),
    renderedMarks: () => map.renderedMarks(),
    placingDrawn: () => map.placingDrawn(),
    featureAt: (x, y) => map.featureAt({ x, y }),
    project: (lng, lat) => map.project([lng, lat]),
  }
  return () => {
    delete window.__censusMap
  }
}
