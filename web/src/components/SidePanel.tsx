import { useViewer } from '../store/use-viewer.ts'
import { FeatureDetails } from './FeatureDetails.tsx'
import { DistrictOverview } from './DistrictOverview.tsx'
import { BuildingPanel } from './BuildingPanel.tsx'
import { useEditor, useEditState } from '../app/use-editor.ts'
import { useEffect, useState, type ReactNode } from 'react'
import { findingsText } from '../i18n/findings-strings.ts'
import { useText } from '../i18n/use-text.ts'
import { FindingsCounts, FindingsPanel } from './FindingsPanel.tsx'

/**
 * Two tabs. 概况: the selected feature when there is one, otherwise the districts of the picked
 * township; while buildings are tagged, their form and list come first. 问题: the topology findings
 * of the district in hand or the township, with their counts on the tab.
 */
export function SidePanel() {
  const text = useText()
  const editor = useEditor()
  // Re-rendered on any change of the page or of the edits: the selected feature is shown as being edited.
  useViewer((s) => s)
  useEditState((s) => s.entries)
  const tagging = useEditState((s) => s.tool === 'tagBuildings')
  const [tab, setTab] = useState<'details' | 'findings'>('details')
  // A click that places or holds a building opens its form, which is on the first tab.
  const formOpen = useEditState((s) => s.placing ?? s.amending)
  useEffect(() => {
    if (formOpen) setTab('details')
  }, [formOpen])
  const selected = editor.selectedInHand()
  const tabButton = (id: typeof tab, label: string, extra?: ReactNode) => (
    <button type="button" role="tab" id={`side-tab-${id}`} aria-selected={tab === id} aria-controls="side-tab-panel" onClick={() => setTab(id)}>
      {label}
      {extra}
    </button>
  )
  return (
    <aside className="side-panel">
      <nav className="side-tabs" role="tablist">
        {tabButton('details', text(findingsText.detailsTab))}
        {tabButton('findings', text(findingsText.tab), <FindingsCounts />)}
      </nav>
      <div id="side-tab-panel" role="tabpanel" aria-labelledby={`side-tab-${tab}`}>
        {tab === 'findings' ? (
          <FindingsPanel />
        ) : (
          <>
            {tagging && <BuildingPanel />}
            {selected ? <FeatureDetails item={selected.item} unsaved={selected.unsaved} /> : <DistrictOverview />}
          </>
        )}
      </div>
    </aside>
  )
}
