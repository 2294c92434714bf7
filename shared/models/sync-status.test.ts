import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createChangeNotices } from '../storage/change-notices';
import { createRig, openTestStore, queueIdeas } from '../sync/testing/harness';
import { createSyncStatusModel, navigatorOnlineSource, type OnlineSource } from './sync-status';

function manualOnline(initial: boolean): OnlineSource & { set(value: boolean): void } {
  let value = initial;
  const listeners = new Set<(v: boolean) => void>();
  return {
    get: () => value,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    set(v) {
      value = v;
      for (const l of listeners) l(v);
    },
  };
}

describe('SyncStatusModel', () => {
  it('follows the engine: next try, pause, last send; "send now" skips the backoff', async () => {
    const rig = createRig({ rate: 1, faults: ['503'] });
    const store = await openTestStore(new IDBFactory());
    await queueIdeas(store, rig.clock, 2);
    const engine = rig.engine(store);
    const online = manualOnline(true);
    const model = createSyncStatusModel({ engine, online });

    await engine.start();
    await engine.whenIdle();
    expect(model.syncing.value).toBe(false);
    expect(model.nextAttemptAt.value).toBeGreaterThanOrEqual(rig.clock.now() + 5000); // Retry-After: 5
    expect(model.lastSentAt.value).toBeUndefined();

    const requests = rig.faults.requests;
    await model.sendNow();
    await engine.whenIdle();
    expect(rig.faults.requests).toBeGreaterThan(requests);
    model.dispose();
    engine.dispose();
  });

  it('shows the auth pause and the offline state, and runs when the device comes back online', async () => {
    const rig = createRig({ rate: 0 });
    rig.server.signedIn = false;
    const store = await openTestStore(new IDBFactory());
    await queueIdeas(store, rig.clock, 1);
    const notices = createChangeNotices('test-sync-status', () => undefined);
    const engine = rig.engine(store, { notices });
    const online = manualOnline(false);
    const model = createSyncStatusModel({ engine, online, notices });
    expect(model.online.value).toBe(false);

    await engine.start();
    await engine.whenIdle();
    expect(model.paused.value).toBe('auth');
    expect(model.nextAttemptAt.value).toBeUndefined();

    rig.server.signedIn = true;
    await engine.resumeAfterSignIn();
    await engine.whenIdle();
    expect(model.paused.value).toBeUndefined();
    expect(model.lastSentAt.value).toBe(rig.clock.now());

    await queueIdeas(store, rig.clock, 1, 'Senare');
    online.set(true);
    expect(model.online.value).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    await engine.whenIdle();
    expect((await store.listByState('sent')).length).toBe(2);
    model.dispose();
    engine.dispose();
  });

  it('reads navigator.onLine and the online/offline events of the global scope', () => {
    const target = new EventTarget() as EventTarget & { navigator: { onLine: boolean } };
    target.navigator = { onLine: false };
    const source = navigatorOnlineSource(target);
    const seen: boolean[] = [];
    const stop = source.subscribe((v) => seen.push(v));
    expect(source.get()).toBe(false);
    target.dispatchEvent(new Event('online'));
    target.dispatchEvent(new Event('offline'));
    stop();
    target.dispatchEvent(new Event('online'));
    expect(seen).toEqual([true, false]);
  });

  it('back from the back/forward cache, tells a change made while the page was frozen, and only a change', () => {
    const target = new EventTarget() as EventTarget & { navigator: { onLine: boolean } };
    target.navigator = { onLine: true };
    const source = navigatorOnlineSource(target);
    const seen: boolean[] = [];
    source.subscribe((v) => seen.push(v));
    const shown = (persisted: boolean) => target.dispatchEvent(Object.assign(new Event('pageshow'), { persisted }));
    shown(true); // nothing changed
    target.navigator.onLine = false; // while frozen: no event reached the page
    shown(false); // a load, not a restore: the page reads navigator.onLine as it starts
    shown(true);
    shown(true);
    target.navigator.onLine = true;
    shown(true);
    expect(seen).toEqual([false, true]);
  });
});
