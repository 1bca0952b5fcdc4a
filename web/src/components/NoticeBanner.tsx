import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'

/** A failure that leaves the page usable, such as buildings that could not be fetched. */
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
