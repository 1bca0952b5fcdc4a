/**
 * The colours of the map, in one place: the map's layers and the legend both read them. Colours are
 * presentation, so they live in web/ and not in the shared vocabulary.
 */
import type { BoundaryStatus } from '@census/shared'

/** Chosen to stay apart for common colour-vision deficiencies as well as on a projector. */
export const statusColour: Record<BoundaryStatus, string> = {
  not_started: '#9e9e9e',
  drawn: '#2b7bd6',
  submitted: '#f0a30a',
  approved: '#2e9e4f',
  returned: '#d7382f',
}

export const palette = {
  background: '#eceae4',
  /** Inside the county the ground is lighter, so its outline reads at a glance. */
  townshipFill: '#fbfaf7',
  townshipLine: '#5b3f8c',
  townshipLabel: '#3f2a66',
  districtLine: '#ffffff',
  label: '#2b2b2b',
  labelHalo: '#ffffff',
  building: '#37474f',
  buildingStroke: '#ffffff',
  /** Magenta is none of the status colours, so the selected feature never blends in. */
  selection: '#d6008f',
  /** What is being drawn or edited: dark orange, apart from the statuses and the selection. */
  editor: '#e65100',
  /** A topology problem or a refused overlap: a deep red, hatched so it is not read as a returned area. */
  problem: '#c00000',
  /** What clipping cut off a saved boundary: teal, which no status, the selection or the editor uses. */
  clipped: '#00838f',
  /** The dotted outline of a virtual small area (900–999): brown, apart from the statuses, which still fill it. */
  virtualSmallArea: '#6d4c41',
} as const
