/**
 * The drain's batched claims (./drain.ts, ./queue-ops.ts `commitSent`, docs/adr/004-sync-backoff.md):
 * each idea is claimed durably before its request, in batches that grow 1, 2, 4 … while requests
 * succeed, in the transaction that writes the previous batch `sent`; a withdraw that wins the race, a
 * head that is not due, a failed request or commit mid-batch, a killed worker and a dispose mid-run
 * all leave the queue as safe as one transaction per transition did.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdeasApi } from '../api/client';
import type { DraftRecord } from '../domain/draft';
import { withdrawDraft } from '../domain/lifecycle';
import { createChangeNotices, type ChangeNotice } from '../storage/change-notices';
import { StorageError } from '../storage/errors';
import type { DraftStore } from '../storage/types';
import { BACKOFF } from './backoff';
import { MAX_BATCH } from './drain';
import { commitSent } from './queue-ops';
import { META, type SyncEngine } from './sync-engine';
import { createRig, openTestStore, queueIdeas, type Rig } from './testing/harness';
import { createMemoryLocks } from './testing/memory-locks';

/** The store with every draft write logged, and `updateMany` interceptable (a failing disk, a killed worker). */
function watched(inner: DraftStore, updateMany?: (call: number, run: () => Promise<(DraftRecord | undefined)[]>) => Promise<(DraftRecord | undefined)[]>) {
  const writes: string[] = [];
  let calls = 0;
  const store: DraftStore = Object.create(inner);
  store.update = (id, change, options) => {
    writes.push(`update ${id}`);
    return inner.update(id, change, options);
  };
  store.updateMany = (changes, options) => {
    writes.push(`updateMany ${changes.map((c) => c.id).join(' ')}`);
    const run = () => inner.updateMany(changes, options);
    return updateMany ? updateMany(++calls, run) : run();
  };
  return { store, writes };
}

/** The rig's server behind an API whose every PUT first calls `beforePut` (the request has left). */
function hookedApi(rig: Rig, beforePut: (id: string) => Promise<void> | void) {
  const puts: string[] = [];
  const api = createIdeasApi({
    baseUrl: 'https://intra.example/api/idesluss/v1',
    clientName: 'idesluss-test/0.1.0',
    now: () => rig.clock.now(),
    fetch: async (url, init) => {
      if (init?.method === 'PUT') {
        const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
        puts.push(id);
        await beforePut(id);
      }
      return rig.server.handle(new Request(url, init));
    },
  });
  return { api, puts };
}

async function states(store: DraftStore, drafts: DraftRecord[]): Promise<string[]> {
  return Promise.all(drafts.map(async (d) => (await store.get(d.id))!.state));
}

async function settle(engine: SyncEngine): Promise<void> {
  await engine.whenIdle();
  engine.dispose();
}

