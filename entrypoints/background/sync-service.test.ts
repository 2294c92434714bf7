/**
 * The worker's SyncService over a real store (fake-indexeddb), the real engine and API client, and
 * an in-memory idempotent server: what happens when the address changes while the worker slept, when
 * the extension lacks the address's host permission, and when its start fails once.
 */
import 'fake-indexeddb/auto';
// The worker reads `navigator.onLine` and `navigator.language`; Node 20 has no `navigator`.
(globalThis as { navigator?: object }).navigator ??= { language: 'sv-SE', onLine: true };
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdeasApi } from '../../shared/api';
import { apiBaseFor } from '../../shared/config/settings';
import { emptyContent } from '../../shared/domain/idea';
import { META } from '../../shared/sync';
import { FakeIdeasServer } from '../../shared/sync/testing/fake-server';

const WRONG = 'https://intra.example/fel';
const RIGHT = 'https://intra.example';
const world = { url: WRONG, granted: true, settingsFail: false, puts: [] as string[], blips: 0, server: new FakeIdeasServer() };

vi.mock('../lib/ext', () => ({
  ext: {
    permissions: { contains: async () => world.granted },
    runtime: { getManifest: () => ({ host_permissions: ['https://intra.example/*'] }) },
  },
  actionApi: () => ({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
}));
vi.mock('../lib/settings-store', () => ({
  loadSettings: async () => {
    if (world.settingsFail) throw new Error('storage.local.get failed');
    return { settings: { intranetUrl: world.url, language: 'sv' }, locked: { intranetUrl: false, language: false }, refused: [] };
  },
}));
vi.mock('../lib/intranet-api', () => ({
  createIntranetApi: (url: string) =>
    createIdeasApi({
      baseUrl: apiBaseFor(url),
      clientName: 'idesluss-test/0.1.0',
      fetch: async (target: string, init?: RequestInit) => {
        if (init?.method === 'PUT') world.puts.push(target);
        // No Ideas API at the wrong address (ADR 015); the right one is the idempotent server.
        if (target.startsWith(apiBaseFor(WRONG))) return new Response('{"title":"Not found"}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
        if (init?.method === 'PUT' && world.blips > 0 && world.blips--) return new Response('{"title":"Busy"}', { status: 503, headers: { 'Content-Type': 'application/problem+json' } });
        return world.server.handle(new Request(target, init));
      },
    }),
}));

const { SyncService } = await import('./sync-service');
type Service = InstanceType<typeof SyncService>;

async function queueOne(service: Service) {
  const { store } = await service.storage();
  const draft = await store.create({ ...emptyContent('sv'), title: `Idé ${Math.random()}` }, Date.now());
  await store.update(draft.id, (r) => ({ ...r, state: 'queued', queuedAt: Date.now(), updatedAt: Date.now() }), { durability: 'strict' });
  return { store, id: draft.id };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh browser profile per test
  Object.assign(world, { url: WRONG, granted: true, settingsFail: false, puts: [], blips: 0, server: new FakeIdeasServer() });
});

describe('SyncService', () => {
  it('a worker woken by a corrected address sends at once, and forgets the old intranet\'s challenges', async () => {
    const first = new SyncService();
    const { store, id } = await queueOne(first);
    await first.run(); // 404 at the wrong address: the idea waits
    await store.update(id, (r) => ({ ...r, attempts: 4, nextAttemptAt: Date.now() + 12 * 60_000 })); // minutes of backoff
    await store.putChallenges([{ id: 'gammal', title: 'Det gamla intranätets utmaning' }] as never, Date.now());

    world.url = RIGHT; // saved while the worker slept
    const woken = new SyncService(); // a fresh worker: nothing in memory
    await Promise.all([woken.run(), woken.reconfigure()]); // main()'s run, then the event that woke it
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'));
    expect(world.server.ideas.size).toBe(1);
    // The new intranet's own challenges may have been fetched since; the old one's are gone.
    expect((await store.getChallenges())?.challenges.map((c) => c.id)).not.toContain('gammal');
  });

  it('at a new address the old intranet\'s waits and failed tries are gone: a blip there is retried within seconds', async () => {
    const first = new SyncService();
    const { store, id } = await queueOne(first);
    await first.run(); // 404 at the wrong address: the idea waits
    await store.update(id, (r) => ({ ...r, attempts: 4, nextAttemptAt: Date.now() + 24 * 60 * 60_000 })); // the old intranet said a day
    world.url = RIGHT;
    world.blips = 1; // the new intranet's first answer is a 503
    const woken = new SyncService();
    await Promise.all([woken.run(), woken.reconfigure()]);
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'), { timeout: 6_000 });
    expect(world.puts.filter((p) => p.startsWith(apiBaseFor(RIGHT)))).toHaveLength(2);
  });

  it('at a new address the same person under the new intranet\'s id is no "other account": the idea goes (ADR 016)', async () => {
    world.url = RIGHT; // a first intranet that works, and knows the person as `old-42`
    world.server.user = { id: 'old-42', name: 'Anna Andersson', roles: [] };
    const first = new SyncService();
    const sent = await queueOne(first);
    await first.run();
    await vi.waitFor(async () => expect((await sent.store.get(sent.id))!.state).toBe('sent'));
    const { store, id } = await queueOne(first); // written just before IT moved the intranet
    world.url = `${RIGHT}/nya`; // the new intranet: another server, where she is `anna`
    world.server = new FakeIdeasServer();
    world.server.user = { id: 'anna', name: 'Anna Andersson', roles: [] };
    const woken = new SyncService();
    await Promise.all([woken.run(), woken.reconfigure()]);
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'));
    expect(await store.getMeta(META.paused)).toBeNull();
    expect(world.server.authors.get(id)).toBe('anna');
  });

  it('at a new address another person signed in there still pauses: ideas Anna left waiting do not go as Bertil\'s', async () => {
    world.url = RIGHT;
    world.server.user = { id: 'old-42', name: 'Anna Andersson', roles: [] };
    const first = new SyncService();
    const sent = await queueOne(first);
    await first.run();
    await vi.waitFor(async () => expect((await sent.store.get(sent.id))!.state).toBe('sent'));
    const { store, id } = await queueOne(first);
    world.url = `${RIGHT}/nya`;
    world.server = new FakeIdeasServer();
    world.server.user = { id: 'bertil', name: 'Bertil Berg', roles: [] };
    const woken = new SyncService();
    await Promise.all([woken.run(), woken.reconfigure()]);
    await vi.waitFor(async () => expect(await store.getMeta(META.paused)).toBe('account'));
    expect((await store.get(id))!.state).toBe('queued');
    expect(world.server.ideas.size).toBe(0);
  });

  it('without the host permission sends nothing and does not pause for sign-in; once granted, the idea goes', async () => {
    world.url = RIGHT;
    world.granted = false; // a policy address outside the build, or site access withheld
    const service = new SyncService();
    const { store, id } = await queueOne(service);
    await service.run();
    await service.sendNow();
    expect(world.puts).toEqual([]);
    expect(await store.getMeta(META.paused)).toBeUndefined();
    expect((await store.get(id))!.state).toBe('queued');

    world.granted = true; // permissions.onAdded
    await service.reconfigure();
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'));
  });

  it('paused for another account, alarms ask GET /me at most every 5 minutes; the popup opening asks at once', async () => {
    world.url = RIGHT;
    const service = new SyncService();
    world.server.user = { id: 'anna', name: 'Anna Andersson', roles: [] };
    await queueOne(service);
    await service.run(); // sent as Anna: this profile's account
    await service.storage().then(({ store }) => vi.waitFor(async () => expect(await store.listByState('queued')).toEqual([])));
    world.server.user = { id: 'bertil', name: 'Bertil Berg', roles: [] };
    const { store, id } = await queueOne(service);
    let mes = 0;
    const handle = world.server.handle.bind(world.server);
    world.server.handle = async (request: Request) => (new URL(request.url).pathname.endsWith('/me') && (mes += 1), handle(request));
    await service.run(); // the alarm: asks, finds Bertil, pauses
    expect(await store.getMeta(META.paused)).toBe('account');
    for (let alarm = 0; alarm < 5; alarm++) await service.run(); // 30-second alarms
    expect(mes).toBe(2); // the run that paused, then one probe in five alarms (before: one per alarm)
    // Anna signs in again and opens the popup: a user action asks at once (before: nothing until a probe).
    world.server.user = { id: 'anna', name: 'Anna Andersson', roles: [] };
    await service.onPopupOpened();
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'));
    expect(world.server.authors.get(id)).toBe('anna');
  });

  /** A worker whose one queued idea met a 401: paused for sign-in. */
  async function pausedForSignIn() {
    world.url = RIGHT;
    world.server.signedIn = false;
    const service = new SyncService();
    const queued = await queueOne(service);
    await service.run();
    expect(await queued.store.getMeta(META.paused)).toBe('auth');
    return { service, ...queued };
  }

  it('paused for sign-in, the popup opening asks at once even after a probe stamped while the clock ran ahead', async () => {
    const { service, store, id } = await pausedForSignIn();
    await store.setMeta('extension.authProbeAt', Date.now() + 2 * 60 * 60_000); // a PC's clock two hours ahead at start-up
    world.server.signedIn = true; // she signs in, and opens the popup
    await service.onPopupOpened();
    await vi.waitFor(async () => expect((await store.get(id))!.state).toBe('sent'));
  });

  it('paused for sign-in, an alarm recovers an idea a killed worker left sending, so it can be taken back meanwhile', async () => {
    const { service, store, id } = await pausedForSignIn();
    await store.update(id, (r) => ({ ...r, state: 'sending', updatedAt: Date.now() - 24 * 60 * 60_000 }));
    await service.run(); // the next alarm
    expect(await store.getMeta(META.paused)).toBe('auth');
    expect((await store.get(id))!.state).toBe('queued');
  });

  it('the popup opening shows the status the team set minutes ago, not after the 30-minute refresh', async () => {
    world.url = RIGHT;
    const service = new SyncService();
    const { store, id } = await queueOne(service);
    await service.run(); // sent; the engine's refresh runs beside it
    await vi.waitFor(async () => expect((await store.get(id))!.remoteStatus).toBe('received'));
    world.server.ideas.get(id)!.idea.status = 'in-review'; // the innovation team
    await service.onPopupOpened(0); // as if the last refresh were older than the popup's limit
    expect((await store.get(id))!.remoteStatus).toBe('in-review');
  });

  it('several settings and permission events at once leave one engine running, the others disposed', async () => {
    world.url = RIGHT;
    const { SyncEngine } = await import('../../shared/sync');
    const created = vi.spyOn(SyncEngine.prototype, 'subscribe');
    const disposed = vi.spyOn(SyncEngine.prototype, 'dispose');
    const service = new SyncService(); // a worker woken by a save: its start and the save's events at once
    await Promise.all([service.run(), service.reconfigure(), service.reconfigure(), service.reconfigure()]);
    expect(created.mock.calls.length - disposed.mock.calls.length).toBe(1);
    created.mockRestore();
    disposed.mockRestore();
  });

  it('a start that failed once is tried again, not kept as the answer', async () => {
    world.url = RIGHT;
    world.settingsFail = true;
    const service = new SyncService();
    await expect(service.run()).rejects.toThrow('storage.local.get failed');
    world.settingsFail = false;
    const { store, id } = await queueOne(service);
    await service.run();
    expect((await store.get(id))!.state).toBe('sent');
  });
});
