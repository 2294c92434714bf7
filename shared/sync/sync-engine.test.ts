import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createIdeasApi } from '../api/client';
import { contentKey } from '../domain/validation';
import { emptyContent } from '../domain/idea';
import { createRig, drive, openTestStore, queueIdeas } from './testing/harness';
import { createMemoryLocks } from './testing/memory-locks';
import { refreshIfDue } from './refresh';
import { META, type SyncEngineDeps } from './sync-engine';

const DAY = 24 * 60 * 60_000;

describe('SyncEngine acceptance', () => {
  it('delivers 1,000 ideas exactly once through 30 % faulted requests; the 422 needs attention', async () => {
    const rig = createRig({ rate: 0.3, seed: 7 });
    const store = await openTestStore(new IDBFactory());
    const drafts = await queueIdeas(store, rig.clock, 1000);
    const [refused] = await queueIdeas(store, rig.clock, 1, 'Förbjuden');
    rig.server.refusedTitles.add(refused!.content.title);
    const engine = rig.engine(store);

    await engine.start();
    await drive(rig, [engine]);

    const all = await store.list();
    expect(all).toHaveLength(1001); // no draft lost
    expect(all.filter((d) => d.state === 'sending' || d.state === 'queued')).toEqual([]);
    expect(rig.server.ideas.size).toBe(1000);
    expect(rig.faults.resentAfterAccepted).toEqual([]); // nothing sent again once the client heard it was taken
    expect(new Set([...rig.server.ideas.values()].map((e) => e.key)).size).toBe(1000);
    for (const draft of drafts) expect(rig.server.ideas.get(draft.id)?.key).toBe(contentKey(draft.content));
    const attention = await store.get(refused!.id);
    expect(attention).toMatchObject({ state: 'needs-attention', lastFailure: { kind: 'reject', status: 422 } });
    expect(attention!.fieldErrors).toEqual([{ field: 'title', code: 'invalid_value', message: 'Titeln är inte tillåten.' }]);
    // every kind of fault really happened
    for (const fault of ['refused', 'reset', 'lost-after-store', '500', '503', '429', '401']) expect(rig.faults.counts.get(fault) ?? 0).toBeGreaterThan(0);
    engine.dispose();
  });

  it.each([
    ['Web Locks', (): Partial<SyncEngineDeps> => ({ locks: createMemoryLocks() })],
    ['the fallback in one context', (): Partial<SyncEngineDeps> => ({ locks: null })],
    ['the fallback across contexts (no shared mutex)', (): Partial<SyncEngineDeps> => ({ locks: null, lockName: `tab-${Math.random()}` })],
  ])('two engines over one database never send the same idea at the same time (%s)', async (_name, options) => {
    const rig = createRig({ rate: 0.2, seed: 3, faults: ['refused', 'lost-after-store', '503'] });
    const factory = new IDBFactory();
    const tabA = await openTestStore(factory);
    const tabB = await openTestStore(factory, tabA.name);
    await queueIdeas(tabA, rig.clock, 60);
    const shared = options();
    const a = rig.engine(tabA, shared);
    const b = rig.engine(tabB, shared.lockName ? { ...shared, lockName: `${shared.lockName}-b` } : shared);

    await Promise.all([a.start(), b.start(), a.runOnce(), b.syncNow({ ignoreBackoff: true })]);
    await drive(rig, [a, b]);

    expect(rig.faults.overlaps).toEqual([]);
    expect(rig.server.ideas.size).toBe(60);
    expect(rig.faults.resentAfterAccepted).toEqual([]);
    expect((await tabA.list()).every((d) => d.state === 'sent')).toBe(true);
    a.dispose();
    b.dispose();
  });

  it('keeps everything through seven days offline, then sends it all', async () => {
    let online = false;
    const rig = createRig({ rate: 0, online: () => online });
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store);
    await queueIdeas(store, rig.clock, 5, 'Dag 1');
    await engine.start();
    const start = rig.clock.now();
    for (let day = 1; day <= 7; day++) {
      await queueIdeas(store, rig.clock, 2, `Dag ${day + 1}`);
      await engine.runOnce();
      await drive(rig, [engine], start + day * DAY);
    }
    const waiting = await store.listByState('queued');
    expect(waiting).toHaveLength(19); // nothing expired, nothing dropped
    expect(waiting.every((d) => d.content.title.startsWith('Dag'))).toBe(true);
    expect(rig.faults.requests).toBeGreaterThan(100); // it kept trying, gently

    online = true;
    await drive(rig, [engine]);
    expect((await store.list()).every((d) => d.state === 'sent')).toBe(true);
    expect(rig.server.ideas.size).toBe(19);
    engine.dispose();
  });

  it('turns a row found in sending at start back into queued and sends it once', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    await store.update(draft!.id, (r) => ({ ...r, state: 'sending' })); // the worker died mid-request
    rig.server.seed(draft!.id, draft!.content); // ... after the server stored it
    const engine = rig.engine(store, { locks: createMemoryLocks() });

    await engine.start();
    await drive(rig, [engine]);

    expect(await store.get(draft!.id)).toMatchObject({ state: 'sent', remoteStatus: 'received' });
    expect(rig.server.ideas.size).toBe(1);
    expect(rig.server.created.get(draft!.id)).toBeUndefined(); // 200 "same", not a second create
    engine.dispose();
  });
});

