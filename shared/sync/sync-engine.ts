/**
 * The sync engine (DESIGN sections 4 and 6): delivers queued drafts to the Ideas API exactly once,
 * oldest first, one at a time, with one run per origin.
 *
 * Browser constraint: an MV3 service worker can be killed at any moment, so no state lives only in
 * memory. Every decision is re-read from IndexedDB at the start of a run (pause, backoff, pacing,
 * rows left in `sending`); the in-memory timer is only a hint, and the extension's `alarms`
 * (re-created at every worker start) call `runOnce()` when the worker was gone.
 *
 * This file holds when runs start and how they coalesce; a run itself is ./drain.ts, what the engine
 * reports ./read-state.ts, when the next run is due ./next-run.ts, the refresh beside it ./refresh.ts.
 */
import type { DraftRecord } from '../domain/draft';
import { acceptSignedInAccount } from './account-check';
import { withClockTimeout } from './attempt';
import type { Random } from './backoff';
import { drainQueue } from './drain';
import { attemptDeps, requestTimeoutMs } from './engine-deps';
import { orphansRecoverableAt, runDelay } from './next-run';
import { ObservableState } from './observable-state';
import { makeDueAfterOffline, META } from './queue-ops';
import { readSyncState } from './read-state';
import { AFTER_SIGN_IN_REFRESH_MS, DEFAULT_REFRESH_INTERVAL_MS, refreshIfDue } from './refresh';
import { createSingleFlight, type SingleFlight } from './single-flight';
import type { RunResult, SyncEngineDeps, SyncState } from './engine-types';

export type { RunResult, SyncEngineDeps, SyncState } from './engine-types';
export { META } from './queue-ops';

/** One engine per context (worker, popup, widget instance); they coordinate through the lock. */
export class SyncEngine extends ObservableState<SyncState> {
  private readonly _random: Random;
  private readonly _flight: SingleFlight;
  private _cancelTimer: (() => void) | undefined;
  /** The next try the pending timer was planned for (`_plan`); undefined while none is pending. */
  private _plannedFor: number | undefined;
  private _stopRemote: () => void;
  /**
   * The rest of the last run's queue snapshot, head first, kept only after a retry so that a long
   * queue is not re-read on every backoff wake-up. A hint, never the truth: it dies with the worker,
   * and the queued → sending compare-and-set re-checks each row before anything is sent.
   */
  private _queueHint: DraftRecord[] | undefined;
  private _active: Promise<RunResult> | undefined;
  private _planning: Promise<void> | undefined;
  private _refreshing: Promise<void> | undefined;
  private _again: { ignoreBackoff: boolean } | undefined;
  private _disposed = false;
  /** Consecutive runs that failed outright; they space the next run out like failed requests. */
  private _failedRuns = 0;

  constructor(private readonly _deps: SyncEngineDeps) {
    super({ syncing: false, paused: undefined, nextAttemptAt: undefined, lastSentAt: undefined });
    this._random = _deps.random ?? Math.random;
    this._flight = createSingleFlight(_deps.lockName ?? 'idesluss-sync', { locks: _deps.locks, createChannel: _deps.createChannel });
    this._stopRemote = this._flight.onRemoteRun(() => {
      this._queueHint = undefined;
      void this._plan().catch(this._reportError);
    });
  }

  /** Call once at context start-up: recovers rows stuck in `sending`, then runs. */
  start(): Promise<RunResult> {
    return this.runOnce();
  }

  /** A trigger (submit, visible, alarm): runs now, respecting backoff. Coalesces with a run in progress. */
  runOnce(): Promise<RunResult> {
    return this._request({ ignoreBackoff: false });
  }

  /**
   * The `online` trigger: ideas whose last try failed only because the device was offline are due
   * within a second or two (their offline retry could be 10 s on), then a run that respects every
   * other wait, so an intranet's backoff still holds. Outside the lock: each change is a
   * compare-and-set on a queued row, and a try in flight meanwhile sets its own next time.
   */
  async backOnline(): Promise<RunResult> {
    await makeDueAfterOffline(this._deps.store, this._deps.clock.now(), this._random);
    this._queueHint = undefined; // its times predate the change
    return this.runOnce();
  }