describe('drain: one write transaction per idea', () => {
  it('claims each idea before its request, in batches that grow 1, 2, 4 with the transaction that writes the last batch sent', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 4);
    const { store, writes } = watched(base);
    const seen: string[][] = [];
    const { api } = hookedApi(rig, async () => void seen.push(await states(base, drafts)));
    const engine = rig.engine(store, { api, locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 4 });
    await settle(engine);
    // During each request its idea is claimed; ideas claimed with it in a batch wait `sending`.
    expect(seen).toEqual([
      ['sending', 'queued', 'queued', 'queued'],
      ['sent', 'sending', 'sending', 'queued'],
      ['sent', 'sending', 'sending', 'queued'],
      ['sent', 'sent', 'sent', 'sending'],
    ]);
    const [a, b, c, d] = drafts.map((x) => x.id);
    expect(writes).toEqual([`update ${a}`, `updateMany ${a} ${b} ${c}`, `updateMany ${b} ${c} ${d}`, `updateMany ${d}`]);
    expect([...rig.server.created.values()]).toEqual([1, 1, 1, 1]);
  });

  it('without Web Locks claims one idea at a time (another tab would take an old claim for an orphan)', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 3);
    const { store, writes } = watched(base);
    const engine = rig.engine(store, { locks: null });
    expect(await engine.start()).toEqual({ sent: 3 });
    await settle(engine);
    const [a, b, c] = drafts.map((x) => x.id);
    expect(writes).toEqual([`update ${a}`, `updateMany ${a} ${b}`, `updateMany ${b} ${c}`, `updateMany ${c}`]);
  });

  it('grows batches to at most MAX_BATCH, and only as large as about a second of requests', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    await queueIdeas(base, rig.clock, 100);
    const { store, writes } = watched(base);
    const engine = rig.engine(store, { locks: createMemoryLocks() });
    expect(await engine.start()).toEqual({ sent: 100 });
    await settle(engine);
    const claimed = writes.filter((w) => w.startsWith('updateMany')).map((w) => w.split(' ').length - 1);
    // sent + claimed ids per transaction: 1+2, 2+4, 4+8, 8+16, 16+32, 32+32, … (the last batch only sent)
    expect(claimed.slice(0, 6)).toEqual([3, 6, 12, 24, 48, 2 * MAX_BATCH]);
    expect(Math.max(...claimed)).toBe(2 * MAX_BATCH);

    // A slow intranet (300 ms a request): about a second's worth, three ideas, not sixteen.
    const slow = createRig({ rate: 0 });
    const slowBase = await openTestStore(new IDBFactory());
    await queueIdeas(slowBase, slow.clock, 12);
    const watchedSlow = watched(slowBase);
    const { api } = hookedApi(slow, () => slow.clock.advance(300));
    const slowEngine = slow.engine(watchedSlow.store, { api, locks: createMemoryLocks() });
    expect(await slowEngine.start()).toEqual({ sent: 12 });
    await settle(slowEngine);
    const slowClaims = watchedSlow.writes.filter((w) => w.startsWith('updateMany')).map((w) => w.split(' ').length - 1);
    expect(Math.max(...slowClaims)).toBe(6); // 3 sent + 3 claimed
  });

  it('does not send an idea withdrawn while it waited for its batch, and goes on with the rest', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 5);
    const withdrawn = drafts[3]!; // after the batch [1, 2] that is in flight: not claimed yet
    const claimedAlready = drafts[2]!; // in that batch: claimed, so it cannot be taken back any more
    const refused: string[] = [];
    const { api, puts } = hookedApi(rig, async (id) => {
      if (id !== drafts[1]!.id) return;
      for (const target of [withdrawn, claimedAlready]) {
        const record = await store.update(target.id, (r) => {
          const result = withdrawDraft(r, rig.clock.now());
          return result.ok ? result.record : undefined;
        });
        if (record?.state !== 'draft') refused.push(target.id);
      }
    });
    const engine = rig.engine(store, { api, locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 4 });
    await settle(engine);
    expect(refused).toEqual([claimedAlready.id]);
    expect(puts).toEqual([drafts[0]!.id, drafts[1]!.id, drafts[2]!.id, drafts[4]!.id]);
    expect(await states(store, drafts)).toEqual(['sent', 'sent', 'sent', 'draft', 'sent']);
  });

  it('a request that fails mid-batch: the ideas before it are written sent, the ones after go back to queued with no attempt counted', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 8); // batches [0], [1, 2], [3, 4, 5, 6], [7]
    const failing = drafts[4]!.id;
    const { api, puts } = hookedApi(rig, (id) => {
      if (id === failing) throw new TypeError('connection reset');
    });
    const engine = rig.engine(store, { api, locks: createMemoryLocks() });

    expect(await engine.start()).toMatchObject({ sent: 4, stoppedBy: 'retry' });
    await engine.whenIdle();
    expect(puts).toEqual(drafts.slice(0, 5).map((d) => d.id));
    const after = await Promise.all(drafts.map((d) => store.get(d.id)));
    expect(after.map((r) => r!.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'queued', 'queued', 'queued', 'queued']);
    expect(after.map((r) => r!.attempts)).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    expect(after.slice(5).every((r) => r!.nextAttemptAt === undefined)).toBe(true); // never tried: due, behind the head
    expect(rig.faults.resentAfterAccepted).toEqual([]);
    engine.dispose();
  });

  it('gives back and claims again a batched idea that waited behind a slow request for half the timeout', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 6); // batches [0], [1, 2], [3, 4, 5]
    const { store, writes } = watched(base);
    const { api, puts } = hookedApi(rig, (id) => {
      if (id === drafts[3]!.id) rig.clock.advance(40_000); // the intranet stalls on one request
    });
    const engine = rig.engine(store, { api, locks: createMemoryLocks(), requestTimeoutMs: 60_000 });

    expect(await engine.start()).toEqual({ sent: 6 });
    await settle(engine);
    const [, , , d, e, f] = drafts.map((x) => x.id);
    // 3 is written sent and 4, 5 given back in one transaction; 4 is claimed afresh before it goes.
    expect(writes).toContain(`updateMany ${d} ${e} ${f}`);
    expect(writes[writes.indexOf(`updateMany ${d} ${e} ${f}`) + 1]).toBe(`update ${e}`);
    expect(puts).toEqual(drafts.map((x) => x.id));
    expect([...rig.server.created.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('never batches an idea whose success would open a pacing window behind the head', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 4);
    await base.update(drafts[2]!.id, (r) => ({ ...r, attempts: 3 })); // its success ends an outage streak
    const { store, writes } = watched(base);
    const engine = rig.engine(store, { locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 3, stoppedBy: 'backoff' });
    await engine.whenIdle();
    const [a, b, c, d] = drafts.map((x) => x.id);
    // After `a`, the batch is [b, c]; `d` is not in it, since `c`'s success opens a pacing window that paces `d`.
    expect(writes).toEqual([`update ${a}`, `updateMany ${a} ${b} ${c}`, `updateMany ${b} ${c} ${d}`]);
    expect((await base.get(d!))!.state).toBe('queued');
    expect((await base.get(d!))!.nextAttemptAt).toBeGreaterThan(rig.clock.now());
    engine.dispose();
  });

  it('decides a batch on the stored records, not on a stale snapshot of the queue', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [x, y] = await queueIdeas(store, rig.clock, 2);
    // The snapshot (a hint from an earlier run) has `x` at 0 attempts; another context has since
    // failed it three times: its success now opens a pacing window, so `y` may not ride behind it.
    await store.update(x!.id, (r) => ({ ...r, attempts: 3 }));
    const deps = { store, now: () => rig.clock.now(), random: () => 0.5 };
    const step = await commitSent(deps, [], [x!, y!], { ignoreBackoff: false, claimUpTo: 4 }, {});
    expect(step.claimed.map((r) => r.id)).toEqual([x!.id]);
    expect(step.declined).toBe(true);
    expect((await store.get(y!.id))!.state).toBe('queued');
  });

  it('does not claim a next head that is not due; the run stops for its backoff', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 2);
    await base.update(drafts[1]!.id, (r) => ({ ...r, nextAttemptAt: rig.clock.now() + 60_000 }));
    const { store, writes } = watched(base);
    const engine = rig.engine(store, { locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 1, stoppedBy: 'backoff' });
    await settle(engine);
    expect(await states(base, drafts)).toEqual(['sent', 'queued']);
    expect(writes).toEqual([`update ${drafts[0]!.id}`, `updateMany ${drafts[0]!.id}`]);
  });

  it('after an outage, paces the next head in the same transaction instead of claiming it', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 2);
    await base.update(drafts[0]!.id, (r) => ({ ...r, attempts: 3 })); // its success ends an outage streak
    const { store, writes } = watched(base);
    const engine = rig.engine(store, { locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 1, stoppedBy: 'backoff' });
    await engine.whenIdle();
    const next = (await base.get(drafts[1]!.id))!;
    expect(next.state).toBe('queued');
    expect(next.nextAttemptAt).toBeGreaterThan(rig.clock.now());
    expect(await base.getMeta(META.pacingUntil)).toBe(rig.clock.now() + BACKOFF.paceWindowMs);
    expect(writes).toEqual([`update ${drafts[0]!.id}`, `updateMany ${drafts[0]!.id} ${drafts[1]!.id}`]);
    expect(engine.getState().nextAttemptAt).toBe(next.nextAttemptAt);
    engine.dispose();
  });

  it('if the combined transaction fails, nothing of it is written: the batch stays sending, the next head is neither claimed nor sent', async () => {
    const rig = createRig({ rate: 0 });
    const factory = new IDBFactory();
    const base = await openTestStore(factory);
    const drafts = await queueIdeas(base, rig.clock, 4);
    const quota = new StorageError('quota', 'IndexedDB write: quota');
    const { store } = watched(base, (call, run) => (call === 2 ? Promise.reject(quota) : run()));
    const { api, puts } = hookedApi(rig, () => undefined);
    const engine = rig.engine(store, { api, locks: createMemoryLocks(), onError: () => undefined });

    await expect(engine.start()).rejects.toBe(quota);
    await settle(engine);
    // Ideas 1 and 2 went (one batch); writing them sent with the claim of 3 failed.
    expect(await states(base, drafts)).toEqual(['sent', 'sending', 'sending', 'queued']);
    expect(puts).toEqual(drafts.slice(0, 3).map((d) => d.id));

    // The next run (a restarted worker) recovers the rows left in `sending`; their resends are idempotent.
    const again = rig.engine(await openTestStore(factory, base.name), { api, locks: createMemoryLocks() });
    expect(await again.start()).toEqual({ sent: 3 });
    await settle(again);
    expect(await states(base, drafts)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rig.server.ideas.size).toBe(4);
    expect([...rig.server.created.values()]).toEqual([1, 1, 1, 1]); // each arrived once; the resends were answered 200
  });

  it('a worker killed right after the combined commit loses nothing and sends nothing twice', async () => {
    const rig = createRig({ rate: 0 });
    const factory = new IDBFactory();
    const base = await openTestStore(factory);
    const drafts = await queueIdeas(base, rig.clock, 3);
    const killed = new Error('worker killed');
    const { store } = watched(base, async (call, run) => {
      const result = await run();
      if (call === 1) throw killed; // committed: idea 0 sent, ideas 1 and 2 claimed, their requests never left
      return result;
    });
    const { api, puts } = hookedApi(rig, () => undefined);
    const engine = rig.engine(store, { api, locks: createMemoryLocks(), onError: () => undefined });

    await expect(engine.start()).rejects.toBe(killed);
    await settle(engine);
    expect(await states(base, drafts)).toEqual(['sent', 'sending', 'sending']);

    const again = rig.engine(await openTestStore(factory, base.name), { api, locks: createMemoryLocks() });
    expect(await again.start()).toEqual({ sent: 2 });
    await settle(again);
    expect(await states(base, drafts)).toEqual(['sent', 'sent', 'sent']);
    expect(puts).toEqual(drafts.map((d) => d.id)); // each request once
    expect([...rig.server.created.values()]).toEqual([1, 1, 1]);
  });

  it('dispose during a request: that idea is written sent, the next one is not claimed', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 3);
    const { api } = hookedApi(rig, (id) => {
      if (id === drafts[1]!.id) engine.dispose();
    });
    const engine: SyncEngine = rig.engine(store, { api, locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 2, stoppedBy: 'disposed' });
    expect(await states(store, drafts)).toEqual(['sent', 'sent', 'queued']);
  });

  it('dispose while the commit that claims the next idea is running: that idea is not sent, and goes back to queued', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 3);
    // The engine is disposed (e.g. the intranet address changed) while the first commit is in flight.
    const { store } = watched(base, async (call, run) => {
      if (call === 1) engine.dispose();
      return run();
    });
    const { api, puts } = hookedApi(rig, () => undefined);
    const engine: SyncEngine = rig.engine(store, { api, locks: createMemoryLocks() });

    expect(await engine.start()).toEqual({ sent: 1, stoppedBy: 'disposed' });
    expect(puts).toEqual([drafts[0]!.id]);
    expect(await states(base, drafts)).toEqual(['sent', 'queued', 'queued']);
  });

  it('a store that refuses every commit: runs are spaced out like failed requests, not repeated at once', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    await queueIdeas(base, rig.clock, 2);
    const quota = new StorageError('quota', 'full');
    const { store } = watched(base, () => Promise.reject(quota));
    const { api, puts } = hookedApi(rig, () => undefined);
    // Under Web Locks every `sending` row found inside the lock is recovered at once: without the
    // spacing, each run would resend the same idea.
    const engine = rig.engine(store, { api, locks: createMemoryLocks(), onError: () => undefined });

    await expect(engine.start()).rejects.toBe(quota);
    // Ten seconds: at most the blip retries (0–2 s, 0–4 s), then the outage spread (up to 15 min).
    const until = rig.clock.now() + 10_000;
    for (let step = 0; step < 200; step++) {
      await engine.whenIdle().catch(() => undefined); // each run rejects with the quota error
      if (!rig.clock.fireNext(until)) break;
    }
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.length).toBeLessThanOrEqual(4);
    engine.dispose();
  });

  it('posts a change notice for every id each transaction changed', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 3);
    const notices = createChangeNotices(`drain-test-${Math.random()}`, () => undefined);
    const heard: ChangeNotice[] = [];
    notices.subscribe((n) => heard.push(n));
    const engine = rig.engine(store, { notices, locks: createMemoryLocks() });

    await engine.start();
    await settle(engine);
    const [a, b, c] = drafts.map((d) => d.id);
    expect(heard).toEqual([
      { kind: 'drafts', ids: [a, b, c] },
      { kind: 'drafts', ids: [b, c] },
    ]);
    notices.close();
  });
});