describe('SyncEngine behaviour', () => {
  it('lifts a sign-in pause only once GET /me answers, and gives up at the request timeout when nothing does', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    await store.setMeta(META.paused, 'auth');
    rig.server.signedIn = false;
    const engine = rig.engine(store, { requestTimeoutMs: 5_000 });
    await expect(engine.resumeAfterSignIn()).rejects.toMatchObject({ status: 401 });
    expect(await store.getMeta(META.paused)).toBe('auth');
    // A gateway that takes the request and never answers: the caller (a page, the popup) is not held.
    const handle = rig.server.handle.bind(rig.server);
    const never = (signal: AbortSignal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
    rig.server.handle = (request: Request) => (new URL(request.url).pathname.endsWith('/me') ? never(request.signal) : handle(request));
    const resuming = engine.resumeAfterSignIn();
    const settled = resuming.then(() => 'resumed', () => 'gave up');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rig.clock.nextAt()).toBe(rig.clock.now() + 5_000); // the request's timeout, and nothing else
    rig.clock.fireNext();
    expect(await settled).toBe('gave up');
    expect(await store.getMeta(META.paused)).toBe('auth');
    engine.dispose();
  });

  it('recovers an idea left `sending` even while paused for sign-in, so it can be taken back meanwhile', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    // A tab died a day ago with its request out; another tab has since met a 401.
    await store.update(draft!.id, (r) => ({ ...r, state: 'sending', updatedAt: rig.clock.now() - DAY }));
    await store.setMeta(META.paused, 'auth');
    const engine = rig.engine(store);
    expect(await engine.start()).toMatchObject({ stoppedBy: 'paused' });
    expect(await store.get(draft!.id)).toMatchObject({ state: 'queued' });
    expect(rig.server.ideas.size).toBe(0);
    engine.dispose();
  });

  it('pauses on 401 (persisted), keeps the idea queued and resumes after sign-in', async () => {
    const rig = createRig({ rate: 0 });
    rig.server.signedIn = false;
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    const engine = rig.engine(store);

    expect(await engine.start()).toMatchObject({ stoppedBy: 'auth' });
    await engine.whenIdle();
    expect(await store.getMeta(META.paused)).toBe('auth');
    expect(engine.getState()).toMatchObject({ paused: 'auth', signInUrl: 'https://intra.example/logga-in' }); // from the 401
    expect(await store.get(draft!.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await engine.runOnce()).toMatchObject({ stoppedBy: 'paused' });

    rig.server.signedIn = true;
    await engine.resumeAfterSignIn();
    expect(await store.get(draft!.id)).toMatchObject({ state: 'sent' });
    expect(engine.getState().signInUrl).toBeUndefined();
    engine.dispose();
  });

  it('fetches the challenges refused for want of a sign-in at once when sign-in resumes, not a minute later', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    await store.setMeta(META.paused, 'auth');
    rig.server.signedIn = false;
    const engine = rig.engine(store);
    await engine.refreshIfOlderThan(5 * 60_000); // the popup opening: refused with 401
    expect(await store.getChallenges()).toBeUndefined();
    // Signed in in another tab ten seconds later: an open popup (or page) follows the store, so the list shows at once.
    rig.clock.advance(10_000);
    rig.server.signedIn = true;
    await engine.resumeAfterSignIn();
    await engine.whenIdle();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    // A list answered a moment ago is not asked for again by the next sign-in.
    rig.server.challenges.push({ id: 'c2', title: 'Ny', summary: '', url: 'https://intra.example/c2' });
    rig.clock.advance(10_000);
    await store.setMeta(META.paused, 'auth');
    await engine.resumeAfterSignIn();
    await engine.whenIdle();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    engine.dispose();
  });

  it('at an address where no Ideas API answers (404), keeps the idea waiting, and sends it once the address is right', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    const wrong = createIdeasApi({ baseUrl: 'https://intra.example/fel/adress', fetch: rig.faults.fetch, clientName: 'idesluss-test/0.1.0' });
    const misconfigured = rig.engine(store, { api: wrong });

    expect(await misconfigured.start()).toMatchObject({ stoppedBy: 'retry' });
    await misconfigured.whenIdle();
    expect(await store.get(draft!.id)).toMatchObject({ state: 'queued', attempts: 1, lastFailure: { kind: 'retry', status: 404 } });
    misconfigured.dispose();

    const fixed = rig.engine(store); // the address corrected: a new connection, sending at once
    expect(await fixed.syncNow({ ignoreBackoff: true })).toEqual({ sent: 1 });
    expect(await store.get(draft!.id)).toMatchObject({ state: 'sent' });
    expect(rig.server.ideas.has(draft!.id)).toBe(true);
    fixed.dispose();
  });

  it('on 409 keeps our version and shows the intranet copy beside it', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    rig.server.seed(draft!.id, { ...emptyContent('sv'), title: 'En annan version' });
    const engine = rig.engine(store);
    await engine.start();
    const record = await store.get(draft!.id);
    expect(record).toMatchObject({ state: 'needs-attention', content: draft!.content, lastFailure: { kind: 'conflict', status: 409 } });
    expect(record!.conflict?.title).toBe('En annan version');
    engine.dispose();
  });

  it('waits for the backoff, honours Retry-After and lets "send now" skip the wait', async () => {
    const rig = createRig({ rate: 1, faults: ['429'] });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    const engine = rig.engine(store);
    await engine.start();
    const after = await store.get(draft!.id);
    expect(after).toMatchObject({ state: 'queued', attempts: 1, lastFailure: { kind: 'retry', status: 429 } });
    expect(after!.nextAttemptAt! - rig.clock.now()).toBeGreaterThanOrEqual(30_000);
    expect(engine.getState().nextAttemptAt).toBe(after!.nextAttemptAt);
    expect(await engine.runOnce()).toMatchObject({ sent: 0, stoppedBy: 'backoff' });

    const requests = rig.faults.requests;
    await engine.syncNow({ ignoreBackoff: true });
    await engine.whenIdle();
    expect(rig.faults.requests).toBeGreaterThan(requests); // tried again at once
    // A forced try that failed counts nothing and keeps the wait it skipped, or the server's longer one.
    const forced = await store.get(draft!.id);
    expect(forced).toMatchObject({ state: 'queued', attempts: 1, lastFailure: { kind: 'retry', status: 429 } });
    expect(forced!.nextAttemptAt!).toBeGreaterThanOrEqual(after!.nextAttemptAt!);
    engine.dispose();
  });

  /** An engine that has sent one idea (and refreshed once, after that send). */
  async function afterOneSent() {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    const engine = rig.engine(store);
    await engine.start();
    await engine.whenIdle();
    return { rig, store, draft, engine };
  }

  it('refreshes challenges and intranet statuses after sending', async () => {
    const { rig, store, draft, engine } = await afterOneSent();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    rig.server.ideas.get(draft!.id)!.idea.status = 'piloting';
    rig.clock.advance(31 * 60_000);
    await engine.runOnce();
    await engine.whenIdle();
    expect(await store.get(draft!.id)).toMatchObject({ remoteStatus: 'piloting' });
    engine.dispose();
  });

  it('refreshes at once for a view that opens when the last refresh is older than it asks, and runs keep the 30 minutes', async () => {
    const { rig, store, draft, engine } = await afterOneSent();
    rig.server.ideas.get(draft!.id)!.idea.status = 'in-review';
    rig.clock.advance(6 * 60_000);
    await engine.runOnce(); // a run six minutes on: not due at the engine's own interval
    await engine.whenIdle();
    expect(await store.get(draft!.id)).toMatchObject({ remoteStatus: 'received' });
    await engine.refreshIfOlderThan(10 * 60_000); // a page asking for at most 10 minutes: not yet
    expect(await store.get(draft!.id)).toMatchObject({ remoteStatus: 'received' });
    await engine.refreshIfOlderThan(5 * 60_000); // a page load five minutes on: asks now
    expect(await store.get(draft!.id)).toMatchObject({ remoteStatus: 'in-review' });
    engine.dispose();
  });

  it('asks for the caller\'s ideas only when this device has sent ideas to update', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const api = createIdeasApi({ baseUrl: 'https://intra.example/api/idesluss/v1', clientName: 'idesluss-test/0.1.0', fetch: rig.faults.fetch, now: () => rig.clock.now() });
    const listMyIdeas = vi.spyOn(api, 'listMyIdeas');
    const refresh = () => refreshIfDue({ store, api, now: () => rig.clock.now(), intervalMs: 0, timeoutMs: 60_000, withTimeout: (request) => request(new AbortController().signal) });
    await refresh();
    expect(listMyIdeas).not.toHaveBeenCalled(); // nothing sent from here: nothing to update
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    const [draft] = await queueIdeas(store, rig.clock, 1);
    const engine = rig.engine(store, { api });
    await engine.start();
    await engine.whenIdle();
    engine.dispose();
    rig.server.ideas.get(draft!.id)!.idea.status = 'piloting';
    await refresh();
    expect(listMyIdeas).toHaveBeenCalled();
    expect(await store.get(draft!.id)).toMatchObject({ state: 'sent', remoteStatus: 'piloting' });
  });

  it('asks again a minute after a refusal for want of a sign-in, not half an hour later', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store);
    rig.server.signedIn = false;
    await engine.start(); // nothing queued: the run ends, the refresh is refused with 401
    await engine.whenIdle();
    expect(await store.getChallenges()).toBeUndefined();
    rig.server.signedIn = true;
    rig.clock.advance(30_000);
    await engine.runOnce(); // within the minute: not asked again
    await engine.whenIdle();
    expect(await store.getChallenges()).toBeUndefined();
    rig.clock.advance(31_000);
    await engine.runOnce();
    await engine.whenIdle();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    engine.dispose();
  });

  it('an attempt at another address (a mistyped intranet address, corrected in the options) does not hold back the right one\'s challenges', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const notFound = async () => new Response('<h1>Not Found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } });
    const wrong = createIdeasApi({ baseUrl: 'https://intra.example/annan', clientName: 'idesluss-test/0.1.0', fetch: notFound, now: () => rig.clock.now() });
    const refresh = (api: typeof wrong) => refreshIfDue({ store, api, now: () => rig.clock.now(), intervalMs: 30 * 60_000, timeoutMs: 60_000, withTimeout: (request) => request(new AbortController().signal) });
    await refresh(wrong);
    expect(await store.getChallenges()).toBeUndefined();
    const right = createIdeasApi({ baseUrl: 'https://intra.example/api/idesluss/v1', clientName: 'idesluss-test/0.1.0', fetch: rig.faults.fetch, now: () => rig.clock.now() });
    await refresh(right);
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    await store.putChallenges([], rig.clock.now());
    await refresh(right); // its own attempt is still kept for the interval
    expect((await store.getChallenges())?.challenges).toEqual([]);
  });

  it('a refusal met by a caller with a shorter interval (the popup) leaves the engine\'s refresh due a minute later too', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    rig.server.signedIn = false;
    const api = createIdeasApi({ baseUrl: 'https://intra.example/api/idesluss/v1', clientName: 'idesluss-test/0.1.0', fetch: rig.faults.fetch, now: () => rig.clock.now() });
    await refreshIfDue({ store, api, now: () => rig.clock.now(), intervalMs: 0, timeoutMs: 60_000, withTimeout: (request) => request(new AbortController().signal) });
    rig.server.signedIn = true;
    rig.clock.advance(61_000);
    const engine = rig.engine(store);
    await engine.start();
    await engine.whenIdle();
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
    engine.dispose();
  });
});
