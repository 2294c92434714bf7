/**
 * The drain's one transaction per idea (./drain.ts, ./queue-ops.ts `commitSent`): each idea is
 * claimed durably before its request, in the transaction that writes the previous one `sent`; a
 * withdraw that wins the race, a head that is not due, a failed or interrupted commit and a
 * dispose mid-run all leave the queue as safe as one transaction per transition did.
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
  it('claims each idea before its request, in the transaction that writes the previous one sent', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 4);
    const { store, writes } = watched(base);
    const seen: string[][] = [];
    const { api } = hookedApi(rig, async () => void seen.push(await states(base, drafts)));
    const engine = rig.engine(store, { api });

    expect(await engine.start()).toEqual({ sent: 4 });
    await settle(engine);
    // During request k: idea k is claimed, the ones before it are sent, the ones after it not yet claimed.
    expect(seen).toEqual([
      ['sending', 'queued', 'queued', 'queued'],
      ['sent', 'sending', 'queued', 'queued'],
      ['sent', 'sent', 'sending', 'queued'],
      ['sent', 'sent', 'sent', 'sending'],
    ]);
    const [a, b, c, d] = drafts.map((x) => x.id);
    expect(writes).toEqual([`update ${a}`, `updateMany ${a} ${b}`, `updateMany ${b} ${c}`, `updateMany ${c} ${d}`, `updateMany ${d}`]);
    expect([...rig.server.created.values()]).toEqual([1, 1, 1, 1]);
  });

  it('does not send an idea withdrawn while the one before it was in flight, and goes on with the rest', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 4);
    const withdrawn = drafts[2]!;
    const { api, puts } = hookedApi(rig, async (id) => {
      if (id !== drafts[1]!.id) return;
      await store.update(withdrawn.id, (r) => {
        const result = withdrawDraft(r, rig.clock.now());
        return result.ok ? result.record : undefined;
      });
    });
    const engine = rig.engine(store, { api });

    expect(await engine.start()).toEqual({ sent: 3 });
    await settle(engine);
    expect(puts).toEqual([drafts[0]!.id, drafts[1]!.id, drafts[3]!.id]);
    expect(await states(store, drafts)).toEqual(['sent', 'sent', 'draft', 'sent']);
  });

  it('does not claim a next head that is not due; the run stops for its backoff', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(base, rig.clock, 2);
    await base.update(drafts[1]!.id, (r) => ({ ...r, nextAttemptAt: rig.clock.now() + 60_000 }));
    const { store, writes } = watched(base);
    const engine = rig.engine(store);

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
    const engine = rig.engine(store);

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

  it('if the combined transaction fails, nothing of it is written: the next head is neither claimed nor sent', async () => {
    const rig = createRig({ rate: 0 });
    const factory = new IDBFactory();
    const base = await openTestStore(factory);
    const drafts = await queueIdeas(base, rig.clock, 4);
    const quota = new StorageError('quota', 'IndexedDB write: quota');
    const { store } = watched(base, (call, run) => (call === 3 ? Promise.reject(quota) : run()));
    const { api, puts } = hookedApi(rig, () => undefined);
    const engine = rig.engine(store, { api, onError: () => undefined });

    await expect(engine.start()).rejects.toBe(quota);
    await settle(engine);
    expect(await states(base, drafts)).toEqual(['sent', 'sent', 'sending', 'queued']);
    expect(puts).toEqual(drafts.slice(0, 3).map((d) => d.id));

    // The next run (a restarted worker) recovers the row left in `sending`; its resend is idempotent.
    const again = rig.engine(await openTestStore(factory, base.name), { api, locks: createMemoryLocks() });
    expect(await again.start()).toEqual({ sent: 2 });
    await settle(again);
    expect(await states(base, drafts)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rig.server.ideas.size).toBe(4);
    expect([...rig.server.created.values()]).toEqual([1, 1, 1, 1]); // each arrived; the resend was answered 200
  });

  it('a worker killed right after the combined commit loses nothing and sends nothing twice', async () => {
    const rig = createRig({ rate: 0 });
    const factory = new IDBFactory();
    const base = await openTestStore(factory);
    const drafts = await queueIdeas(base, rig.clock, 3);
    const killed = new Error('worker killed');
    const { store } = watched(base, async (call, run) => {
      const result = await run();
      if (call === 1) throw killed; // committed: idea 0 sent, idea 1 claimed, its request never left
      return result;
    });
    const { api, puts } = hookedApi(rig, () => undefined);
    const engine = rig.engine(store, { api, onError: () => undefined });

    await expect(engine.start()).rejects.toBe(killed);
    await settle(engine);
    expect(await states(base, drafts)).toEqual(['sent', 'sending', 'queued']);

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
    const engine: SyncEngine = rig.engine(store, { api });

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
    const engine: SyncEngine = rig.engine(store, { api });

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
    const engine = rig.engine(store, { notices });

    await engine.start();
    await settle(engine);
    const [a, b, c] = drafts.map((d) => d.id);
    expect(heard).toEqual([
      { kind: 'drafts', ids: [a, b] },
      { kind: 'drafts', ids: [b, c] },
      { kind: 'drafts', ids: [c] },
    ]);
    notices.close();
  });
});
