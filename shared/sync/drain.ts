/**
 * One sync run's send loop (DESIGN section 6), inside the origin's lock: oldest first, one request
 * at a time, until the queue is empty, its head is not due, or a failure stops the run.
 *
 * Per idea, one write transaction stands between two requests (./queue-ops.ts `commitSent`): it
 * writes the delivered idea `sent` and claims the next head (queued → sending, compare-and-set
 * against the stored record), so the next head is claimed durably before its request leaves. Only
 * the first head of a pass is claimed on its own (./attempt.ts `claim`).
 */
import type { DraftRecord } from '../domain/draft';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import { claim, sendClaimed, transition, type AttemptDeps } from './attempt';
import type { RunResult } from './engine-types';
import { commitSent, flushRun, makeAllDue, META, recoverOrphans, type QueueOpsDeps, type RunMemo } from './queue-ops';
import { markStuck, mayBeStuck, probeCandidate } from './stuck-head';
import { isDue, recoverSending, sendOrder } from './transitions';

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

/** Re-reads the queue from the store: nothing but this run's own meta writes is trusted from memory. */
async function drain(host: DrainHost, ignoreBackoff: boolean, memo: RunMemo): Promise<RunResult> {
  if (ignoreBackoff) {
    await makeAllDue(host.ops);
    host.takeHint();
  } else if ((await host.store.getMeta<'auth' | null>(META.paused)) === 'auth') return { sent: 0, stoppedBy: 'paused' };
  let sent = 0;
  // One snapshot per pass, re-listed when used up (picks up drafts submitted meanwhile); the
  // queued → sending compare-and-set makes a stale snapshot harmless.
  // Under Web Locks every `sending` row found inside the lock is orphaned; with the fallback only
  // rows older than the request timeout are, since another tab may still await its response.
  const staleBefore = host.crossContext ? Number.POSITIVE_INFINITY : host.now() - host.timeoutMs;
  const recovered = await recoverOrphans(host.ops, staleBefore);
  const hint = host.takeHint();
  let queue: DraftRecord[] = recovered ? [] : hint ?? [];
  let claimed: DraftRecord | undefined; // claimed with the last `sent`: its request goes next
  // A head the intranet keeps failing with 500 while the next idea goes as a probe (./stuck-head.ts).
  let probingPast: DraftRecord | undefined;
  // The gate (ADR 004): a head that is not due holds the ideas after it, and the run leaves them
  // (`passed`); stuck ideas hold nothing and are still tried, each when it is due.
  const passed = new Set<string>();
  let gateClosed = false;
  const relist = async () => (await listQueue(host.store)).filter((r) => !passed.has(r.id) && (r.stuck || !gateClosed));
  for (;;) {
    if (!claimed) {
      if (host.disposed()) return { sent, stoppedBy: 'disposed' };
      if (queue.length === 0) queue = await relist();
      const head = queue.shift();
      if (!head) return passed.size > 0 ? { sent, stoppedBy: 'backoff' } : { sent };
      if (!isDue(head, host.now())) {
        passed.add(head.id);
        if (!head.stuck) {
          gateClosed = true;
          queue = queue.filter((r) => r.stuck);
        }
        continue;
      }
      claimed = await claim(host.store, head, host.now());
      if (!claimed) {
        host.notices?.post([head.id]);
        queue = []; // someone else moved it: re-read the truth
        continue;
      }
    }
    const sending = claimed;
    claimed = undefined;
    // Disposed while the head was being claimed (with the last `sent`): no request may start now —
    // the engine may have been replaced, e.g. for another intranet. The claim is undone.
    if (host.disposed()) {
      await transition(host.store, sending.id, (r) => recoverSending(r, host.now()));
      host.notices?.post([sending.id]);
      return { sent, stoppedBy: 'disposed' };
    }
    const result = await sendClaimed(host.attempt, sending);
    if (result.outcome !== 'delivered') {
      host.notices?.post([sending.id]);
      const failed = result.record;
      if (probingPast && (result.outcome === 'rejected' || result.outcome === 'conflict')) {
        // The intranet answered the probe: it is up, and the head's 500 is the head's own.
        await markStuck(host.store, host.notices, probingPast);
        probingPast = undefined;
      }
      if (result.outcome === 'retry' && failed) {
        const probe = !probingPast && mayBeStuck(failed) && !host.disposed() ? probeCandidate(queue, host.now()) : undefined;
        if (probe && (claimed = await claim(host.store, probe, host.now()))) {
          queue = queue.filter((r) => r.id !== probe.id);
          probingPast = failed;
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
    if (probingPast) {
      // Before the queue is listed again, so that the stuck head sorts after the rest.
      await markStuck(host.store, host.notices, probingPast);
      probingPast = undefined;
    }
    const relisted = queue.length === 0;
    if (relisted) queue = await relist();
    const step = await commitSent(host.ops, sending, result.idea, queue, { ignoreBackoff, claimNext: !host.disposed() }, memo);
    host.notices?.post(step.changed);
    if (step.paced) {
      host.setHint(passed.size === 0 ? step.paced.hint : undefined);
      return { sent, stoppedBy: 'backoff' };
    }
    if (relisted && queue.length === 0) return { sent };
    claimed = step.claimed;
    if (claimed) queue.shift();
    else if (step.declined) queue = [];
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
