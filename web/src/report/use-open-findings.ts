/**
 * The open topology errors and warnings per township now, from the path the report names (null for
 * a past moment, which has none). Checking a city takes seconds, so they are asked separately from
 * the figures, and asked again: when the page is shown again after a while (another tab, back from
 * the map), every few minutes while it is in sight, and on 刷新. The last answer stays on screen
 * while the next is being checked, with the time it was checked.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Bilingual, OpenFindings } from '@census/shared'
import { getFindingsSummary } from '../api/census-api.ts'
import { messageOf } from '../app/load-city.ts'

/** Often enough for a dashboard left open, seldom enough for a check that costs the server seconds. */
export const FINDINGS_REFRESH_MS = 5 * 60_000
/** A page shown again sooner than this keeps what it has. */
const FRESH_MS = 60_000

export interface OpenFindingsNow {
  byCode: ReadonlyMap<string, OpenFindings> | null
  failure: Bilingual | null
  /** When the counts shown were checked; null before the first answer. */
  checkedAt: Date | null
  checking: boolean
  /** Checks again now. */
  refresh: () => void
}

interface Checked {
  path: string
  byCode: ReadonlyMap<string, OpenFindings> | null
  failure: Bilingual | null
  checkedAt: Date | null
  checking: boolean
}

export function useOpenFindings(path: string | null): OpenFindingsNow {
  const [round, setRound] = useState(0)
  const [checked, setChecked] = useState<Checked | null>(null)
  const refresh = useCallback(() => setRound((n) => n + 1), [])
  const lastAsked = useRef(0)

  useEffect(() => {
    if (path === null) return
    const abort = new AbortController()
    lastAsked.current = Date.now()
    setChecked((c) => (c?.path === path ? { ...c, checking: true } : { path, byCode: null, failure: null, checkedAt: null, checking: true }))
    getFindingsSummary(path, abort.signal).then(
      (summary) =>
        setChecked({ path, byCode: new Map(summary.townships.map((t) => [t.township, { errors: t.errors, warnings: t.warnings }])), failure: null, checkedAt: new Date(), checking: false }),
      (error: unknown) => {
        if (!abort.signal.aborted) setChecked((c) => ({ path, byCode: c?.path === path ? c.byCode : null, failure: messageOf(error), checkedAt: c?.checkedAt ?? null, checking: false }))
      },
    )
    return () => abort.abort()
  }, [path, round])

  useEffect(() => {
    if (path === null) return
    const inSight = () => document.visibilityState === 'visible'
    const timer = setInterval(() => inSight() && refresh(), FINDINGS_REFRESH_MS)
    const shown = () => inSight() && Date.now() - lastAsked.current > FRESH_MS && refresh()
    document.addEventListener('visibilitychange', shown)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', shown)
    }
  }, [path, refresh])

  const current = checked?.path === path ? checked : null
  return { byCode: current?.byCode ?? null, failure: current?.failure ?? null, checkedAt: current?.checkedAt ?? null, checking: current?.checking ?? path !== null, refresh }
}
