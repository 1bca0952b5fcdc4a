import { selectedFeature } from '../store/selectors.ts'
import { useViewer } from '../store/use-viewer.ts'
import { FeatureDetails } from './FeatureDetails.tsx'
import { DistrictOverview } from './DistrictOverview.tsx'

/** The selected feature when there is one, otherwise the districts of the picked township. */
export function SidePanel() {
  const state = useViewer((s) => s)
  const selected = selectedFeature(state)
  return <aside className="side-panel">{selected ? <FeatureDetails item={selected} /> : <DistrictOverview />}</aside>
}
