/**
 * Reads and writes the extension's settings: IT's values from `storage.managed` (managed_schema.json),
 * the user's from `storage.local`, the build default last. Every value is checked in
 * shared/config/settings.ts; a hostile policy value never takes effect.
 */
import { resolveSettings, type RawSettings, type ResolvedSettings, type Settings } from '../../shared/config/settings';
import { buildDefaultIntranet, ext } from './ext';

const KEYS = ['intranetUrl', 'language'];

const MANAGED_CACHE = 'managedCache';

/**
 * `storage.managed`. Chromium's managed reads can take hundreds of milliseconds (the policy
 * service), and the popup must be ready to type at once. Every successful read leaves a copy in
 * `storage.local`; with `fast`, that copy is used when present (a fresh read updates it for next
 * time), else we wait at most 50 ms for the real read (the worker, which starts with the browser,
 * normally left a copy long before). Where no policy schema exists (Firefox without policies) the
 * read throws: treat as no policy, and leave that as the copy.
 */
async function readManaged(fast: boolean): Promise<RawSettings> {
  const fresh = ext.storage.managed.get(KEYS).then(
    async (values) => {
      await ext.storage.local.set({ [MANAGED_CACHE]: values });
      return values as RawSettings;
    },
    async () => {
      // No policy (Firefox rejects when none is installed): the popup's copy must say so too, or
      // a policy IT removed would live on in every popup (the `fast` read trusts the copy).
      await ext.storage.local.set({ [MANAGED_CACHE]: {} }).catch(() => undefined);
      return undefined;
    },
  );
  if (!fast) return fresh;
  const cached = (await ext.storage.local.get(MANAGED_CACHE))[MANAGED_CACHE] as RawSettings;
  if (cached !== undefined) return cached;
  const timedOut = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50));
  return Promise.race([fresh, timedOut]);
}

/**
 * The settings in effect now, with what is locked and what was refused. `fast` (the popup) takes
 * the last known policy instead of waiting for Chromium's policy service; the options page and the
 * worker wait for the real values.
 */
export async function loadSettings(options: { fast?: boolean } = {}): Promise<ResolvedSettings> {
  const [managed, local] = await Promise.all([readManaged(options.fast ?? false), ext.storage.local.get(KEYS) as Promise<RawSettings>]);
  return resolveSettings(managed, local, buildDefaultIntranet());
}

/** Stores the user's own (already checked) values. */
export async function saveSettings(values: Partial<Settings>): Promise<void> {
  await ext.storage.local.set(values);
}

/** Calls `listener` whenever the user's or IT's settings change; returns the unsubscribe function. */
export function onSettingsChanged(listener: () => void): () => void {
  // Only the settings themselves: our own managedCache writes must not trigger a re-read loop.
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && KEYS.some((key) => key in changes))) listener();
  };
  ext.storage.onChanged.addListener(handler);
  return () => ext.storage.onChanged.removeListener(handler);
}
