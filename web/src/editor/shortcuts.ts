/**
 * The editor's keys: Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Delete removes the building in
 * hand, Escape puts the tool down. Cmd stands for Ctrl on a Mac. Keys typed into a form field belong
 * to the field (its own undo included), except Escape.
 */
export type EditorCommand = 'undo' | 'redo' | 'delete' | 'cancel'

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  /** True when the key goes to a text field or a list box. */
  inField: boolean
}

export function commandOf(press: KeyPress): EditorCommand | null {
  if (press.key === 'Escape') return 'cancel'
  if (press.inField) return null
  const key = press.key.toLowerCase()
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return press.shiftKey ? 'redo' : 'undo'
    if (key === 'y') return 'redo'
    return null
  }
  if (press.key === 'Delete' || press.key === 'Backspace') return 'delete'
  return null
}
