/**
 * Undo and redo as a stack of diffs (tldraw's HistoryManager, not copies of the document): each entry
 * says what one user action changed, from what to what, so undoing applies it backwards. The stack
 * knows nothing of features; the edit session decides what a diff means.
 */
export interface Diff<V> {
  key: string
  before: V | null
  after: V | null
}

/** One user action: every diff it made, undone and redone together. */
export type Change<V> = readonly Diff<V>[]

export function invert<V>(change: Change<V>): Change<V> {
  // Backwards in order too, so a key touched twice ends at its first `before`.
  return [...change].reverse().map((d) => ({ key: d.key, before: d.after, after: d.before }))
}

export class UndoStack<V> {
  #done: Array<Change<V>> = []
  #undone: Array<Change<V>> = []

  constructor(readonly limit = 200) {}

  /** Records a new action; it makes the redo branch unreachable, as in every editor. */
  record(change: Change<V>): void {
    if (change.length === 0) return
    this.#done.push(change)
    if (this.#done.length > this.limit) this.#done.shift()
    this.#undone = []
  }

  /** The change to apply to go one step back, or null when there is nothing to undo. */
  undo(): Change<V> | null {
    const change = this.#done.pop()
    if (!change) return null
    this.#undone.push(change)
    return invert(change)
  }

  redo(): Change<V> | null {
    const change = this.#undone.pop()
    if (!change) return null
    this.#done.push(change)
    return change
  }

  /** Forgets every change: nothing before this point can be undone or redone. */
  clear(): void {
    this.#done = []
    this.#undone = []
  }

  /** The change undo would take back next, as it was recorded. */
  get last(): Change<V> | null {
    return this.#done[this.#done.length - 1] ?? null
  }

  get canUndo(): boolean {
    return this.#done.length > 0
  }

  get canRedo(): boolean {
    return this.#undone.length > 0
  }
}
