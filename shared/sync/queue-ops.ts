/**
 * Queue-wide steps of a sync run, each a few single-row transactions through ./transitions.ts.
 * They run inside the origin's sync lock (./single-flight.ts).
 */
import type { DraftRecord } from '../domain/draft';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import { transition } from './attempt';
import { planAfterSuccess, type Random } from './backoff';
import { dueAt, recoverSending } from './transitions';

/** Meta keys the engine persists: an MV3 worker may die between any two runs. */
export const META = { paused: 'sync.paused', lastSentAt: 'sync.lastSentAt', pacingUntil: 'sync.pacingUntil' } as const;

export interface QueueOpsDeps {
  store: DraftStore;
  notices?: ChangeNotices;
  now: () => number;
  random: Random;
}

/**
 * Rows left in `sending` by a context that died mid-request go back to `queued`; only rows last
 * touched at or before `staleBefore` count (see the engine for why). Resolves true if any moved.
 */
export async function recoverOrphans(deps: QueueOpsDeps, staleBefore: number): Promise<boolean> {
  const now = deps.now();
  let recovered = false;
  for (const row of await deps.store.listByState('sending')) {
    if (row.updatedAt > staleBefore) continue;
    if (!(await transition(deps.store, row.id, (r) => recoverSending(r, now)))) continue;
    deps.notices?.post([row.id]);
    recovered = true;
  }
  return recovered;
}

/** "Send now": lifts the auth pause and the pacing, and makes every queued draft due. */
export async function makeAllDue(deps: QueueOpsDeps): Promise<void> {
  await deps.store.setMeta(META.paused, null);
  await deps.store.setMeta(META.pacingUntil, null);
  for (const row of await deps.store.listByState('queued')) {
    if (row.nextAttemptAt !== undefined) await transition(deps.store, row.id, (r) => dueAt(r, undefined));
  }
}

/**
 * What one sync run remembers between sends, so that a drain of a thousand ideas does not read and
 * write the same meta rows a thousand times. Only the run holding the origin's lock writes these
 * keys, so its memory is the truth until it ends; `flushRun` writes what is left.
 */
export interface RunMemo {
  /** `META.pacingUntil` as last read or written by this run. */
  pacingUntil?: number;
  /** The last send, and when `META.lastSentAt` was last written (written at most once a second). */
  lastSentAt?: number;
  lastSentWrittenAt?: number;
}

const LAST_SENT_WRITE_GAP_MS = 1000;

/**
 * After `sent` (which had `sent.attempts` failures) was delivered: records the time and, after an
 * outage, paces the next draft (docs/adr/004-sync-backoff.md). Resolves with the rest of the
 * queue when the next draft now waits, or undefined when the run may go on.
 */
export async function paceAfterSent(deps: QueueOpsDeps, sent: DraftRecord, rest: DraftRecord[], ignoreBackoff: boolean, memo: RunMemo = {}): Promise<DraftRecord[] | undefined> {
  const now = deps.now();
  memo.lastSentAt = now;
  if (memo.lastSentWrittenAt === undefined || now - memo.lastSentWrittenAt >= LAST_SENT_WRITE_GAP_MS) {
    memo.lastSentWrittenAt = now;
    await deps.store.setMeta(META.lastSentAt, now);
  }
  if (ignoreBackoff) return undefined;
  const stored = (memo.pacingUntil ??= (await deps.store.getMeta<number | null>(META.pacingUntil)) ?? 0);
  const plan = planAfterSuccess(now, sent.attempts, stored, deps.random);
  if (plan.pacingUntil !== stored) {
    await deps.store.setMeta(META.pacingUntil, plan.pacingUntil);
    memo.pacingUntil = plan.pacingUntil;
  }
  const next = rest[0];
  if (plan.nextAt === undefined || !next) return undefined;
  const at = plan.nextAt;
  const paced = await transition(deps.store, next.id, (r) => dueAt(r, Math.max(r.nextAttemptAt ?? 0, at)));
  return paced ? [paced, ...rest.slice(1)] : [];
}

/** At the end of a run: writes the last send time if the last write of it was skipped. */
export async function flushRun(deps: QueueOpsDeps, memo: RunMemo): Promise<void> {
  if (memo.lastSentAt !== undefined && memo.lastSentAt !== memo.lastSentWrittenAt) await deps.store.setMeta(META.lastSentAt, memo.lastSentAt);
}
