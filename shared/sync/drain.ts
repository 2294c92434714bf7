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
import { isDue, mayBeStuck, recoverSending, sendOrder, toStuck } from './transitions';

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
  // A head the intranet keeps failing with a 500 while the next idea is sent as a probe: if the
  // probe goes through, that head is stuck and stops holding the queue (ADR 004, "stuck head").
  let probingPast: string | undefined;
  for (;;) {
    if (!claimed) {
      if (host.disposed()) return { sent, stoppedBy: 'disposed' };
      if (queue.length === 0) queue = await listQueue(host.store);
      const head = queue.shift();
      if (!head) return { sent };
      if (!isDue(head, host.now())) return { sent, stoppedBy: 'backoff' };
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
      const probe = result.outcome === 'retry' && !probingPast && result.record && mayBeStuck(result.record) ? queue[0] : undefined;
      if (probe && !probe.stuck && !host.disposed()) {
        claimed = await claim(host.store, probe, host.now()); // not due (or taken meanwhile): no probe
        if (claimed) {
          queue.shift();
          probingPast = sending.id;
          continue;
        }
      }
      // After a failed probe, or for a stuck idea, the record just tried is not the head: re-read the queue next time.
      if (result.outcome === 'retry' && result.record) host.setHint(probingPast || result.record.stuck ? undefined : [result.record, ...queue]);
      if (result.outcome === 'retry' || result.outcome === 'auth') return stopped(host, sent, result.outcome);
      continue;
    }
    sent += 1;
    if (probingPast) {
      // Before the queue is listed again, so that the stuck head sorts after the rest.
      await transition(host.store, probingPast, toStuck);
      host.notices?.post([probingPast]);
      probingPast = undefined;
    }
    const relisted = queue.length === 0;
    if (relisted) queue = await listQueue(host.store);
    const step = await commitSent(host.ops, sending, result.idea, queue, { ignoreBackoff, claimNext: !host.disposed() }, memo);
    host.notices?.post(step.changed);
    if (step.paced) {
      host.setHint(step.paced.hint);
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

async function stopped(host: DrainHost, sent: number, outcome: 'retry' | 'auth'): Promise<RunResult> {
  if (outcome === 'auth') {
    await host.store.setMeta(META.paused, 'auth');
    host.notices?.post([META.paused], 'meta');
  }
  return { sent, stoppedBy: outcome };
}
