/**
 * State that React reads with useSyncExternalStore: an immutable snapshot, replaced on every change,
 * and the listeners told of it. The viewer store, the edit session and the findings panel hold theirs here.
 */
export abstract class StateHolder<S extends object> {
  #state: S
  readonly #listeners = new Set<() => void>()

  constructor(initial: S) {
    this.#state = initial
  }

  getState = (): S => this.#state

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  protected get state(): S {
    return this.#state
  }

  /** Merges `patch` into a new snapshot and tells every listener. */
  protected update(patch: Partial<S>): void {
    this.#state = { ...this.#state, ...patch }
    for (const listener of this.#listeners) listener()
  }
}
