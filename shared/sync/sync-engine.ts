/**
 * The sync engine (DESIGN sections 4 and 6): delivers queued drafts to the Ideas API exactly once,
 * oldest first, one at a time, with one run per origin.
 *
 * Browser constraint: an MV3 service worker can be killed at any moment, so no state lives only in
 * memory. Every decision is re-read from IndexedDB at the start of a run (pause, backoff, pacing,
 * rows left in `sending`); the in-memory timer is only a hint, and the extension's `alarms`
 * (re-created at every worker start) call `runOnce()` when the worker was gone.
 */
import type { DraftRecord } from '../domain/draft';
import { attemptSendDetailed, withClockTimeout, type AttemptOutcome } from './attempt';
import type { Random } from './backoff';
import { makeAllDue, META, paceAfterSent, recoverOrphans, type QueueOpsDeps } from './queue-ops';
import { refreshIfDue } from './refresh';
import { createSingleFlight, type SingleFlight } from './single-flight';
import { sendOrder } from './transitions';
import type { RunResult, SyncEngineDeps, SyncState } from './engine-types';

export type { RunResult, SyncEngineDeps, SyncState } from './engine-types';
export { META } from './queue-ops';

/** One engine per context (worker, popup, widget instance); they coordinate through the lock. */
export class SyncEngine {
  private readonly random: Random;
  private readonly flight: SingleFlight;
  private readonly listeners = new Set<(state: SyncState) => void>();
  private state: SyncState = { syncing: false, paused: undefined, nextAttemptAt: undefined, lastSentAt: undefined };
  private cancelTimer: (() => void) | undefined;
  private stopRemote: () => void;
  /**
   * The rest of the last run's queue snapshot, head first, kept only after a retry so that a long
   * queue is not re-read on every backoff wake-up. A hint, never the truth: it dies with the worker,
   * and the queued → sending compare-and-set re-checks each row before anything is sent.
   */
  private queueHint: DraftRecord[] | undefined;
  private active: Promise<RunResult> | undefined;
  private planning: Promise<void> | undefined;
  private refreshing: Promise<void> | undefined;
  private again: { ignoreBackoff: boolean } | undefined;
  private disposed = false;

  constructor(private readonly deps: SyncEngineDeps) {
    this.random = deps.random ?? Math.random;
    this.flight = createSingleFlight(deps.lockName ?? 'idesluss-sync', { locks: deps.locks, createChannel: deps.createChannel });
    this.stopRemote = this.flight.onRemoteRun(() => {
      this.queueHint = undefined;
      void this.plan().catch(this.reportError);
    });
  }

  /** Call once at context start-up: recovers rows stuck in `sending`, then runs. */
  start(): Promise<RunResult> {
    return this.runOnce();
  }

  /** A trigger (submit, online, visible, alarm): runs now, respecting backoff. Coalesces with a run in progress. */
  runOnce(): Promise<RunResult> {
    return this.request({ ignoreBackoff: false });
  }

  /** "Send now": `ignoreBackoff` makes every queued draft due and lifts an auth pause for one try. */
  syncNow(options: { ignoreBackoff?: boolean } = {}): Promise<RunResult> {
    return this.request({ ignoreBackoff: options.ignoreBackoff ?? false });
  }

  /** Call after the user signed in: lifts the auth pause (persisted) and runs. */
  async resumeAfterSignIn(): Promise<RunResult> {
    await this.deps.store.setMeta(META.paused, null);
    return this.runOnce();
  }

  /** Resolves when no run is in progress and the next one is planned (tests, orderly shutdown). */
  async whenIdle(): Promise<void> {
    while (this.active || this.planning || this.refreshing) await (this.active ?? this.planning ?? this.refreshing);
  }

