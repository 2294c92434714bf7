/**
 * A state that views follow: `getState` for the current one, `subscribe` for each change. The
 * SyncEngine extends it for its SyncState (what SyncStatusModel shows); kept apart so that the
 * engine's own file is only about when and how it runs.
 */
export class ObservableState<T extends object> {
  protected readonly _listeners = new Set<(state: T) => void>();

  constructor(protected _state: T) {}

  /** The current state; `subscribe` to follow it. */
  getState(): T {
    return this._state;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: T) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** Merges `patch` into the state, then calls the listeners subscribed when the change began. */
  protected _setState(patch: Partial<T>): void {
    this._state = { ...this._state, ...patch };
    for (const listener of [...this._listeners]) listener(this._state);
  }
}
