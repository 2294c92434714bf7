/**
 * Queue-wide steps of a sync run through ./transitions.ts: single-row transactions, and the one
 * transaction per delivered idea that writes it `sent` and claims the next. They run inside the
 * origin's sync lock (./single-flight.ts).
 */
import type { DraftRecord } from '../domain/draft';
import type { RemoteIdea } from '../domain/idea';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftChange, DraftStore } from '../storage/types';
import { transition } from './attempt';
import { planAfterSuccess, type Random } from './backoff';
import { dueAt, isDue, recoverSending, toSending, toSent } from './transitions';

/** Meta keys the engine persists: an MV3 worker may die between any two runs. */
export const META = { paused: 'sync.paused', signInUrl: 'sync.signInUrl', lastSentAt: 'sync.lastSentAt', pacingUntil: 'sync.pacingUntil' } as const;

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

/** What `commitSent` did, and so what the run does next. */
export interface SentStep {
  /** The next head, claimed (queued → sending) in the same transaction: send it now. */
  claimed?: DraftRecord;
  /** The next head was offered but not claimed (withdrawn, changed, not due): re-read the queue. */
  declined: boolean;
  /** The drain is paced (docs/adr/004-sync-backoff.md): the run stops; the queue, head first, as a hint (undefined: re-read it). */
  paced?: { hint: DraftRecord[] | undefined };
  /** The ids this transaction changed, for the change notice. */
  changed: string[];
}

/**
 * After the intranet accepted `sending` (which had `sending.attempts` failures): ONE transaction
 * writes it `sent` (strict durability) and either claims the next head `next` (queued → sending,
 * the same compare-and-set as `claim`) when it may go at once, or, after an outage, sets its paced
 * time (docs/adr/004-sync-backoff.md). The run's meta bookkeeping (last send at most once a second,
 * pacing) rides along. Pass `claimNext` false when the run must not start another request
 * (disposed). If the transaction fails nothing of it is written: `sending` stays and is recovered
 * (its resend is idempotent), and the next head stays queued, unclaimed and unsent.
 */
export async function commitSent(
  deps: QueueOpsDeps,
  sending: DraftRecord,
  idea: RemoteIdea,
  queue: readonly DraftRecord[],
  options: { ignoreBackoff: boolean; claimNext: boolean },
  memo: RunMemo,
): Promise<SentStep> {
  const pacingUntil = options.ignoreBackoff ? 0 : (memo.pacingUntil ??= (await deps.store.getMeta<number | null>(META.pacingUntil)) ?? 0);
  const now = deps.now();
  // A stuck idea's failures were its own, not an outage's: its success opens no pacing window.
  const plan = options.ignoreBackoff ? undefined : planAfterSuccess(now, sending.stuck ? 0 : sending.attempts, pacingUntil, deps.random);
  const meta: Record<string, unknown> = {};
  if (memo.lastSentWrittenAt === undefined || now - memo.lastSentWrittenAt >= LAST_SENT_WRITE_GAP_MS) meta[META.lastSentAt] = now;
  if (plan && plan.pacingUntil !== pacingUntil) meta[META.pacingUntil] = plan.pacingUntil;
  const pacedAt = plan?.nextAt;
  const [next, ...rest] = queue;
  const changes: DraftChange[] = [{ id: sending.id, change: (r) => toSent(r, idea, now) }];
  if (next && pacedAt !== undefined) changes.push({ id: next.id, change: (r) => dueAt(r, Math.max(r.nextAttemptAt ?? 0, pacedAt)) });
  else if (next && options.claimNext && isDue(next, now)) changes.push({ id: next.id, change: (r) => toSending(r, now) });
  const [, nextRecord] = await deps.store.updateMany(changes, { durability: 'strict', meta });
  memo.lastSentAt = now;
  if (META.lastSentAt in meta) memo.lastSentWrittenAt = now;
  if (plan) memo.pacingUntil = plan.pacingUntil;
  const changed = [sending.id, ...(nextRecord ? [nextRecord.id] : [])];
  if (next && pacedAt !== undefined) return { declined: false, paced: { hint: nextRecord ? [nextRecord, ...rest] : undefined }, changed };
  return { claimed: nextRecord, declined: changes.length > 1 && !nextRecord, changed };
}

/** At the end of a run: writes the last send time if the last write of it was skipped. */
export async function flushRun(deps: QueueOpsDeps, memo: RunMemo): Promise<void> {
  if (memo.lastSentAt !== undefined && memo.lastSentAt !== memo.lastSentWrittenAt) await deps.store.setMeta(META.lastSentAt, memo.lastSentAt);
}