  /** The current state; `subscribe` to follow it. */
  getState(): SyncState {
    return this.state;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads pause, next try and last send from the store (another context may have changed them). */
  async refreshState(): Promise<SyncState> {
    this.queueHint = undefined;
    return this.readState();
  }

  private async readState(): Promise<SyncState> {
    const hint = this.queueHint;
    const [paused, lastSentAt, queue] = await Promise.all([
      this.deps.store.getMeta<'auth' | null>(META.paused),
      this.deps.store.getMeta<number>(META.lastSentAt),
      hint ?? this.deps.store.listByState('queued'),
    ]);
    const head = hint ? hint[0] : queue.sort(sendOrder)[0];
    this.setState({ paused: paused ?? undefined, lastSentAt, nextAttemptAt: paused || !head ? undefined : head.nextAttemptAt ?? this.deps.clock.now() });
    return this.state;
  }

  /** Stops timers and listeners; a run in progress stops after its current request. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.stopRemote();
    this.flight.close();
    this.listeners.clear();
  }

  private request(options: { ignoreBackoff: boolean }): Promise<RunResult> {
    if (this.disposed) return Promise.resolve({ sent: 0, stoppedBy: 'disposed' });
    if (this.active) {
      // Work added during a run (a submit, "send now") gets one more run right after; callers share it.
      this.again = { ignoreBackoff: options.ignoreBackoff || (this.again?.ignoreBackoff ?? false) };
      return this.active;
    }
    this.active = this.loop(options);
    return this.active;
  }

  private async loop(first: { ignoreBackoff: boolean }): Promise<RunResult> {
    this.cancelTimer?.();
    this.setState({ syncing: true });
    let result: RunResult = { sent: 0 };
    try {
      for (let options: typeof this.again = first; options && !this.disposed; options = this.again) {
        this.again = undefined;
        result = await this.flight.run(() => this.sendLoop(options?.ignoreBackoff ?? false));
        if (result.stoppedBy === undefined || result.stoppedBy === 'backoff') this.startRefresh();
      }
      return result;
    } finally {
      this.active = undefined;
      this.setState({ syncing: false });
      const planning = this.plan().catch(this.reportError);
      this.planning = planning;
      await planning;
      if (this.planning === planning) this.planning = undefined;
    }
  }

  /** Runs inside the origin's lock. Re-reads everything from the store: nothing is trusted from memory. */
  private async sendLoop(ignoreBackoff: boolean): Promise<RunResult> {
    if (ignoreBackoff) {
      await makeAllDue(this.opsDeps());
      this.queueHint = undefined;
    } else if ((await this.deps.store.getMeta<'auth' | null>(META.paused)) === 'auth') return { sent: 0, stoppedBy: 'paused' };
    let sent = 0;
    // One snapshot per pass, re-listed when used up (picks up drafts submitted meanwhile); the
    // queued → sending compare-and-set makes a stale snapshot harmless.
    // Under Web Locks every `sending` row found inside the lock is orphaned; with the fallback only
    // rows older than the request timeout are, since another tab may still await its response.
    const staleBefore = this.flight.crossContext ? Number.POSITIVE_INFINITY : this.deps.clock.now() - this.timeoutMs();
    let queue: DraftRecord[] = (await recoverOrphans(this.opsDeps(), staleBefore)) ? [] : this.queueHint ?? [];
    this.queueHint = undefined;
    for (;;) {
      if (this.disposed) return { sent, stoppedBy: 'disposed' };
      if (queue.length === 0) queue = (await this.deps.store.listByState('queued')).sort(sendOrder);
      const head = queue.shift();
      if (!head) return { sent };
      if (head.nextAttemptAt !== undefined && head.nextAttemptAt > this.deps.clock.now()) return { sent, stoppedBy: 'backoff' };
      const { outcome, record } = await attemptSendDetailed(this.attemptDeps(), head);
      this.deps.notices?.post([head.id]);
      if (outcome === 'retry' && record) this.queueHint = [record, ...queue];
      if (outcome === 'retry' || outcome === 'auth') return this.stopped(sent, outcome);
      if (outcome === 'skipped') queue = []; // someone else moved it: re-read the truth
      if (outcome !== 'sent') continue;
      sent += 1;
      const paced = await paceAfterSent(this.opsDeps(), head, queue, ignoreBackoff);
      if (paced) {
        this.queueHint = paced;
        return { sent, stoppedBy: 'backoff' };
      }
    }
  }

  private async stopped(sent: number, outcome: AttemptOutcome & ('retry' | 'auth')): Promise<RunResult> {
    if (outcome === 'auth') {
      await this.deps.store.setMeta(META.paused, 'auth');
      this.deps.notices?.post([META.paused], 'meta');
    }
    return { sent, stoppedBy: outcome };
  }

  /** Refreshes statuses and challenges beside the sends, never in their way (one at a time). */
  private startRefresh(): void {
    if (this.refreshing) return;
    const deps = { ...this.attemptDeps(), intervalMs: this.deps.refreshIntervalMs ?? 30 * 60_000 };
    this.refreshing = refreshIfDue(deps)
      .then((changed) => {
        if (changed.length > 0) this.deps.notices?.post(changed);
      }, this.reportError)
      .finally(() => {
        this.refreshing = undefined;
      });
  }

  /** Schedules the next run at the head's `nextAttemptAt` (none while paused or idle). */
  private async plan(): Promise<void> {
    if (this.disposed) return;
    const state = await this.readState();
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (state.paused || state.nextAttemptAt === undefined || this.active || this.disposed) return;
    const delay = Math.max(0, state.nextAttemptAt - this.deps.clock.now());
    this.cancelTimer = this.deps.clock.setTimeout(() => void this.runOnce().catch(this.reportError), delay);
  }

  private opsDeps(): QueueOpsDeps {
    return { store: this.deps.store, notices: this.deps.notices, random: this.random, now: () => this.deps.clock.now() };
  }

  private attemptDeps() {
    return {
      store: this.deps.store,
      api: this.deps.api,
      random: this.random,
      now: () => this.deps.clock.now(),
      withTimeout: <T>(request: (signal: AbortSignal) => Promise<T>) => withClockTimeout(this.deps.clock, this.timeoutMs(), request),
    };
  }

  private timeoutMs(): number {
    return this.deps.requestTimeoutMs ?? 60_000;
  }

  private setState(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  private readonly reportError = (error: unknown): void => {
    (this.deps.onError ?? ((e: unknown) => console.error('[idesluss sync]', e)))(error);
  };
}

