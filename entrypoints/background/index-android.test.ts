/**
 * Firefox for Android has no context menus: the worker must still listen for every trigger, keep its sync alarm and
 * run sync at start. Before, `ext.contextMenus.onClicked` threw in `main()` and nothing after it was set up.
 */
import { expect, it, vi } from 'vitest';

const calls: string[] = [];
const event = (name: string) => ({ addListener: () => void calls.push(name) });
vi.mock('wxt/utils/define-background', () => ({ defineBackground: (definition: unknown) => definition }));
vi.mock('../lib/ext', () => ({
  ext: {
    runtime: { onInstalled: event('onInstalled'), onStartup: event('onStartup'), onMessage: event('onMessage'), id: 'x', getURL: () => 'moz-extension://u/' },
    alarms: { onAlarm: event('onAlarm'), get: async () => undefined, create: async () => void calls.push('alarm created') },
    tabs: { onUpdated: event('tabs.onUpdated') },
    permissions: { onAdded: event('permissions.onAdded'), onRemoved: event('permissions.onRemoved') },
    storage: { onChanged: event('storage.onChanged') },
    // no contextMenus
  },
  extensionOrigin: () => 'moz-extension://u/',
  actionApi: () => ({}),
}));
vi.mock('./sync-service', () => ({
  SyncService: class {
    run() {
      calls.push('sync run');
      return Promise.resolve();
    }
  },
}));

it('starts everything but the menu on a browser without context menus', async () => {
  // A worker's global scope has `addEventListener` ('online'); Node's has not.
  (globalThis as { addEventListener?: unknown }).addEventListener ??= (type: string) => void calls.push(`window.${type}`);
  const background = (await import('./index')).default as unknown as { main(): void };
  expect(() => background.main()).not.toThrow();
  await vi.waitFor(() => expect(calls).toEqual(expect.arrayContaining(['tabs.onUpdated', 'permissions.onAdded', 'storage.onChanged', 'alarm created', 'sync run'])));
});
