import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/**
 * What the page has to say until the person has read it: what a split or merge did, or a failure
 * that leaves the page usable (buildings that could not be fetched). It sits under the editor's
 * toolbar (see App) and goes when dismissed or replaced.
 */
export function NoticeBanner() {
  const text = useText()
  const store = useViewerStore()
  const notice = useViewer((s) => s.notice)
  if (!notice) return null
  return (
    <div className="notice" role="alert">
      <span>{text(notice)}</span>
      <button type="button" onClick={() => store.notify(null)}>
        {text(ui.dismiss)}
      </button>
    </div>
  )
}
