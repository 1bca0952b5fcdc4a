import type { KindedFeature } from '../features.ts'
import { fieldName, ui } from '../i18n/strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'
import { describeFeature, type RowValue } from './feature-rows.ts'

export function FeatureDetails({ item }: { item: KindedFeature }) {
  const text = useText()
  const store = useViewerStore()
  const state = useViewer((s) => s)
  const about = describeFeature(item, state, localeOf(state.language))
  const show = (value: RowValue) => (typeof value === 'string' ? value : text(value))
  return (
    <section className="feature-details" data-testid="feature-details">
      <header>
        <span className="feature-kind">{text(about.kind)}</span>
        <button type="button" className="close" aria-label={text(ui.close)} title={text(ui.close)} onClick={() => store.select(null)}>
          ×
        </button>
      </header>
      <h2 className="feature-title">{show(about.title)}</h2>
      <p className="feature-code" data-testid="feature-code">
        {about.code}
      </p>
      {!about.onMap && <p className="feature-note">{text(ui.notOnMap)}</p>}
      <dl className="feature-rows">
        {about.rows.map((row) => (
          <div key={row.field}>
            <dt>{text(fieldName[row.field])}</dt>
            <dd>{show(row.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
