/**
 * The engine plans its next run for every row that still has to go: a row left `sending` with
 * nothing queued behind it, and a head whose server asked for a very long wait.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { IdeasApi } from '../api/types';
import { MAX_TIMER_MS, systemClock } from '../domain/clock';
import { withdrawDraft } from '../domain/lifecycle';
import { StorageError } from '../storage/errors';
import type { DraftStore } from '../storage/types';
import { BACKOFF, retryDelay } from './backoff';
import { SyncEngine } from './sync-engine';
import { FakeClock } from './testing/fake-clock';
import { createRig, openTestStore, queueIdeas } from './testing/harness';
import { createMemoryLocks } from './testing/memory-locks';

describe('a row left `sending` with nothing else queued', () => {
  it('Web Locks: one failed `sent` commit of the only queued idea is retried by a later run', async () => {
    const rig = createRig({ rate: 0 });
    const base = await openTestStore(new IDBFactory());
    const [idea] = await queueIdeas(base, rig.clock, 1);
    let calls = 0;
    const store: DraftStore = Object.create(base);
    store.updateMany = (changes, options) =>
      ++calls === 1 ? Promise.reject(new StorageError('unknown', 'disk hiccup')) : base.updateMany(changes, options);
    const engine = rig.engine(store, { locks: createMemoryLocks(), onError: () => undefined });

    await expect(engine.start()).rejects.toBeInstanceOf(StorageError);
    // The ADR: the failed run is followed by another one after at most 30 s.
    for (let step = 0; step < 50; step++) {
      await engine.whenIdle().catch(() => undefined);
      if (!rig.clock.fireNext(rig.clock.now() + 60 * 60_000)) break;
    }
    await engine.whenIdle().catch(() => undefined);
    expect((await base.get(idea!.id))!.state).toBe('sent');
    engine.dispose();
  });

  it('fallback (no Web Locks): a row another tab left in `sending` moments ago is recovered once it is stale', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [idea] = await queueIdeas(store, rig.clock, 1);
    // Tab A claimed it and was closed mid-request, 1 s ago.
    await store.update(idea!.id, (r) => ({ ...r, state: 'sending', updatedAt: rig.clock.now() - 1000 }));
    const engine = rig.engine(store, { locks: null, lockName: `tab-b-${Math.random()}` });

    await engine.start(); // too fresh to recover now (another tab may still await its response)
    for (let step = 0; step < 50; step++) {
      await engine.whenIdle();
      if (!rig.clock.fireNext(rig.clock.now() + 60 * 60_000)) break;
    }
    await engine.whenIdle();
    expect((await store.get(idea!.id))!.state).toBe('sent'); 
    engine.dispose();
  });
});

describe('a long Retry-After', () => {
  it('a 503 with Retry-After of 30 days does not make the engine re-run in a tight loop', async () => {
    const base = await openTestStore(new IDBFactory());
    await queueIdeas(base, new FakeClock(Date.now()), 1);
    let reads = 0;
    const store: DraftStore = Object.create(base);
    store.listByState = (state) => {
      reads += 1;
      return base.listByState(state);
    };
    let puts = 0;
    const api = {
      me: async () => ({ id: 'u1', name: 'Test', roles: [] }),
      putIdea: async () => {
        puts += 1;
        // What the client makes of `503` + `Retry-After: 2592000`.
        throw new ApiError({ kind: 'http', method: 'PUT', url: 'x', status: 503, retryAfterMs: 30 * 24 * 3600_000 });
      },
    } as unknown as IdeasApi;
    const engine = new SyncEngine({ store, api, clock: systemClock, locks: null, refreshIntervalMs: 1e12, onError: () => undefined });

    expect(await engine.start()).toEqual({ sent: 0, stoppedBy: 'retry' });
    await engine.whenIdle();
    const before = reads;
    await new Promise((resolve) => setTimeout(resolve, 300));
    engine.dispose();
    expect(puts).toBe(1);
    // Nothing is due for 30 days: at most a re-plan or two may read the queue in 300 ms.
    expect(reads - before).toBeLessThan(5); // setTimeout runs a delay over 2^31 - 1 ms at once
  });
});

describe('retryDelay and the clock', () => {
  it('honours Retry-After up to a day, and the real clock never hands setTimeout more than it keeps', () => {
    const never = () => 0;
    expect(retryDelay(1, never, 3 * 3600_000)).toBe(3 * 3600_000);
    expect(retryDelay(1, never, 400 * 24 * 3600_000)).toBe(BACKOFF.retryAfterMaxMs);
    expect(BACKOFF.retryAfterMaxMs).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});

describe('systemClock', () => {
  it('waits (rather than firing at once) for a delay longer than setTimeout keeps', async () => {
    let fired = false;
    const cancel = systemClock.setTimeout(() => {
      fired = true;
    }, 40 * 24 * 3600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancel();
    expect(fired).toBe(false);
  });
});

describe('the waiting head taken back ("Ta tillbaka")', () => {
  it('lets the idea behind it go at once, though the head waited an hour: the next run is planned anew', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [head, next] = await queueIdeas(store, rig.clock, 2);
    const engine = rig.engine(store, { locks: createMemoryLocks() });
    const handle = rig.server.handle.bind(rig.server);
    let first = true;
    rig.server.handle = async (request: Request) => {
      if (!first || request.method !== 'PUT') return handle(request);
      first = false; // the head's PUT: 503 with an hour's wait
      return new Response('{}', { status: 503, headers: { 'Retry-After': '3600', 'Content-Type': 'application/problem+json' } });
    };
    await engine.start();
    await engine.whenIdle();
    expect((await store.get(head!.id))!.state).toBe('queued');
    // Taken back in a view (EditorModel.withdraw), which then re-reads the sync state (the status model does, on the notice).
    await store.update(head!.id, (r) => {
      const taken = withdrawDraft(r, rig.clock.now());
      return taken.ok ? taken.record : undefined;
    });
    expect((await store.get(head!.id))!.state).toBe('draft');
    await engine.refreshState();
    expect(rig.clock.nextAt()! - rig.clock.now()).toBeLessThan(60_000); // not the head's hour
    while (rig.clock.fireNext(rig.clock.now() + 60_000)) await engine.whenIdle();
    expect((await store.get(next!.id))!.state).toBe('sent');
    engine.dispose();
  });
});
