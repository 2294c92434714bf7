/**
 * What the engine reports (SyncState without `syncing`), read again from the store at the start of
 * each plan and on `refreshState()`: another context may have paused, sent or scheduled since.
 */
import type { DraftRecord } from '../domain/draft';
import { liftAccountPause, readAccountSwitch } from './account-check';
import type { SyncEngineDeps, SyncState } from './engine-types';
import { META } from './queue-ops';
import { sendOrder } from './transitions';

/**
 * When the queue's next try is due: the head's, or a stuck idea's if sooner, since stuck ideas wait
 * behind nothing (ADR 004); a row without a time is due `now`. Undefined for an empty queue.
 * `queue` is in send order (./transitions.ts `sendOrder`).
 */
export function nextTryAt(queue: readonly DraftRecord[], now: number): number | undefined {
  const tries = [queue[0], ...queue.filter((r) => r.stuck)].flatMap((r) => (r ? [r.nextAttemptAt ?? now] : []));
  return tries.length === 0 ? undefined : Math.min(...tries);
}

/**
 * Reads pause, sign-in address, last send and next try. `hint` gives the engine's queue snapshot
 * if it kept one (read in place of the queued rows). A pause for another account with nothing left
 * to send is lifted first (its prompt goes now, not at the next run), then the state read again.
 */
export async function readSyncState(
  deps: Pick<SyncEngineDeps, 'store' | 'clock' | 'notices'>,
  hint: () => DraftRecord[] | undefined,
): Promise<Omit<SyncState, 'syncing'>> {
  const kept = hint();
  const [paused, signInUrl, lastSentAt, queue, accounts] = await Promise.all([
    deps.store.getMeta<'auth' | 'account' | null>(META.paused),
    deps.store.getMeta<string | null>(META.signInUrl),
    deps.store.getMeta<number>(META.lastSentAt),
    kept ?? deps.store.listByState('queued'),
    readAccountSwitch({ store: deps.store }),
  ]);
  const sorted = kept ?? queue.sort(sendOrder);
  const next = nextTryAt(sorted, deps.clock.now());
  if (paused === 'account' && sorted.length === 0 && !(await deps.store.list()).some((r) => r.state === 'queued' || r.state === 'sending')) {
    // Nothing waits for that account any more (the ideas were taken back). One read of every draft,
    // so that an idea a run is giving back (`sending` → `queued` after finding the other account) is
    // seen in one state or the other.
    await liftAccountPause({ store: deps.store }, deps.notices);
    return readSyncState(deps, hint);
  }
  return {
    paused: paused ?? undefined,
    accountSwitch: paused === 'account' ? accounts : undefined,
    signInUrl: (paused && signInUrl) || undefined,
    lastSentAt,
    nextAttemptAt: paused ? undefined : next,
  };
}
