/**
 * One sync run's send loop (DESIGN section 6), inside the origin's lock: oldest first, one request
 * at a time, until the queue is empty, its head is not due, or a failure stops the run.
 *
 * Ideas are claimed (queued → sending, compare-and-set against the stored record) durably before
 * their requests leave, in batches: the first head of a pass alone (./attempt.ts `claim`), then, while
 * requests succeed, 2, 4 … up to MAX_BATCH ideas and about a second of requests, in the one write
 * transaction that also writes the previous batch `sent` (./queue-ops.ts `commitSent`). A batch cut
 * short by a failure or a dispose writes what went `sent` and gives the rest back (`settleBatch`).
 * Each request still goes alone, one at a time; an idea claimed in a batch cannot be taken back
 * until it goes (docs/adr/004-sync-backoff.md, "Batched claims").
 */
import type { DraftRecord } from '../domain/draft';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import { checkAccount, liftAccountPause } from './account-check';
import { claim, sendClaimed, type AttemptDeps } from './attempt';
import type { RunResult } from './engine-types';
import { commitSent, flushRun, makeAllDue, META, recoverOrphans, settleBatch, type Delivered, type QueueOpsDeps, type RunMemo } from './queue-ops';
import { markStuck, mayBeStuck, probeCandidate } from './stuck-head';
import { claimLifetimeMs, isDue, sendOrder } from './transitions';

/** What the loop needs from the engine that runs it. */
export interface DrainHost {
  store: DraftStore;
  notices?: ChangeNotices;
  now: () => number;
  ops: QueueOpsDeps;
  attempt: AttemptDeps;
  /** True under Web Locks: every `sending` row found inside the lock is orphaned. */
  crossContext: boolean;
  timeoutMs: number;
  /** True once the engine was disposed: no further request starts. */
  disposed(): boolean;
  /** The queue snapshot kept from the last run (a hint, never the truth); taking it clears it. */
  takeHint(): DraftRecord[] | undefined;
  setHint(hint: DraftRecord[] | undefined): void;
}

/** Runs the loop; writes the run's last send time however the run ends. */
export async function drainQueue(host: DrainHost, ignoreBackoff: boolean): Promise<RunResult> {
  const memo: RunMemo = {};
  try {
    return await drain(host, ignoreBackoff, memo);
  } finally {
    await flushRun(host.ops, memo);
  }
}

/**
 * Batches grow 1, 2, 4 … up to this many ideas claimed in one transaction while requests succeed
 * (docs/adr/004-sync-backoff.md, "Batched claims").
 */
export const MAX_BATCH = 32;
/** …and no larger than the requests of about this long: an idea claimed in a batch cannot be taken back until it goes. */
const BATCH_WINDOW_MS = 1000;

