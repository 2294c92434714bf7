import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createIdeasApi } from '../api/client';
import { createRig, openTestStore } from './testing/harness';
import { createMemoryLocks } from './testing/memory-locks';
import { refreshIfDue, refreshKey, type RefreshDeps } from './refresh';

const PAGE_LOAD_MS = 5 * 60_000;
const TIMEOUT_MS = 60_000;

/** A store, an API on the test intranet with `listChallenges` counted, and refresh deps over them. */
async function setup() {
  const rig = createRig({ rate: 0 });
  const store = await openTestStore(new IDBFactory());
  const api = createIdeasApi({ baseUrl: 'https://intra.example/api/idesluss/v1', clientName: 'idesluss-test/0.1.0', fetch: rig.faults.fetch, now: () => rig.clock.now() });
  const asked = vi.spyOn(api, 'listChallenges');
  const deps = (extra: Partial<RefreshDeps> = {}): RefreshDeps => ({
    store,
    api,
    now: () => rig.clock.now(),
    intervalMs: PAGE_LOAD_MS,
    timeoutMs: TIMEOUT_MS,
    withTimeout: (request) => request(new AbortController().signal),
    ...extra,
  });
  /** A first view whose request never gets its answer: the page is closed while it waits. */
  const cutShort = (extra: Partial<RefreshDeps> = {}) => {
    asked.mockImplementationOnce(() => new Promise(() => undefined));
    void refreshIfDue(deps(extra));
  };
  const challengeIds = async () => (await store.getChallenges())?.challenges.map((c) => c.id);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { rig, store, api, asked, deps, cutShort, challengeIds, settle };
}

describe('refreshIfDue: an attempt that never got its answer', () => {
  it('is made again at once by the next view under Web Locks (the closed page released the lock)', async () => {
    const { rig, asked, deps, cutShort, challengeIds, settle } = await setup();
    cutShort({ tryLock: createMemoryLocks().tryRequest }); // the closed page's lock manager
    await settle();
    expect(asked).toHaveBeenCalledTimes(1);
    rig.clock.advance(2_000);
    const locks = createMemoryLocks(); // the next page: nothing holds the lock any more
    await refreshIfDue(deps({ tryLock: locks.tryRequest }));
    expect(asked).toHaveBeenCalledTimes(2);
    expect(await challengeIds()).toEqual(['c1']);
  });

  it('without Web Locks (plain http), counts until its request would have timed out', async () => {
    const { rig, asked, deps, cutShort, challengeIds, settle } = await setup();
    cutShort();
    await settle();
    rig.clock.advance(TIMEOUT_MS - 1_000);
    await refreshIfDue(deps()); // it may still be waiting for its answer in another tab
    expect(asked).toHaveBeenCalledTimes(1);
    rig.clock.advance(2_000);
    await refreshIfDue(deps());
    expect(asked).toHaveBeenCalledTimes(2);
    expect(await challengeIds()).toEqual(['c1']);
  });
});

describe('refreshIfDue: one refresh at a time', () => {
  it('a view that opens while another context refreshes the same address does not ask too', async () => {
    const { asked, deps, settle } = await setup();
    const locks = createMemoryLocks();
    const tryLock = locks.tryRequest;
    let answer: (value: []) => void = () => undefined;
    asked.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const first = refreshIfDue(deps({ tryLock }));
    await settle();
    expect(await refreshIfDue(deps({ tryLock }))).toEqual([]);
    expect(asked).toHaveBeenCalledTimes(1);
    answer([]);
    await first;
    expect(locks.held.size).toBe(0);
  });

  it('an answered attempt keeps its interval, under the lock too', async () => {
    const { rig, asked, deps } = await setup();
    const locks = createMemoryLocks();
    const tryLock = locks.tryRequest;
    await refreshIfDue(deps({ tryLock }));
    rig.clock.advance(PAGE_LOAD_MS - 1_000);
    await refreshIfDue(deps({ tryLock }));
    expect(asked).toHaveBeenCalledTimes(1);
    rig.clock.advance(2_000);
    await refreshIfDue(deps({ tryLock }));
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('reads a stamp stored as a bare time (before the answered flag) as an answered attempt', async () => {
    const { rig, store, api, asked, deps } = await setup();
    await store.setMeta(refreshKey(api), rig.clock.now());
    rig.clock.advance(1_000);
    const locks = createMemoryLocks();
    await refreshIfDue(deps({ tryLock: locks.tryRequest }));
    expect(asked).not.toHaveBeenCalled();
  });
});

describe('refreshIfDue: the device clock set back', () => {
  it('a refresh stamped while the clock ran ahead does not hold the next one back', async () => {
    const { rig, store, asked, deps } = await setup();
    await refreshIfDue(deps({ now: () => rig.clock.now() + 2 * 60 * 60_000 })); // a PC's clock two hours ahead at start-up
    expect(asked).toHaveBeenCalledTimes(1);
    expect(await store.getMeta(refreshKey(deps().api))).toMatchObject({ answered: true });
    rig.clock.advance(PAGE_LOAD_MS + 1_000); // the clock is right again; a page loads past the interval
    await refreshIfDue(deps());
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
