/**
 * Pausing a page's IndexedDB work while the page is frozen in the back/forward cache
 * (docs/adr/037-frozen-transactions.md).
 *
 * Browser constraint (WebKit, Safari's engine): a page left while one of its transactions is under way
 * goes into the back/forward cache with that transaction open, and until the page leaves the cache,
 * every other page's transaction on the same store waits — a read as much as a write, since a frozen
 * page never ends its reads either. So at `pagehide` (persisted) the page aborts every transaction it
 * has open and starts no new one; at `pageshow` it runs again what was aborted or held. The callers see
 * a slower promise, never the abort: an aborted transaction wrote nothing, and each operation is one
 * transaction that reads what it changes, so running it again is running it once.
 */

/** The part of a transaction this needs. */
export interface AbortableTransaction {
  readonly done: Promise<unknown>;
  abort(): void;
}

/** One per store: `track` each transaction as it is created, `run` each operation through it. */
export class FrozenPagePause {
  private readonly _open = new Set<AbortableTransaction>();
  private _paused: Promise<void> | undefined;
  private _resume: (() => void) | undefined;
  /** How many pauses began; an operation that failed across one is run again. */
  private _pauses = 0;
  private _pausedAt = 0;

  /** When the last pause began (`Date.now()`, as the widget's records' `updatedAt`); 0 before any. */
  get pausedAt(): number {
    return this._pausedAt;
  }

  /**
   * Runs `operation`, which creates its transactions through `track`. Held while paused; if a pause began
   * while it ran and it failed, it runs again once the page is shown.
   */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this._paused) await this._paused;
      const pauses = this._pauses;
      try {
        return await operation();
      } catch (error) {
        if (pauses === this._pauses) throw error;
      }
    }
  }

  /**
   * Keeps `tx` in the set to abort until it completes or aborts, and returns it. One created while paused
   * (its operation awaited something first, the connection say) is aborted at once: `run` runs it again.
   */
  track<T extends AbortableTransaction>(tx: T): T {
    this._open.add(tx);
    const forget = () => this._open.delete(tx);
    tx.done.then(forget, forget);
    if (this._paused) abort(tx);
    return tx;
  }

  /** At `pagehide` with `persisted`: aborts every open transaction and holds new ones. Idempotent. */
  pause(): void {
    if (this._paused) return;
    this._pauses++;
    this._pausedAt = Date.now();
    this._paused = new Promise((resolve) => (this._resume = resolve));
    this._open.forEach(abort);
  }

  /** At `pageshow` with `persisted`: what was aborted or held runs now. */
  resume(): void {
    const resume = this._resume;
    this._paused = undefined;
    this._resume = undefined;
    resume?.();
  }
}

function abort(tx: AbortableTransaction): void {
  try {
    tx.abort();
  } catch {
    // Committing or finished: it needs nothing more from this page.
  }
}
