/**
 * Asking the browser to keep our data when it runs short of space (DESIGN section 5). Without it,
 * "best-effort" storage may be evicted under pressure — with unsent drafts in it.
 */

/** What the browser said: granted, refused, or the API does not exist here (workers in some browsers). */
export type PersistResult = 'granted' | 'denied' | 'unsupported';

/** The part of StorageManager we use; injectable for tests. */
export type PersistApi = Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

/**
 * Asks for persistent storage once, at start-up of a window context (the prompt, where a browser
 * shows one, needs a page). Never throws: a refusal is not an error, drafts still work.
 */
export async function requestPersistentStorage(storage: PersistApi | undefined = globalThis.navigator?.storage): Promise<PersistResult> {
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
