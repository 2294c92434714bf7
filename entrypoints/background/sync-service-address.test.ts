/**
 * The popup's refresh of the challenges, answered by the old intranet after the address changed (the user corrected
 * it, or IT's policy changed): the old challenges must not come back over the new intranet's (docs/adr/039).
 */
import 'fake-indexeddb/auto';
(globalThis as { navigator?: object }).navigator ??= { language: 'sv-SE', onLine: true };
import { IDBFactory } from 'fake-indexeddb';
import { expect, it, vi } from 'vitest';
import { createIdeasApi } from '../../shared/api';
import { apiBaseFor } from '../../shared/config/settings';
import { FakeIdeasServer } from '../../shared/sync/testing/fake-server';

const OLD = 'https://old.example';
const NEW = 'https://intra.example';
let release: () => void = () => undefined;
const world = { url: OLD, gate: undefined as Promise<void> | undefined, oldServer: new FakeIdeasServer(), newServer: new FakeIdeasServer() };
world.oldServer.challenges.splice(0, 1, { id: 'gammal', title: 'Det gamla intranätets utmaning', summary: '', url: 'https://old.example/c' } as never);

const removed: string[] = [];
vi.mock('../lib/ext', () => ({
  // A generic build: access to each intranet is granted as it is set, and given back when it changes.
  ext: {
    permissions: { contains: async () => true, remove: async ({ origins }: { origins: string[] }) => (removed.push(...origins), true) },
    runtime: { getManifest: () => ({ host_permissions: ['http://127.0.0.1/*'], optional_host_permissions: ['https://*/*'] }) },
  },
  actionApi: () => ({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
}));
vi.mock('../lib/settings-store', () => ({
  loadSettings: async () => ({ settings: { intranetUrl: world.url, language: 'sv' }, locked: { intranetUrl: false, language: false }, refused: [] }),
}));
vi.mock('../lib/intranet-api', () => ({
  createIntranetApi: (url: string) =>
    createIdeasApi({
      baseUrl: apiBaseFor(url),
      clientName: 'idesluss-test/0.1.0',
      fetch: async (target: string, init?: RequestInit) => {
        if (target.startsWith(apiBaseFor(OLD))) {
          if (target.endsWith('/challenges') && world.gate) await world.gate; // the old intranet answers slowly
          return world.oldServer.handle(new Request(target, init));
        }
        return world.newServer.handle(new Request(target, init));
      },
    }),
}));

const { SyncService } = await import('./sync-service');

it('a popup refresh the old intranet answers after the address changed does not put its challenges back', async () => {
  globalThis.indexedDB = new IDBFactory();
  const service = new SyncService();
  await service.run(); // connected to OLD, LAST_ADDRESS = OLD
  const { store } = await service.storage();
  world.gate = new Promise<void>((r) => (release = r));
  const popup = service.onPopupOpened(0); // the popup opens: refresh against OLD, slow
  await new Promise((r) => setTimeout(r, 20));
  world.url = NEW; // the address is corrected / IT's policy changes
  await service.reconfigure();
  await vi.waitFor(async () => expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']), { timeout: 5000 });
  release();
  await popup;
  expect((await store.getChallenges())?.challenges.map((c) => c.id)).toEqual(['c1']);
  // The access granted for the old address went back with the change, whoever made it (DESIGN section 9).
  expect(removed).toEqual(['https://old.example/*']);
});
