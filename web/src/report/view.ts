/**
 * Which page the person is on, the map or the completion report, kept in the URL hash (#report) so
 * that a reload, a bookmark or the browser's Back button keep it.
 */
import { useSyncExternalStore } from 'react'

export type View = 'map' | 'report'

function currentView(): View {
  return globalThis.location?.hash === '#report' ? 'report' : 'map'
}

function subscribe(listener: () => void): () => void {
  globalThis.addEventListener('hashchange', listener)
  return () => globalThis.removeEventListener('hashchange', listener)
}

export function useView(): View {
  return useSyncExternalStore(subscribe, currentView)
}

export function showView(view: View): void {
  globalThis.location.hash = view === 'report' ? 'report' : ''
}
