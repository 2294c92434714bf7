/**
 * Coalesced saving (DESIGN section 5, docs/adr/003-draft-storage.md): every input asks for a save,
 * but at most one write is in flight and at most one waits; a newer value replaces the waiting one.
 * So 500 keystrokes make a handful of writes, the last value always wins, and writes never overlap
 * (overlapping IndexedDB writes of one record could land out of order).
 */

export interface CoalescedSaverOptions<T> {
  /** Writes one value. Rejections are reported through `onError`, never thrown at `schedule`. */
  write(value: T): Promise<void>;
  /** After each successful write; `idle` is true when nothing waits behind it. */
  onSaved?(idle: boolean): void;
  onError?(error: unknown): void;
  /** Awaited before the first write (e.g. the previous draft's saver going idle). */
  after?: Promise<unknown>;
}

/** One writer per draft session. Create with the write function; call `schedule` on every input. */
export class CoalescedSaver<T> {
  private _pending: { value: T; seq: number } | undefined;
  private _running: Promise<void> | undefined;
  private _latest: { value: T; seq: number } | undefined;
  private _committedSeq = 0;
  private _lastError: unknown;

  constructor(private readonly _options: CoalescedSaverOptions<T>) {}

  /** Asks for `value` to be written. Returns at once; the last scheduled value wins. */
  schedule(value: T): void {
    const seq = (this._latest?.seq ?? 0) + 1;
    this._latest = { value, seq };
    this._pending = this._latest;
    this._running ??= this._run();
  }

  /** True while a write is in flight or waiting. */
  get busy(): boolean {
    return this._running !== undefined;
  }

  /** True while something scheduled is not committed: in flight, waiting, or its write failed. */
  get unsaved(): boolean {
    return this.busy || (this._latest !== undefined && this._committedSeq < this._latest.seq);
  }

  /**
   * Resolves when every value scheduled so far is committed. If the last attempt failed, tries the
   * latest value once more (the quota may have been freed); rejects with the error if it fails again.
   */
  async flush(): Promise<void> {
    if (!this._running && this._latest && this._committedSeq < this._latest.seq) this.schedule(this._latest.value);
    while (this._running) await this._running;
    if (this._latest && this._committedSeq < this._latest.seq) throw this._lastError;
  }

  /** Resolves (never rejects) when nothing is in flight or waiting. */
  async idle(): Promise<void> {
    while (this._running) await this._running;
  }

  private async _run(): Promise<void> {
    try {
      // Always yield once first: a run that finished synchronously would leave `running` set for good.
      await this._options.after?.catch(() => undefined);
      while (this._pending) {
        const { value, seq } = this._pending;
        this._pending = undefined;
        try {
          await this._options.write(value);
          this._committedSeq = Math.max(this._committedSeq, seq);
          this._options.onSaved?.(this._pending === undefined);
        } catch (error) {
          this._lastError = error;
          this._options.onError?.(error);
        }
      }
    } finally {
      this._running = undefined;
    }
  }
}
