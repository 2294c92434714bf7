import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { IdeasApi } from '../api/types';
import { emptyContent } from '../domain/idea';
import { BACKOFF } from './backoff';
import { BACK_ONLINE_SPREAD_MS } from './queue-ops';
import { META } from './sync-engine';
import { FakeClock } from './testing/fake-clock';
import { createRig, drive, openTestStore, queueIdeas } from './testing/harness';
import { SyncEngine } from './sync-engine';

describe('SyncEngine policy', () => {
  it('holds new drafts behind a head that is backing off: one request per try, not one per draft', async () => {
    const rig = createRig({ rate: 1, faults: ['refused'] });
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store);
    await queueIdeas(store, rig.clock, 1, 'Först');
    await engine.start();
    const before = rig.faults.requests;
    await queueIdeas(store, rig.clock, 3, 'Sedan');
    await engine.runOnce(); // the submit trigger
    expect(rig.faults.requests).toBe(before);
    expect((await store.listByState('queued')).filter((d) => d.attempts > 0)).toHaveLength(1);
    engine.dispose();
  });

  it('after an outage drains the rest of the queue with pacing, then sends everything', async () => {
    let online = false;
    const rig = createRig({ rate: 0, online: () => online });
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store);
    await queueIdeas(store, rig.clock, 4);
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 60 * 60_000); // an hour down: the streak is an outage
    online = true;
    const recoveredAt = rig.clock.now();
    while ((await store.listByState('sent')).length === 0) await drive(rig, [engine], Number.POSITIVE_INFINITY, 1);
    const sent = await store.listByState('sent');
    expect(sent[0]!.sentAt! - recoveredAt).toBeLessThanOrEqual(BACKOFF.capMs); // within the cap
    expect(sent).toHaveLength(1);
    expect(await store.getMeta<number>(META.pacingUntil)).toBeGreaterThan(rig.clock.now());
    const [next] = (await store.listByState('queued')).sort((a, b) => a.queuedAt! - b.queuedAt!);
    expect(next!.nextAttemptAt).toBeGreaterThanOrEqual(sent[0]!.sentAt!);
    await drive(rig, [engine]);
    expect(await store.listByState('sent')).toHaveLength(4);
    engine.dispose();
  });

  it('a device offline for an hour does not back off as for an outage: its ideas go within seconds of the network coming back', async () => {
    // The laptop, not the intranet, is offline (navigator.onLine is false): failures then are the
    // device's and count no attempt, so nothing waits out the 15-minute outage spread afterwards.
    let online = false;
    const rig = createRig({ rate: 0, online: () => online });
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store, { online: () => online });
    await queueIdeas(store, rig.clock, 3);
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 60 * 60_000);
    // "Skicka nu", offline: each press sets the next try up to 10 s on; pressed until it is over 2 s on.
    const latest = async () => Math.max(...(await store.listByState('queued')).flatMap((d) => d.nextAttemptAt ?? []));
    for (let press = 0; press < 3 || (press < 50 && (await latest()) <= rig.clock.now() + BACK_ONLINE_SPREAD_MS); press++) {
      await engine.syncNow({ ignoreBackoff: true });
    }
    expect((await store.listByState('queued')).map((d) => d.attempts)).toEqual([0, 0, 0]);
    const tries = rig.faults.requests;
    expect(tries).toBeGreaterThan(60); // it kept trying while offline, in case navigator.onLine is wrong
    expect(tries).toBeLessThan(60 * 60); // but not in a tight loop

    // The `online` event does not wait for the try a press set: the ideas go within 2 s (spread, not all at once).
    expect(await latest()).toBeGreaterThan(rig.clock.now() + BACK_ONLINE_SPREAD_MS);
    online = true;
    const back = rig.clock.now();
    await engine.backOnline(); // the `online` event's trigger
    await drive(rig, [engine], back + BACK_ONLINE_SPREAD_MS);
    const sent = await store.listByState('sent');
    expect(sent).toHaveLength(3);
    expect(Math.max(...sent.map((d) => d.sentAt!))).toBeLessThanOrEqual(back + BACK_ONLINE_SPREAD_MS);
    expect(rig.server.ideas.size).toBe(3);
    engine.dispose();
  });

  it('a "Skicka nu" that fails during an outage counts nothing and leaves the next automatic try where it was', async () => {
    let up = false;
    const rig = createRig({ rate: 0, online: () => up }); // the intranet is unreachable; the device is online
    const store = await openTestStore(new IDBFactory());
    const engine = rig.engine(store);
    await queueIdeas(store, rig.clock, 2);
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 60 * 60_000); // an hour down: in the outage spread
    const head = (await store.listByState('queued')).sort((a, b) => a.queuedAt! - b.queuedAt!)[0]!;
    expect(head.attempts).toBeGreaterThanOrEqual(3);
    expect(head.nextAttemptAt!).toBeGreaterThan(rig.clock.now());
    const requests = rig.faults.requests;

    for (let press = 0; press < 3; press++) await engine.syncNow({ ignoreBackoff: true });
    expect(rig.faults.requests).toBeGreaterThan(requests); // each press tried
    const after = (await store.get(head.id))!;
    expect(after).toMatchObject({ state: 'queued', attempts: head.attempts, nextAttemptAt: head.nextAttemptAt });
    expect(after.autoRetryAt).toBeUndefined();

    // The intranet comes back: the idea goes at its automatic time, not later.
    up = true;
    await drive(rig, [engine], head.nextAttemptAt! - 1);
    expect(await store.listByState('sent')).toHaveLength(0);
    await drive(rig, [engine], head.nextAttemptAt! + BACKOFF.capMs);
    expect((await store.get(head.id))!.state).toBe('sent');
    engine.dispose();
  });

  it('on 409 with an idea the intranet will not show, needs attention without a copy', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, rig.clock, 1);
    rig.server.seed(draft!.id, { ...emptyContent('sv'), title: 'Någon annans' });
    rig.server.hiddenIds.add(draft!.id);
    const engine = rig.engine(store);
    await engine.start();
    const record = await store.get(draft!.id);
    expect(record).toMatchObject({ state: 'needs-attention', lastFailure: { kind: 'conflict' } });
    expect(record!.conflict).toBeUndefined();
    engine.dispose();
  });

  it('a failed "Skicka nu" takes a Retry-After of years as a day, and a press offline keeps the time it skipped', async () => {
    const clock = new FakeClock();
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, clock, 1);
    let answer: 'busy' | 'offline' = 'busy';
    let online = true;
    const putIdea = async () => {
      if (answer === 'offline') throw new ApiError({ kind: 'network', method: 'PUT', url: '/ideas' });
      throw new ApiError({ kind: 'http', method: 'PUT', url: '/ideas', status: 503, retryAfterMs: Date.parse('9999-12-31T23:59:59Z') - clock.now() });
    };
    const api = { putIdea, me: async () => ({ id: 'u1', name: 'Test', roles: [] }) } as unknown as IdeasApi;
    const engine = new SyncEngine({ store, api, clock, locks: null, random: () => 0.5, online: () => online });
    const waiting = { nextAttemptAt: clock.now() + 60_000, attempts: 4 };
    const wait = () => store.update(draft!.id, (r) => ({ ...r, ...waiting }));
    await wait();
    await engine.syncNow({ ignoreBackoff: true });
    const capped = (await store.get(draft!.id))!;
    expect(capped.attempts).toBe(4);
    expect(capped.nextAttemptAt! - clock.now()).toBe(BACKOFF.retryAfterMaxMs); // a day, not the year 9999

    await wait();
    answer = 'offline';
    online = false;
    await engine.syncNow({ ignoreBackoff: true }); // pressed on the train
    const offline = (await store.get(draft!.id))!;
    expect(offline).toMatchObject({ attempts: 4, autoRetryAt: waiting.nextAttemptAt });
    expect(offline.nextAttemptAt! - clock.now()).toBeLessThanOrEqual(10_000);
    online = true; // the device is back, the intranet still not: that try goes back to the skipped time
    answer = 'busy';
    clock.advance(10_000);
    await engine.runOnce();
    expect((await store.get(draft!.id))!.attempts).toBe(4);
    engine.dispose();
  });

  it('abandons a request that hangs past the timeout and retries it later', async () => {
    const clock = new FakeClock();
    const store = await openTestStore(new IDBFactory());
    const [draft] = await queueIdeas(store, clock, 1);
    let putStarted = false;
    const hanging = (_id: string, _content: unknown, signal?: AbortSignal) => {
      putStarted = true;
      return new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new ApiError({ kind: 'aborted', method: 'PUT', url: '/ideas' }))));
    };
    const api = { putIdea: hanging, me: async () => ({ id: 'u1', name: 'Test', roles: [] }) } as unknown as IdeasApi;
    const engine = new SyncEngine({ store, api, clock, locks: null, requestTimeoutMs: 30_000, random: () => 0.5 });
    const run = engine.start();
    while (!putStarted) await new Promise((resolve) => setImmediate(resolve));
    expect(clock.nextAt()).toBe(clock.now() + 30_000);
    clock.fireNext();
    expect(await run).toMatchObject({ stoppedBy: 'retry' });
    expect(await store.get(draft!.id)).toMatchObject({ state: 'queued', attempts: 1 });
    engine.dispose();
  });
});
