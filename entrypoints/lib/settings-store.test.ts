/**
 * The popup reads IT's policy from a copy the last full read left (`fast`); that copy must follow the
 * policy both when it changes and when it goes away.
 */
import { describe, expect, it, vi } from 'vitest';

const local: Record<string, unknown> = {};
let policy: Record<string, unknown> | undefined;

vi.mock('./ext', () => ({
  buildDefaultIntranet: () => undefined, // a generic build
  ext: {
    storage: {
      // Firefox: with no policy for the add-on, storage.managed.get rejects ("Managed storage manifest not found").
      managed: { get: async () => (policy ? { ...policy } : Promise.reject(new Error('Managed storage manifest not found'))) },
      local: {
        get: async (keys: string | string[]) => Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in local).map((k) => [k, local[k]])),
        set: async (values: Record<string, unknown>) => void Object.assign(local, values),
      },
    },
  },
}));

const { loadSettings } = await import('./settings-store');

describe('loadSettings: the popup\'s copy of the policy', () => {
  it('follows a policy IT removed (Firefox rejects the read when there is none)', async () => {
    local.intranetUrl = 'https://intranat.kommun.se'; // the user's own address
    policy = { intranetUrl: 'https://gamla-intranatet.kommun.se', language: 'en' };
    const withPolicy = await loadSettings({ fast: true }); // the first popup waits for the real read
    expect(withPolicy.settings.intranetUrl).toBe('https://gamla-intranatet.kommun.se');

    policy = undefined; // IT removes it
    const worker = await loadSettings(); // the worker's full read at its next start
    const popup = await loadSettings({ fast: true });
    expect(worker.settings).toEqual({ intranetUrl: 'https://intranat.kommun.se', language: 'browser' });
    expect(popup.settings).toEqual(worker.settings);
    expect(popup.locked).toEqual({ intranetUrl: false, language: false });
  });
});