  /** "Send now": `ignoreBackoff` makes every queued draft due and lifts an auth pause for one try. */
  syncNow(options: { ignoreBackoff?: boolean } = {}): Promise<RunResult> {
    return this._request({ ignoreBackoff: options.ignoreBackoff ?? false });
  }

  /**
   * Paused for sign-in, and the user may have signed in since (the popup opened, a page shown): asks
   * `GET /me`, within the request timeout (a gateway that never answers must not hold the caller),
   * and only once it answers lifts the pause (persisted) and runs. Rejects while the user is still
   * signed out or the intranet does not answer; the pause then stays.
   */
  async resumeAfterSignIn(): Promise<RunResult> {
    await withClockTimeout(this._deps.clock, requestTimeoutMs(this._deps), (signal) => this._deps.api.me(signal));
    await this._deps.store.setMeta(META.paused, null);
    // What a refusal for want of a sign-in left out (challenges, statuses) is asked for now, not on a run a
    // minute later: an open popup or page follows the store, so the person who just signed in sees it at once.
    this._startRefresh(AFTER_SIGN_IN_REFRESH_MS);
    return this.runOnce();
  }

  /**
   * The user chose to send the waiting ideas as account `accountId`, the one the prompt of a pause for
   * another account names: it becomes this device's account, and sync runs. Nothing changes if
   * another account has signed in since (the prompt then names that one).
   */
  async sendAsSignedIn(accountId: string): Promise<RunResult> {
    if (!(await acceptSignedInAccount({ store: this._deps.store, now: () => this._deps.clock.now() }, accountId, this._deps.notices))) return this.refreshState().then(() => ({ sent: 0, stoppedBy: 'paused' }));
    return this.syncNow({ ignoreBackoff: true });
  }

  /** Resolves when no run is in progress and the next one is planned (tests, orderly shutdown). */
  async whenIdle(): Promise<void> {
    while (this._active || this._planning || this._refreshing) await (this._active ?? this._planning ?? this._refreshing);
  }

  /**
   * Re-reads pause, next try and last send from the store (another context may have changed them). When the next try
   * moved (the waiting head taken back, "Ta tillbaka", so the idea behind it is due), the next run is planned anew:
   * only a run's end planned it, and the old head's timer could be an hour off.
   */
  async refreshState(): Promise<SyncState> {
    this._queueHint = undefined;
    const state = await this._readState();
    // Only an engine that has planned a run plans anew (a popup's engine, which sends only when asked, does not), and
    // only for an earlier time: a queued idea never tried reads as due `now`, which is new at every read.
    const planned = this._plannedFor;
    if (planned !== undefined && state.nextAttemptAt !== undefined && state.nextAttemptAt < planned && !this._active && !this._planning) {
      const planning = (this._planning = this._plan().catch(this._reportError));
      await planning;
      if (this._planning === planning) this._planning = undefined;
    }
    return this._state;
  }

  /** Reads what the engine reports from the store (./read-state.ts) and tells the listeners. */
  private async _readState(): Promise<SyncState> {
    this._setState(await readSyncState(this._deps, () => this._queueHint));
    return this._state;
  }

  /** Stops timers and listeners; a run in progress stops after its current request. */
  dispose(): void {
    this._disposed = true;
    this._cancelTimer?.();
    this._stopRemote();
    this._flight.close();
    this._listeners.clear();
  }

  private _request(options: { ignoreBackoff: boolean }): Promise<RunResult> {
    if (this._disposed) return Promise.resolve({ sent: 0, stoppedBy: 'disposed' });
    if (this._active) {
      // Work added during a run (a submit, "send now") gets one more run right after; callers share it.
      this._again = { ignoreBackoff: options.ignoreBackoff || (this._again?.ignoreBackoff ?? false) };
      return this._active;
    }
    this._active = this._loop(options);
    return this._active;
  }

