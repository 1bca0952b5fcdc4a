import { useEditor } from '../app/use-editor.ts'
import { editorText } from '../i18n/editor-strings.ts'
import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/**
 * What the page has to say until the person has read it: what a split or merge did, or a failure
 * that leaves the page usable (buildings that could not be fetched). It sits under the editor's
 * toolbar (see App) and goes when dismissed or replaced. When there is something to do about it
 * (draw the boundary of a district that has none), the button to do it is right there.
 */
export function NoticeBanner() {
  const text = useText()
  const store = useViewerStore()
  const editor = useEditor()
  const notice = useViewer((s) => s.notice)
  const action = useViewer((s) => s.noticeAction)
  if (!notice) return null
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{text(notice)}</span>
      {action?.kind === 'drawDistrict' && (
        <button type="button" className="notice-action" onClick={() => editor.drawDistrictBoundary(action.district)}>
          {text(editorText.drawDistrict)}
        </button>
      )}
      <button type="button" onClick={() => store.notify(null)}>
        {text(ui.dismiss)}
      </button>
    </div>
  )
}