/** Re-reads the queue from the store: nothing but this run's own meta writes is trusted from memory. */
async function drain(host: DrainHost, ignoreBackoff: boolean, memo: RunMemo): Promise<RunResult> {
  // Under Web Locks every `sending` row found inside the lock is orphaned; with the fallback only
  // rows older than a claim's lifetime are, since another tab may still await its responses.
  // First, even while paused for sign-in: it touches only local data, and an orphan left `sending`
  // could not be taken back for as long as the pause lasts.
  const staleBefore = host.crossContext ? Number.POSITIVE_INFINITY : host.now() - claimLifetimeMs(host.timeoutMs);
  const recovered = await recoverOrphans(host.ops, staleBefore);
  const paused = await host.store.getMeta<'auth' | 'account' | null>(META.paused);
  if (ignoreBackoff) {
    await makeAllDue(host.ops);
    host.takeHint();
  } else if (paused === 'auth') return { sent: 0, stoppedBy: 'paused' };
  let sent = 0;
  // Who is signed in (./account-check.ts), asked with the run's first send, until it answers `go`:
  // a check that failed (no answer, 5xx) is that idea's failed try, and the next idea the run may
  // still send (a stuck idea's turn, a probe) asks again.
  let accountChecked = false;
  const checkFirst = (signal: AbortSignal) =>
    checkAccount(host.attempt, signal, host.notices).then((verdict) => {
      accountChecked = verdict === 'go';
      return verdict;
    });
  // One snapshot per pass, re-listed when used up (picks up drafts submitted meanwhile); the
  // queued → sending compare-and-set makes a stale snapshot harmless.
  const hint = host.takeHint();
  let queue: DraftRecord[] = recovered ? [] : hint ?? [];
  // Claimed (with the last `sent`) and not yet sent, in send order; and sent, `sent` not yet written.
  let batch: DraftRecord[] = [];
  let delivered: Delivered[] = [];
  let batchSize = 1;
  // A head the intranet keeps failing with 500 while the next idea goes as a probe (./stuck-head.ts).
  let probingPast: DraftRecord | undefined;
  // The gate (ADR 004): a head that is not due holds the ideas after it, and the run leaves them
  // (`passed`); stuck ideas hold nothing and are still tried, each when it is due.
  const passed = new Set<string>();
  let gateClosed = false;
  const relist = async () => (await listQueue(host.store)).filter((r) => !passed.has(r.id) && (r.stuck || !gateClosed));
  for (;;) {
    if (batch.length === 0) {
      if (host.disposed()) return { sent, stoppedBy: 'disposed' };
      if (queue.length === 0) queue = await relist();
      const head = queue.shift();
      if (!head) {
        if (passed.size > 0) return { sent, stoppedBy: 'backoff' };
        if (!accountChecked) await liftAccountPause(host.attempt, host.notices); // nothing waits for that account
        return { sent };
      }
      if (paused === 'account' && !accountChecked) {
        // Still paused for another account: ask before claiming anything, so that a trigger while the
        // user decides costs one request and no writes; only the same account or a choice goes on.
        const verdict = await host.attempt.withTimeout(checkFirst).catch(() => 'other' as const);
        if (verdict === 'other') return { sent, stoppedBy: host.disposed() ? 'disposed' : 'paused' };
      }
      if (!isDue(head, host.now())) {
        passed.add(head.id);
        if (!head.stuck) {
          gateClosed = true;
          queue = queue.filter((r) => r.stuck);
        }
        continue;
      }
      const claimed = await claim(host.store, head, host.now());
      if (!claimed) {
        host.notices?.post([head.id]);
        queue = []; // someone else moved it: re-read the truth
        continue;
      }
      batch = [claimed];
    }
    const sending = batch.shift()!;
    // Disposed while the heads were being claimed (with the last `sent`): no request may start now —
    // the engine may have been replaced, e.g. for another intranet. The claims are undone.
    if (host.disposed()) {
      await settleBatch(host.ops, delivered, [sending, ...batch], memo);
      return { sent, stoppedBy: 'disposed' };
    }
    // A claim that waited behind slow requests for half the timeout is given back and made again, so
    // a batch does not hold ideas the user cannot take back for long (batches exist only under Web
    // Locks; with the fallback, another tab would take a claim older than the timeout for an orphan).
    if (delivered.length > 0 && host.now() - sending.updatedAt > host.timeoutMs / 2) {
      queue = [...(await settleBatch(host.ops, delivered, [sending, ...batch], memo)), ...queue];
      [batch, delivered, batchSize] = [[], [], 1];
      continue;
    }
    const startedAt = host.now();
    const result = await sendClaimed(host.attempt, sending, accountChecked ? undefined : checkFirst);
    if (result.outcome === 'other-account') {
      host.notices?.post([sending.id]);
      return { sent, stoppedBy: host.disposed() ? 'disposed' : 'paused' }; // the run's first send: no batch, nothing delivered
    }
    if (result.outcome !== 'delivered') {
      host.notices?.post([sending.id]);
      // The batch ends here: what went is written sent, the rest goes back to the queue's front.
      queue = [...(await settleBatch(host.ops, delivered, batch, memo)), ...queue];
      [batch, delivered, batchSize] = [[], [], 1];
      const failed = result.record;
      if (probingPast && (result.outcome === 'rejected' || result.outcome === 'conflict')) {
        // The intranet answered the probe: it is up, and the head's 500 is the head's own.
        await markStuck(host.store, host.notices, probingPast);
        probingPast = undefined;
      }
      if (result.outcome === 'retry' && failed) {
        const probe = !probingPast && mayBeStuck(failed) && !host.disposed() ? probeCandidate(queue, host.now()) : undefined;
        const claimedProbe = probe && (await claim(host.store, probe, host.now()));
        if (probe && claimedProbe) {
          queue = queue.filter((r) => r.id !== probe.id);
          probingPast = failed;
          batch = [claimedProbe];
          continue;
        }
        if (failed.stuck) {
          passed.add(failed.id); // holds nothing: the run goes on with the other stuck ideas that are due
          continue;
        }
      }
      if (result.outcome === 'retry' || result.outcome === 'auth') {
        // The snapshot is a fair hint only while nothing was left behind or probed past (a refused probe
        // claim means it is stale).
        host.setHint(failed && !probingPast && passed.size === 0 && !mayBeStuck(failed) ? [failed, ...queue] : undefined);
        return stopped(host, sent, result.outcome, result.signInUrl);
      }
      continue;
    }
    sent += 1;
    delivered.push({ record: sending, idea: result.idea });
    if (batch.length > 0) continue; // the rest of the batch first; one transaction at its end
    if (probingPast) {
      // Before the queue is listed again, so that the stuck head sorts after the rest.
      await markStuck(host.store, host.notices, probingPast);
      probingPast = undefined;
      batchSize = 1;
    } else {
      // Double while requests succeed, within the cap and the window (docs/adr/004-sync-backoff.md).
      const window = Math.max(1, Math.floor(BATCH_WINDOW_MS / Math.max(1, host.now() - startedAt)));
      batchSize = Math.min(MAX_BATCH, batchSize * 2, window);
    }
    const relisted = queue.length === 0;
    if (relisted) queue = await relist();
    // Batches only under Web Locks: with the fallback, another tab takes a claim older than the request
    // timeout for an orphan, and a batch's last idea can be claimed longer ago than that when it goes.
    const claimUpTo = host.disposed() ? 0 : host.crossContext ? batchSize : 1;
    const step = await commitSent(host.ops, delivered, queue, { ignoreBackoff, claimUpTo }, memo);
    delivered = [];
    host.notices?.post(step.changed);
    if (step.paced) {
      host.setHint(passed.size === 0 ? step.paced.hint : undefined);
      return { sent, stoppedBy: 'backoff' };
    }
    if (relisted && queue.length === 0) return { sent };
    batch = step.claimed;
    queue = step.declined ? [] : queue.slice(batch.length);
  }
}

async function listQueue(store: DraftStore): Promise<DraftRecord[]> {
  return (await store.listByState('queued')).sort(sendOrder);
}

async function stopped(host: DrainHost, sent: number, outcome: 'retry' | 'auth', signInUrl?: string): Promise<RunResult> {
  if (outcome === 'auth') {
    await host.store.setMeta(META.signInUrl, signInUrl ?? null);
    await host.store.setMeta(META.paused, 'auth');
    host.notices?.post([META.paused, META.signInUrl], 'meta');
  }
  return { sent, stoppedBy: outcome };
}
