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
import { isOutage, planAfterSuccess, type Random } from './backoff';
import { dueAfterOffline, dueAt, forcedDue, freshSchedule, isDue, recoverSending, toSending, toSent, whileClaimed } from './transitions';

/** Meta keys the engine persists: an MV3 worker may die between any two runs. */
export const META = {
  paused: 'sync.paused',
  signInUrl: 'sync.signInUrl',
  lastSentAt: 'sync.lastSentAt',
  pacingUntil: 'sync.pacingUntil',
  /** The account this device sends as, another one found signed in, and the one the user chose to send as (./account-check.ts). */
  account: 'sync.account',
  otherAccount: 'sync.otherAccount',
  sendAs: 'sync.sendAs',
} as const;

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
    // Stale as stored, not only as listed: another tab may have recovered and claimed it meanwhile.
    if (!(await transition(deps.store, row.id, (r) => (r.updatedAt <= staleBefore ? recoverSending(r, now) : undefined)))) continue;
    deps.notices?.post([row.id]);
    recovered = true;
  }
  return recovered;
}

/**
 * The intranet's address changed (docs/adr/015): every queued draft starts afresh at the new one,
 * with none of the old intranet's waits or failed tries (a "Skicka nu" would keep the waits it skips).
 */
export async function resetSchedules(store: DraftStore): Promise<void> {
  for (const row of await store.listByState('queued')) await transition(store, row.id, freshSchedule);
}

/**
 * The longest wait, once the device is back online, for an idea that failed only for want of a
 * network: the devices of a building whose network came back do not all send in the same instant
 * (docs/adr/004-sync-backoff.md), and nobody waits the up to 10 s of an offline retry.
 */
export const BACK_ONLINE_SPREAD_MS = 2000;

/** Back online: the queued drafts that failed only for want of a network are due within `BACK_ONLINE_SPREAD_MS`. */
export async function makeDueAfterOffline(store: DraftStore, now: number, random: Random): Promise<void> {
  for (const row of await store.listByState('queued')) {
    const at = now + Math.floor(random() * BACK_ONLINE_SPREAD_MS);
    if (row.lastFailure?.offline) await transition(store, row.id, (r) => dueAfterOffline(r, at));
  }
}

