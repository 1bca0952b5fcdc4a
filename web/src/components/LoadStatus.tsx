import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer } from '../store/use-viewer.ts'

/** Covers the map while the county loads, and says why when it cannot. */
export function LoadStatus() {
  const text = useText()
  const load = useViewer((s) => s.load)
  switch (load.phase) {
    case 'ready':
      return null
    case 'loading':
      return (
        <div className="load-status" role="status">
          {text(ui.loading)}
        </div>
      )
    case 'failed':
      return (
        <div className="load-status load-failed" role="alert">
          <strong>{text(ui.loadFailed)}</strong>
          <p>{text(load.message)}</p>
        </div>
      )
    default: {
      const never: never = load
      throw new Error(`unknown load state ${JSON.stringify(never)}`)
    }
  }
}
