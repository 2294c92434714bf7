/**
 * When the engine's next run is due, besides the queue's next try (./read-state.ts `nextTryAt`):
 * rows left `sending` with nothing queued, and the spacing after runs that failed outright. The
 * engine plans from these once a run ends, here or in another context.
 */
import { BACKOFF, fullJitter, type Random } from './backoff';
import { requestTimeoutMs } from './engine-deps';
import type { SyncEngineDeps } from './engine-types';
import { claimLifetimeMs } from './transitions';

/** The longest wait after runs that failed outright. */
export const FAILED_RUN_CAP_MS = 30_000;

/**
 * How long to wait before a run due `at`, after `failedRuns` consecutive runs that failed outright
 * (the store refused a write: quota, a closed database). Such a run leaves its head due, so the next
 * one would start at once and resend it in a tight loop; it waits as after a failed request instead.
 * A local failure, not the intranet's: full jitter from 2 s, capped at 30 s, so a passing fault (a
 * closed connection, a full disk freed) does not hold sync back for the 15-minute outage cap.
 * Draws from `random` only after a failed run.
 */
export function runDelay(at: number, now: number, failedRuns: number, random: Random): number {
  const failedRunWait = failedRuns > 0 ? fullJitter(failedRuns - 1, random, { ...BACKOFF, capMs: FAILED_RUN_CAP_MS }) : 0;
  return Math.max(0, at - now, failedRunWait);
}

/**
 * When a run could recover the rows left `sending` (a run that failed after its request, a context
 * that died mid-send), or undefined when there are none: with nothing queued, no other trigger would
 * ever come back for them. Under Web Locks (`crossContext`) at once (the run waits for the lock, and
 * inside it every such row is orphaned); with the fallback once the oldest is older than a claim's
 * lifetime (./transitions.ts `claimLifetimeMs`), as the run's recovery (./drain.ts) requires.
 */
export async function orphansRecoverableAt(
  deps: Pick<SyncEngineDeps, 'store' | 'clock' | 'requestTimeoutMs'>,
  crossContext: boolean,
): Promise<number | undefined> {
  const sending = await deps.store.listByState('sending');
  if (sending.length === 0) return undefined;
  if (crossContext) return deps.clock.now();
  return Math.min(...sending.map((row) => row.updatedAt)) + claimLifetimeMs(requestTimeoutMs(deps));
}
