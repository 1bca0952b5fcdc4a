/** How React components read the store: one context, one hook with a selector. */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { ViewerState, ViewerStore } from './viewer-store.ts'

export const ViewerStoreContext = createContext<ViewerStore | null>(null)

export function useViewerStore(): ViewerStore {
  const store = useContext(ViewerStoreContext)
  if (!store) throw new Error('useViewerStore must be used inside <ViewerStoreContext.Provider>')
  return store
}

/** Re-renders when the selected value changes; the selector must return stored values, not new objects. */
export function useViewer<T>(select: (state: ViewerState) => T): T {
  const store = useViewerStore()
  return useSyncExternalStore(store.subscribe, () => select(store.getState()))
}
