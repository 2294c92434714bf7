/**
 * The SyncEngine's dependencies and the state and results it reports (./sync-engine.ts).
 */
import type { Clock } from '../domain/clock';
import type { IdeasApi } from '../api/types';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import type { AccountSwitch } from './account-check';
import type { Random } from './backoff';
import type { LocksLike, RunChannel } from './single-flight';

export interface SyncEngineDeps {
  store: DraftStore;
  api: IdeasApi;
  clock: Clock;
  /** Default Math.random; injected so tests and the herd simulation are repeatable. */
  random?: Random;
  /** Default `navigator.locks` when present; `null` forces the in-process fallback. */
  locks?: LocksLike | null;
  /** Where to post change notices after sync transitions (the context's shared instance). */
  notices?: ChangeNotices;
  /** Lock and channel name; default `idesluss-sync`. */
  lockName?: string;
  createChannel?: (name: string) => RunChannel | undefined;
  /** A request is abandoned (and retried later) after this long; default 60 s. */
  requestTimeoutMs?: number;
  /** Challenges and statuses are refreshed at most this often; default 30 min. */
  refreshIntervalMs?: number;
  /**
   * Whether the device has a network (`navigator.onLine`); default always. A request that gets no
   * answer while the device is offline is the device's failure, not the intranet's: it counts no
   * attempt, so coming back online is not followed by the outage spread (docs/adr/004-sync-backoff.md).
   */
  online?: () => boolean;
  /** Errors a scheduled run could not return to anyone (storage failures). Default console.error. */
  onError?: (error: unknown) => void;
}

/** What the engine is doing, for SyncStatusModel. */
export interface SyncState {
  syncing: boolean;
  /** `auth`: until someone signs in; `account`: another account is signed in (./account-check.ts). */
  paused: 'auth' | 'account' | undefined;
  /** While paused for another account: who ideas went as, and who is signed in now. */
  accountSwitch?: AccountSwitch;
  /** While paused: where the intranet's last 401 said to sign in (problem+json `signInUrl`), if it did. */
  signInUrl?: string;
  nextAttemptAt: number | undefined;
  lastSentAt: number | undefined;
}

export interface RunResult {
  sent: number;
  /** Why the run stopped early, if it did. */
  stoppedBy?: 'retry' | 'auth' | 'backoff' | 'paused' | 'disposed';
}