/** "Send now": lifts the auth pause and the pacing, and makes every queued draft due. */
export async function makeAllDue(deps: QueueOpsDeps): Promise<void> {
  await deps.store.setMeta(META.paused, null);
  await deps.store.setMeta(META.pacingUntil, null);
  for (const row of await deps.store.listByState('queued')) {
    if (row.nextAttemptAt !== undefined) await transition(deps.store, row.id, (r) => forcedDue(r, deps.now()));
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

/** An idea the intranet accepted (2xx) whose `sent` is not written yet. */
export interface Delivered {
  record: DraftRecord;
  idea: RemoteIdea;
}

/** What `commitSent` did, and so what the run does next. */
export interface SentStep {
  /** The next heads, claimed (queued → sending) in the same transaction, in send order: send them now. */
  claimed: DraftRecord[];
  /** A head was offered but not claimed (withdrawn, changed, not due): re-read the queue after these. */
  declined: boolean;
  /** The drain is paced (docs/adr/004-sync-backoff.md): the run stops; the queue, head first, as a hint (undefined: re-read it). */
  paced?: { hint: DraftRecord[] | undefined };
  /** The ids this transaction changed, for the change notice. */
  changed: string[];
}

/**
 * May `record` ride in a batch right behind `before`? Only if `before`'s success could not open a
 * pacing window (docs/adr/004-sync-backoff.md) that should have held `record`: `before` is not in the
 * outage stage of a failure streak (with "send now" nothing is paced). And `record` is due and not
 * stuck (stuck ideas go one at a time, each on its own backoff).
 */
function mayFollow(before: DraftRecord, record: DraftRecord, now: number, ignoreBackoff: boolean): boolean {
  const beforeOpensNoWindow = ignoreBackoff || before.stuck === true || !isOutage(before.attempts);
  return beforeOpensNoWindow && isDue(record, now) && !record.stuck;
}

/**
 * After the intranet accepted the ideas `delivered` (a batch, in send order): ONE transaction writes
 * them `sent` (strict durability) and either claims the next heads (queued → sending, the same
 * compare-and-set as `claim`) — the first head of `queue` if due, then up to `claimUpTo` in all
 * while each `mayFollow` the one before — or, after an outage, sets the head's paced time (docs/adr/004-sync-backoff.md).
 * The run's meta bookkeeping (last send at most once a second, pacing) rides along. `claimUpTo` 0
 * claims nothing (the run must not start another request: disposed). If the transaction fails
 * nothing of it is written: the delivered rows stay `sending` and are recovered (their resends are
 * idempotent), and the next heads stay queued, unclaimed and unsent.
 */
export async function commitSent(
  deps: QueueOpsDeps,
  delivered: readonly Delivered[],
  queue: readonly DraftRecord[],
  options: { ignoreBackoff: boolean; claimUpTo: number },
  memo: RunMemo,
): Promise<SentStep> {
  const pacingUntil = options.ignoreBackoff ? 0 : (memo.pacingUntil ??= (await deps.store.getMeta<number | null>(META.pacingUntil)) ?? 0);
  const now = deps.now();
  // A stuck idea's failures were its own, not an outage's: its success opens no pacing window.
  const failures = Math.max(0, ...delivered.map((d) => (d.record.stuck ? 0 : d.record.attempts)));
  const plan = options.ignoreBackoff ? undefined : planAfterSuccess(now, failures, pacingUntil, deps.random);
  const meta: Record<string, unknown> = {};
  if (memo.lastSentWrittenAt === undefined || now - memo.lastSentWrittenAt >= LAST_SENT_WRITE_GAP_MS) meta[META.lastSentAt] = now;
  if (plan && plan.pacingUntil !== pacingUntil) meta[META.pacingUntil] = plan.pacingUntil;
  const pacedAt = plan?.nextAt;
  const [next, ...rest] = queue;
  const changes: DraftChange[] = delivered.map((d) => ({ id: d.record.id, change: whileClaimed(d.record, (r) => toSent(r, d.idea, now)) }));
  const offered: DraftRecord[] = [];
  if (next && pacedAt !== undefined) changes.push({ id: next.id, change: (r) => dueAt(r, Math.max(r.nextAttemptAt ?? 0, pacedAt)) });
  else if (next && options.claimUpTo > 0 && isDue(next, now)) {
    offered.push(next);
    for (const r of rest) {
      if (offered.length >= options.claimUpTo || !mayFollow(offered[offered.length - 1]!, r, now, options.ignoreBackoff)) break;
      offered.push(r);
    }
    // The snapshot chose the batch; the stored records decide it (a hint may be older than another
    // context's failed tries): each idea is claimed only right behind the one before, as stored.
    let before: { index: number; stored: DraftRecord } | undefined;
    offered.forEach((r, i) =>
      changes.push({
        id: r.id,
        change: (stored) => {
          const follows = i === 0 || (before?.index === i - 1 && mayFollow(before.stored, stored, now, options.ignoreBackoff));
          const claimed = follows ? toSending(stored, now) : undefined;
          if (claimed) before = { index: i, stored };
          return claimed;
        },
      }),
    );
  }
  const results = await deps.store.updateMany(changes, { durability: 'strict', meta });
  memo.lastSentAt = now;
  if (META.lastSentAt in meta) memo.lastSentWrittenAt = now;
  if (plan) memo.pacingUntil = plan.pacingUntil;
  const after = results.slice(delivered.length).filter((r): r is DraftRecord => r !== undefined);
  const changed = [...delivered.map((d) => d.record.id), ...after.map((r) => r.id)];
  if (next && pacedAt !== undefined) return { claimed: [], declined: false, paced: { hint: after[0] ? [after[0], ...rest] : undefined }, changed };
  return { claimed: after, declined: after.length < offered.length, changed };
}

/**
 * A batch cut short (a failed request, a dispose): ONE transaction writes the ideas already
 * delivered `sent` and gives the claimed ideas not yet sent back to the queue (sending → queued, no
 * attempt counted: they were never tried). Resolves with those records, in send order.
 */
export async function settleBatch(deps: QueueOpsDeps, delivered: readonly Delivered[], unsent: readonly DraftRecord[], memo: RunMemo): Promise<DraftRecord[]> {
  if (delivered.length === 0 && unsent.length === 0) return [];
  const now = deps.now();
  const changes: DraftChange[] = [
    ...delivered.map((d) => ({ id: d.record.id, change: whileClaimed(d.record, (r) => toSent(r, d.idea, now)) })),
    ...unsent.map((u) => ({ id: u.id, change: whileClaimed(u, (r) => recoverSending(r, now)) })),
  ];
  const results = await deps.store.updateMany(changes, { durability: 'strict' });
  if (delivered.length > 0) memo.lastSentAt = now;
  deps.notices?.post(changes.map((c) => c.id));
  return results.slice(delivered.length).filter((r): r is DraftRecord => r !== undefined);
}

/** At the end of a run: writes the last send time if the last write of it was skipped. */
export async function flushRun(deps: QueueOpsDeps, memo: RunMemo): Promise<void> {
  if (memo.lastSentAt !== undefined && memo.lastSentAt !== memo.lastSentWrittenAt) await deps.store.setMeta(META.lastSentAt, memo.lastSentAt);
}
