/**
 * What the engine reports, read from the store (./read-state.ts): the queue's next try, and the
 * pause with what goes with it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import { emptyContent } from '../domain/idea';
import { META } from './queue-ops';
import { nextTryAt, readSyncState } from './read-state';
import { FakeClock } from './testing/fake-clock';
import { openTestStore, queueIdeas } from './testing/harness';

const record = (overrides: Partial<DraftRecord> = {}): DraftRecord => ({
  id: 'a', state: 'queued', content: { ...emptyContent('sv'), title: 'Idé' }, createdAt: 1, updatedAt: 1, queuedAt: 1, attempts: 0, ...overrides,
});

describe('nextTryAt', () => {
  it('is undefined for an empty queue, and `now` for a head without a time', () => {
    expect(nextTryAt([], 100)).toBeUndefined();
    expect(nextTryAt([record(), record({ id: 'b', nextAttemptAt: 50 })], 100)).toBe(100);
  });

  it("is the head's next try; the ideas behind it do not count", () => {
    expect(nextTryAt([record({ nextAttemptAt: 900 }), record({ id: 'b', nextAttemptAt: 200 })], 100)).toBe(900);
  });

  it("is a stuck idea's next try when sooner than the head's, wherever it stands: stuck ideas wait behind nothing", () => {
    const queue = [record({ nextAttemptAt: 900 }), record({ id: 'b', nextAttemptAt: 800 }), record({ id: 'c', nextAttemptAt: 300, stuck: true })];
    expect(nextTryAt(queue, 100)).toBe(300);
    expect(nextTryAt([record({ nextAttemptAt: 200 }), record({ id: 'c', nextAttemptAt: 300, stuck: true })], 100)).toBe(200);
    expect(nextTryAt([record({ nextAttemptAt: 900 }), record({ id: 'c', stuck: true })], 100)).toBe(100);
  });
});

describe('readSyncState', () => {
  it("reads the queue in send order, or the engine's snapshot in its place", async () => {
    const clock = new FakeClock();
    const store = await openTestStore(new IDBFactory());
    const [first, second] = await queueIdeas(store, clock, 2);
    await store.update(second!.id, (r) => ({ ...r, nextAttemptAt: clock.now() + 500 }));
    await store.update(first!.id, (r) => ({ ...r, nextAttemptAt: clock.now() + 9000 }));
    await store.setMeta(META.lastSentAt, 42);
    const deps = { store, clock };

    expect(await readSyncState(deps, () => undefined)).toEqual({
      paused: undefined, accountSwitch: undefined, signInUrl: undefined, lastSentAt: 42, nextAttemptAt: clock.now() + 9000,
    });
    expect((await readSyncState(deps, () => [record({ nextAttemptAt: 7 })])).nextAttemptAt).toBe(7);
    // Taken as it is, head first: the engine kept it in send order.
    const kept = [record({ id: 'x', queuedAt: 9, nextAttemptAt: 700 }), record({ id: 'y', queuedAt: 1, nextAttemptAt: 80 })];
    expect((await readSyncState(deps, () => kept)).nextAttemptAt).toBe(700);
    expect((await readSyncState(deps, () => [])).nextAttemptAt).toBeUndefined();
  });

  it('while paused, has no next try, and says where to sign in only then', async () => {
    const clock = new FakeClock();
    const store = await openTestStore(new IDBFactory());
    await queueIdeas(store, clock, 1);
    await store.setMeta(META.signInUrl, 'https://intra.example/login');
    expect(await readSyncState({ store, clock }, () => undefined)).toMatchObject({ paused: undefined, signInUrl: undefined, nextAttemptAt: clock.now() });

    await store.setMeta(META.paused, 'auth');
    // Two accounts known from an earlier pause for another account: no prompt for them under a sign-in pause.
    await store.setMeta(META.account, { id: 'anna', name: 'Anna' });
    await store.setMeta(META.otherAccount, { id: 'bertil', name: 'Bertil' });
    expect(await readSyncState({ store, clock }, () => undefined)).toEqual({
      paused: 'auth', accountSwitch: undefined, signInUrl: 'https://intra.example/login', lastSentAt: undefined, nextAttemptAt: undefined,
    });
  });

  it('lifts a pause for another account once nothing waits for it, and reads again', async () => {
    const clock = new FakeClock();
    const store = await openTestStore(new IDBFactory());
    await store.setMeta(META.account, { id: 'anna', name: 'Anna' });
    await store.setMeta(META.otherAccount, { id: 'bertil', name: 'Bertil' });
    await store.setMeta(META.paused, 'account');
    const [idea] = await queueIdeas(store, clock, 1);
    expect(await readSyncState({ store, clock }, () => undefined)).toMatchObject({
      paused: 'account', accountSwitch: { previous: { id: 'anna' }, current: { id: 'bertil' } },
    });

    await store.update(idea!.id, (r) => ({ ...r, state: 'sending' })); // a run giving it back still counts
    expect((await readSyncState({ store, clock }, () => [])).paused).toBe('account');

    await store.update(idea!.id, (r) => ({ ...r, state: 'draft' })); // taken back
    expect(await readSyncState({ store, clock }, () => undefined)).toMatchObject({ paused: undefined, accountSwitch: undefined });
    expect(await store.getMeta(META.paused)).toBeNull();
  });
});