  private async _loop(first: { ignoreBackoff: boolean }): Promise<RunResult> {
    this._cancelTimer?.();
    this._cancelTimer = this._plannedFor = undefined;
    this._setState({ syncing: true });
    let result: RunResult = { sent: 0 };
    try {
      for (let options: typeof this._again = first; options && !this._disposed; options = this._again) {
        this._again = undefined;
        result = await this._flight.run(() => this._sendLoop(options?.ignoreBackoff ?? false));
        this._failedRuns = 0;
        if (result.stoppedBy === undefined || result.stoppedBy === 'backoff') this._startRefresh();
      }
      return result;
    } catch (error) {
      // A run that fails outright (the store refuses a write: quota, a closed database) leaves its
      // head due; without this the next run would start at once and resend it in a tight loop.
      this._failedRuns += 1;
      throw error;
    } finally {
      this._active = undefined;
      this._setState({ syncing: false });
      const planning = this._plan().catch(this._reportError);
      this._planning = planning;
      await planning;
      if (this._planning === planning) this._planning = undefined;
    }
  }

  /** Runs inside the origin's lock (./drain.ts). */
  private _sendLoop(ignoreBackoff: boolean): Promise<RunResult> {
    return drainQueue(
      {
        store: this._deps.store,
        notices: this._deps.notices,
        now: () => this._deps.clock.now(),
        ops: { store: this._deps.store, notices: this._deps.notices, random: this._random, now: () => this._deps.clock.now() },
        attempt: attemptDeps(this._deps, this._random, () => this._disposed),
        crossContext: this._flight.crossContext,
        timeoutMs: requestTimeoutMs(this._deps),
        disposed: () => this._disposed,
        takeHint: () => {
          const hint = this._queueHint;
          this._queueHint = undefined;
          return hint;
        },
        setHint: (hint) => {
          this._queueHint = hint;
        },
      },
      ignoreBackoff,
    );
  }

  /**
   * Refreshes statuses and challenges now if the last refresh is older than `maxAgeMs`: for a view
   * that opens (a page with the widget loads), whose user expects the team's latest answer. Runs
   * after sends then go back to the engine's own interval. Resolves when done; never rejects.
   */
  async refreshIfOlderThan(maxAgeMs: number): Promise<void> {
    await this._refreshing;
    this._startRefresh(maxAgeMs);
    await this._refreshing;
  }

  /** Refreshes statuses and challenges beside the sends, never in their way (one at a time). */
  private _startRefresh(intervalMs = this._deps.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS): void {
    if (this._refreshing || this._disposed) return;
    const deps = { ...attemptDeps(this._deps, this._random, () => this._disposed), intervalMs, timeoutMs: requestTimeoutMs(this._deps), tryLock: this._flight.tryRun };
    this._refreshing = refreshIfDue(deps)
      .then((changed) => {
        if (changed.length > 0) this._deps.notices?.post(changed);
      }, this._reportError)
      .finally(() => {
        this._refreshing = undefined;
      });
  }

  /**
   * Schedules the next run at the head's `nextAttemptAt`, or, with nothing queued, when a row left
   * `sending` can be recovered (none while paused or idle), spaced out after failed runs (./next-run.ts).
   */
  private async _plan(): Promise<void> {
    if (this._disposed) return;
    const state = await this._readState();
    const at = state.paused ? undefined : state.nextAttemptAt ?? (await orphansRecoverableAt(this._deps, this._flight.crossContext));
    this._cancelTimer?.();
    this._cancelTimer = this._plannedFor = undefined;
    if (at === undefined || this._active || this._disposed) return;
    const delay = runDelay(at, this._deps.clock.now(), this._failedRuns, this._random);
    this._plannedFor = at;
    this._cancelTimer = this._deps.clock.setTimeout(() => {
      this._cancelTimer = this._plannedFor = undefined;
      void this.runOnce().catch(this._reportError);
    }, delay);
  }

  private readonly _reportError = (error: unknown): void => {
    (this._deps.onError ?? ((e: unknown) => console.error('[idesluss sync]', e)))(error);
  };
}

