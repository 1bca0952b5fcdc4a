import { findingTypeName, severityName, type TopologyFinding } from '@census/shared'
import { useEditor, useFindingsState } from '../app/use-editor.ts'
import { findingKey, groupFindings, repairOf } from '../editor/findings-list.ts'
import { fill } from '../i18n/editor-strings.ts'
import { findingsText as t } from '../i18n/findings-strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { featureOf } from '../store/selectors.ts'
import { useViewer } from '../store/use-viewer.ts'

/** The counts beside the tab's name: errors in red, warnings in amber, a green tick when clean. */
export function FindingsCounts() {
  const { phase, findings } = useFindingsState((s) => s)
  if (phase === 'idle') return null
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.length - errors
  if (phase === 'ready' && findings.length === 0) return <span className="count-badge ok" aria-hidden="true">✓</span>
  return (
    <>
      {errors > 0 && (
        <span className="count-badge error" data-testid="error-count">
          {errors}
        </span>
      )}
      {warnings > 0 && (
        <span className="count-badge warning" data-testid="warning-count">
          {warnings}
        </span>
      )}
    </>
  )
}

/**
 * The topology findings of the district in hand (or the picked township), errors first, each with
 * 定位 (zoom to it and mark it on the map) and its one-click repair where there is one.
 */
export function FindingsPanel() {
  const text = useText()
  const editor = useEditor()
  const state = useFindingsState((s) => s)
  const viewer = useViewer((s) => s)
  const locale = localeOf(viewer.language)
  const { scope, phase, findings, focused } = state
  const scopeName = scope
    ? featureOf(viewer, scope.length === 12 ? { kind: 'district', code: scope } : { kind: 'township', code: scope })?.properties.name
    : null

  const row = (finding: TopologyFinding) => {
    const key = findingKey(finding)
    const repair = repairOf(finding)
    const failure = state.repairFailure?.key === key ? state.repairFailure.message : null
    const measure =
      finding.areaM2 !== null
        ? fill(text(t.area), { n: finding.areaM2.toLocaleString(locale, { maximumFractionDigits: finding.areaM2 >= 100 ? 0 : 2 }) })
        : finding.distanceM !== null
          ? fill(text(t.distance), { n: finding.distanceM.toLocaleString(locale, { maximumFractionDigits: 3 }) })
          : null
    return (
      <li key={key} className={focused && findingKey(focused) === key ? 'focused' : ''} data-testid="finding">
        <p className="finding-message">{text(finding.message)}</p>
        <p className="finding-meta">
          {finding.codes.map((code) => (
            <span key={code} className="code">
              {code}
            </span>
          ))}
          {measure && <span className="finding-measure">{measure}</span>}
        </p>
        <div className="finding-actions">
          {finding.geometry && (
            <button type="button" title={text(t.locateHint)} onClick={() => editor.findings.focus(finding)}>
              {text(t.locate)}
            </button>
          )}
          {repair && (
            <button
              type="button"
              className="repair"
              disabled={state.repairing !== null}
              title={text(repair.kind === 'fillGap' ? t.fillGapHint : t.snapHint)}
              onClick={() => void editor.findings.repair(finding)}
            >
              {state.repairing === key ? text(t.repairing) : text(repair.kind === 'fillGap' ? t.fillGap : t.snap)}
            </button>
          )}
        </div>
        {failure && (
          <p className="problem" role="alert">
            {text(failure)}
          </p>
        )}
      </li>
    )
  }

  return (
    <section className="findings-panel" data-testid="findings-panel" aria-busy={phase === 'loading'}>
      <header className="findings-header">
        <h2>
          {text(t.title)}
          {scopeName && <> · {scopeName}</>}
        </h2>
        {scope && (
          <button type="button" className="link" disabled={phase === 'loading'} onClick={() => void editor.findings.refresh()}>
            {phase === 'loading' ? text(t.checking) : text(t.recheck)}
          </button>
        )}
      </header>
      {scope && <p className="code">{scope}</p>}
      {!scope && <p className="hint">{text(t.noScope)}</p>}
      {phase === 'failed' && state.failure && (
        <p className="problem" role="alert">
          {text(state.failure)}
        </p>
      )}
      {focused && (
        <div className="finding-marked" role="status">
          <span>
            {text(t.marked)}
            {text(focused.message)}
          </span>
          <button type="button" className="link" onClick={() => editor.findings.dismiss()}>
            {text(t.unmark)}
          </button>
        </div>
      )}
      {phase === 'ready' && findings.length === 0 && (
        <div className="findings-none" data-testid="findings-none">
          <span className="tick" aria-hidden="true">
            ✓
          </span>
          <div>
            <strong>{text(t.none)}</strong>
            <p className="hint">{text(t.noneHint)}</p>
          </div>
        </div>
      )}
      {groupFindings(findings).map((severity) => (
        <section key={severity.severity} className={`findings-severity ${severity.severity}`}>
          <h3>
            {fill(text(t.severityCount), { name: text(severityName[severity.severity]), n: severity.count.toLocaleString(locale) })}
          </h3>
          {severity.groups.map((group) => (
            <div key={group.type} className="findings-type">
              <h4>
                {text(findingTypeName[group.type])} <span className="count">{group.findings.length.toLocaleString(locale)}</span>
              </h4>
              <ul className="findings-list">{group.findings.map(row)}</ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  )
}
