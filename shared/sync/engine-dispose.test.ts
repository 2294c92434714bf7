/**
 * An engine disposed while a request is under way (the extension replaces it when the intranet's address changes):
 * no request starts after, and nothing the old intranet answers afterwards lands in the store the new engine uses.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { IdeasApi } from '../api/types';
import { emptyContent, type Challenge, type Me, type RemoteIdea } from '../domain/idea';
import { openDraftStore } from '../storage';
import { markAccountMoved } from './account-check';
import { META } from './queue-ops';
import { SyncEngine } from './sync-engine';
import { FakeClock } from './testing/fake-clock';
import { createMemoryLocks } from './testing/memory-locks';

/** An intranet at `host` whose `/me` answers as `me` (or fails with `failure`), held until `answer()` when `held`. */
function intranet(host: string, me: Me, { held = false, challenges = [] as Challenge[], failure = undefined as unknown } = {}) {
  let answer = () => {};
  const puts: string[] = [];
  const api: IdeasApi = {
    baseUrl: `https://${host}/api/idesluss/v1`,
    me: () => (held ? new Promise<Me>((resolve, reject) => (answer = () => (failure ? reject(failure) : resolve(me)))) : Promise.resolve(me)),
    putIdea: async (id, content) => {
      puts.push(id);
      return { created: true, idea: { ...content, id, status: 'received', createdAt: '', updatedAt: '' } as RemoteIdea };
    },
    getIdea: () => Promise.reject(new Error('not in this test')),
    listMyIdeas: async () => [],
    listChallenges: () => (held ? new Promise<Challenge[]>((resolve) => (answer = () => resolve(challenges))) : Promise.resolve(challenges)),
  };
  return { api, puts, answer: () => answer() };
}

async function storeWithQueuedIdea(clock: FakeClock) {
  const store = await openDraftStore({ name: 'db', indexedDB: new IDBFactory() });
  const draft = await store.create({ ...emptyContent('sv'), title: 'Idé' }, clock.now());
  await store.update(draft.id, (r) => ({ ...r, state: 'queued', queuedAt: clock.now() }));
  return { store, id: draft.id };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const anna = (id: string): Me => ({ id, name: 'Anna Andersson', roles: [] });

describe('an engine disposed while a request is under way', () => {
  it('sends no PUT after the run’s account check answers: the idea waits for the new intranet', async () => {
    const clock = new FakeClock();
    const { store, id } = await storeWithQueuedIdea(clock);
    await store.setMeta(META.account, { id: 'anna', name: 'Anna Andersson' });
    const old = intranet('gamla.example', anna('anna'), { held: true });
    const engine = new SyncEngine({ store, api: old.api, clock, locks: createMemoryLocks() });
    const run = engine.runOnce();
    await tick(); // its GET /me is under way
    engine.dispose(); // the address changed
    old.answer();
    expect(await run).toMatchObject({ sent: 0, stoppedBy: 'disposed' });
    expect(old.puts).toEqual([]);
    expect((await store.get(id))!.state).toBe('queued');
  });

  it('stores nothing of the old intranet’s account: the new intranet finds the same person by name', async () => {
    const clock = new FakeClock();
    const locks = createMemoryLocks();
    const { store, id } = await storeWithQueuedIdea(clock);
    await store.setMeta(META.account, { id: 'old-anna', name: 'Anna Andersson' });
    const old = intranet('gamla.example', anna('old-anna'), { held: true });
    const oldEngine = new SyncEngine({ store, api: old.api, clock, locks, onError: () => undefined });
    const oldRun = oldEngine.runOnce().catch(() => undefined);
    await tick();
    oldEngine.dispose();
    await markAccountMoved({ store }); // the address change: the new intranet's ids are not the old one's
    old.answer();
    await oldRun;
    const fresh = intranet('nya.example', anna('new-anna'));
    const newEngine = new SyncEngine({ store, api: fresh.api, clock, locks, onError: () => undefined });
    expect(await newEngine.syncNow({ ignoreBackoff: true })).toMatchObject({ sent: 1 });
    expect(await store.getMeta(META.paused)).toBeFalsy();
    expect(fresh.puts).toEqual([id]);
    newEngine.dispose();
  });

  it('stores none of the old intranet’s challenges over the new one’s', async () => {
    const clock = new FakeClock();
    const locks = createMemoryLocks();
    const store = await openDraftStore({ name: 'db', indexedDB: new IDBFactory() });
    const old = intranet('gamla.example', anna('anna'), { held: true, challenges: [{ id: 'gammal', title: 'Gammal', summary: '', url: 'https://gamla.example/c' }] });
    const oldEngine = new SyncEngine({ store, api: old.api, clock, locks });
    await oldEngine.runOnce(); // nothing queued: a refresh of the challenges starts, and waits for its answer
    await tick();
    oldEngine.dispose();
    await store.putChallenges([], 0);
    const fresh = intranet('nya.example', anna('anna'), { challenges: [{ id: 'ny', title: 'Ny', summary: '', url: 'https://nya.example/c' }] });
    const newEngine = new SyncEngine({ store, api: fresh.api, clock, locks });
    await newEngine.syncNow({ ignoreBackoff: true });
    await newEngine.whenIdle();
    old.answer();
    await oldEngine.whenIdle();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['ny']);
    newEngine.dispose();
  });

  it.each([
    ['401 (signed out there)', 401],
    ['503 with an hour’s wait', 503],
  ] as const)('stores nothing of a failure the old intranet answers after: %s', async (_name, status) => {
    const clock = new FakeClock();
    const locks = createMemoryLocks();
    const { store, id } = await storeWithQueuedIdea(clock);
    await store.setMeta(META.account, { id: 'anna', name: 'Anna Andersson' });
    const failure = new ApiError({ kind: 'http', method: 'GET', url: 'https://gamla.example/api/idesluss/v1/me', status, ...(status === 401 ? { problem: { signInUrl: 'https://gamla.example/login' } } : { retryAfterMs: 3_600_000 }) });
    const old = intranet('gamla.example', anna('anna'), { held: true, failure });
    const engine = new SyncEngine({ store, api: old.api, clock, locks, onError: () => undefined });
    const run = engine.runOnce();
    await tick();
    engine.dispose();
    old.answer();
    expect(await run).toMatchObject({ sent: 0, stoppedBy: 'disposed' });
    expect(await store.getMeta(META.paused)).toBeFalsy();
    expect(await store.getMeta(META.signInUrl)).toBeFalsy();
    expect(await store.get(id)).toMatchObject({ state: 'queued', attempts: 0 });
    const fresh = intranet('nya.example', anna('anna'));
    const newEngine = new SyncEngine({ store, api: fresh.api, clock, locks, onError: () => undefined });
    expect(await newEngine.runOnce()).toMatchObject({ sent: 1 });
    newEngine.dispose();
  });
});

describe('an engine that was never asked to run (the popup’s: status and "send now" only)', () => {
  it('sends nothing on its own as change notices make it re-read the state', async () => {
    const clock = new FakeClock();
    const { store } = await storeWithQueuedIdea(clock); // never tried: reads as due now, at every read
    const quiet = intranet('intranat.example', anna('anna'));
    const engine = new SyncEngine({ store, api: quiet.api, clock, locks: createMemoryLocks() });
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await engine.refreshState();
    }
    await engine.whenIdle();
    while (clock.fireNext(clock.now() + 60 * 60_000)) await engine.whenIdle();
    expect(quiet.puts).toEqual([]);
    engine.dispose();
  });
});

