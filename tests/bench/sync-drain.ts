/**
 * Draining the queue: 1,000 queued ideas until the reference intranet has accepted all of them,
 * against a plain loop sending the same 1,000 PUTs with `fetch` from the same context.
 *
 * The sync engine runs in the extension's background worker (shared/sync, oldest first, one request
 * at a time), so the raw loop runs there too, sequentially, with the same headers, cookies and
 * bodies (`PUT /ideas/{id}`, a fresh id per idea, reading each response body). Per repetition:
 *
 * - engine: the bench page seeds 1,000 `queued` drafts in one IndexedDB transaction, then sends the
 *   popup's after-submit message (../page/bench-page.ts); the worker replies after its sync run. The time from sending the
 *   message to the reply is `sync_drain_1000_ms`; the intranet's `ideas` table must then hold 1,000
 *   more rows. The worker's periodic alarm is cleared first so no run starts before the trigger.
 * - raw: `worker.evaluate` of a loop of 1,000 `fetch` PUTs, timed inside the worker.
 *
 * Repetitions alternate which goes first.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import type { TestIntranet } from '../support/intranet';
import { benchContent } from './page/content';
import { median, progress, ratio, round, summary } from './stats';
import type { BenchExtension } from './world';

/** Rows in the intranet's `ideas` table (read-only connection to its SQLite file). */
function ideaCounter(intranet: TestIntranet): { count(): number; close(): void } {
  const db = new Database(join(intranet.dataDir, 'idesluss.db'), { readonly: true, fileMustExist: true });
  const statement = db.prepare('SELECT count(*) AS n FROM ideas');
  return { count: () => (statement.get() as { n: number }).n, close: () => db.close() };
}

/** The engine's drain of `count` seeded ideas; returns ms from trigger to the worker's reply. */
async function engineDrain(ext: BenchExtension, ideas: ReturnType<typeof ideaCounter>, count: number, rep: number): Promise<{ ms: number; message: string }> {
  await ext.bench('reset');
  await ext.bench('pauseSyncAlarm');
  await ext.bench('seed', count, 'queued', `Kö ${rep}`);
  const before = ideas.count();
  const { ms, message, reply } = await ext.bench('syncViaWorker');
  const sent = ideas.count() - before;
  const left = await ext.bench('count', 'queued');
  if (sent !== count || left !== 0) throw new Error(`engine drain: ${sent} of ${count} ideas reached the intranet, ${left} still queued (reply ${JSON.stringify(reply)})`);
  return { ms, message };
}

/** The raw loop in the worker: `count` sequential PUTs; returns ms measured in the worker. */
async function rawPuts(worker: Worker, apiBase: string, clientName: string, ideas: ReturnType<typeof ideaCounter>, count: number, rep: number): Promise<number> {
  const bodies = Array.from({ length: count }, (_, n) => JSON.stringify(benchContent(`Rå ${rep}`, n)));
  const before = ideas.count();
  const result = await worker.evaluate(async ({ apiBase: base, clientName: client, bodies: all }) => {
    let failures = 0;
    const t0 = performance.now();
    for (const body of all) {
      const response = await fetch(`${base}/ideas/${crypto.randomUUID()}`, {
        method: 'PUT',
        headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json', 'X-Idesluss-Client': client },
        credentials: 'include',
        body,
      });
      await response.text();
      if (response.status !== 201) failures += 1;
    }
    return { ms: performance.now() - t0, failures };
  }, { apiBase, clientName, bodies });
  const sent = ideas.count() - before;
  if (result.failures > 0 || sent !== count) throw new Error(`raw loop: ${result.failures} failed PUTs, ${sent} of ${count} ideas on the intranet`);
  return result.ms;
}

export interface DrainFigures {
  sync_drain_1000_ms: number;
  raw_put_1000_ms: number;
  sync_drain_ratio: number;
  /** The message that triggered the drain (`submitted`, or `sync-now` in older builds). */
  sync_drain_trigger: string;
  samples: Record<string, ReturnType<typeof summary>>;
}

/** sync_drain_1000_ms vs raw_put_1000_ms over `reps` repetitions, alternating the order. */
export async function benchSyncDrain(ext: BenchExtension, intranet: TestIntranet, reps: number, count = 1000): Promise<DrainFigures> {
  const worker = await ext.worker();
  const clientName = await worker.evaluate(() => `idesluss-extension/${chrome.runtime.getManifest().version}`);
  const ideas = ideaCounter(intranet);
  const engine: number[] = [];
  const raw: number[] = [];
  let trigger = '';
  const drain = async (i: number) => {
    const run = await engineDrain(ext, ideas, count, i);
    trigger = run.message;
    engine.push(run.ms);
  };
  try {
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) {
        await drain(i);
        raw.push(await rawPuts(worker, intranet.apiBase, clientName, ideas, count, i));
      } else {
        raw.push(await rawPuts(worker, intranet.apiBase, clientName, ideas, count, i));
        await drain(i);
      }
      progress(`drain ${i + 1}/${reps}: engine ${round(engine.at(-1)!)} ms, raw ${round(raw.at(-1)!)} ms`);
    }
  } finally {
    ideas.close();
    await ext.bench('reset');
  }
  return {
    sync_drain_1000_ms: round(median(engine)),
    raw_put_1000_ms: round(median(raw)),
    sync_drain_ratio: ratio(median(engine), median(raw)),
    sync_drain_trigger: trigger,
    samples: { sync_drain_1000_ms: summary(engine), raw_put_1000_ms: summary(raw) },
  };
}
