// @vitest-environment happy-dom
/**
 * A page where IndexedDB cannot be used (a private window of an older Firefox, storage turned off): each widget start
 * tries again, and a failed try must leave nothing behind, neither its channel nor its page listeners.
 */
import { expect, it, vi } from 'vitest';
import { getRuntime } from './runtime';

it('a start that fails leaves no channel open and no page listener behind, however often it is tried', async () => {
  const Channel = globalThis.BroadcastChannel;
  let open = 0;
  globalThis.BroadcastChannel = class extends Channel {
    constructor(name: string) {
      super(name);
      open++;
    }
    override close() {
      open--;
      super.close();
    }
  };
  vi.stubGlobal('indexedDB', undefined);
  const added = vi.spyOn(window, 'addEventListener');
  const removed = vi.spyOn(window, 'removeEventListener');
  for (let i = 0; i < 3; i++) await expect(getRuntime('')).rejects.toMatchObject({ name: 'StorageError' });
  const count = (spy: typeof added, types: string[]) => spy.mock.calls.filter(([type]) => types.includes(type)).length;
  expect(count(added, ['pagehide', 'pageshow'])).toBe(count(removed, ['pagehide', 'pageshow']));
  expect(open).toBe(0);
  globalThis.BroadcastChannel = Channel;
  vi.unstubAllGlobals();
});
