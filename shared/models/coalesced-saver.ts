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
  private pending: { value: T; seq: number } | undefined;
  private running: Promise<void> | undefined;
  private latest: { value: T; seq: number } | undefined;
  private committedSeq = 0;
  private lastError: unknown;

  constructor(private readonly options: CoalescedSaverOptions<T>) {}

  /** Asks for `value` to be written. Returns at once; the last scheduled value wins. */
  schedule(value: T): void {
    const seq = (this.latest?.seq ?? 0) + 1;
    this.latest = { value, seq };
    this.pending = this.latest;
    this.running ??= this.run();
  }

  /** True while a write is in flight or waiting. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /**
   * Resolves when every value scheduled so far is committed. If the last attempt failed, tries the
   * latest value once more (the quota may have been freed); rejects with the error if it fails again.
   */
  async flush(): Promise<void> {
    if (!this.running && this.latest && this.committedSeq < this.latest.seq) this.schedule(this.latest.value);
    while (this.running) await this.running;
    if (this.latest && this.committedSeq < this.latest.seq) throw this.lastError;
  }

  /** Resolves (never rejects) when nothing is in flight or waiting. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      // Always yield once first: a run that finished synchronously would leave `running` set for good.
      await this.options.after?.catch(() => undefined);
      while (this.pending) {
        const { value, seq } = this.pending;
        this.pending = undefined;
        try {
          await this.options.write(value);
          this.committedSeq = Math.max(this.committedSeq, seq);
          this.options.onSaved?.(this.pending === undefined);
        } catch (error) {
          this.lastError = error;
          this.options.onError?.(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
