import { selectedFeature } from '../store/selectors.ts'
import { useViewer } from '../store/use-viewer.ts'
import { FeatureDetails } from './FeatureDetails.tsx'
import { DistrictOverview } from './DistrictOverview.tsx'
import { BuildingPanel } from './BuildingPanel.tsx'
import { useEditState } from '../app/use-editor.ts'

/**
 * The selected feature when there is one, otherwise the districts of the picked township; while
 * buildings are tagged, their form and list come first.
 */
export function SidePanel() {
  const state = useViewer((s) => s)
  const tagging = useEditState((s) => s.tool === 'tagBuildings')
  const selected = selectedFeature(state)
  return (
    <aside className="side-panel">
      {tagging && <BuildingPanel />}
      {selected ? <FeatureDetails item={selected} /> : <DistrictOverview />}
    </aside>
  )
}
