/** How React components reach the editor: one context, one hook with a selector, like the viewer's. */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { EditState } from '../editor/edit-session.ts'
import type { Editor } from './editor.ts'
import type { FindingsState } from './findings.ts'

export const EditorContext = createContext<Editor | null>(null)

export function useEditor(): Editor {
  const editor = useContext(EditorContext)
  if (!editor) throw new Error('useEditor must be used inside <EditorContext.Provider>')
  return editor
}

/** Re-renders when the selected value changes; the selector must return stored values, not new objects. */
export function useEditState<T>(select: (state: EditState) => T): T {
  const editor = useEditor()
  return useSyncExternalStore(editor.session.subscribe, () => select(editor.session.getState()))
}

/** The findings panel's state, like useEditState. */
export function useFindingsState<T>(select: (state: FindingsState) => T): T {
  const editor = useEditor()
  return useSyncExternalStore(editor.findings.subscribe, () => select(editor.findings.getState()))
}
