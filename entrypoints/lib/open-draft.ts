/**
 * The hand-over from the context menu to the popup: the background stores the id of the draft it
 * just created; the popup opens it (once) instead of a new draft. Lives in IndexedDB meta, since
 * the worker may be gone by the time the popup asks.
 */
import type { DraftStore } from '../../shared/storage';

const KEY = 'extension.openDraft';

/** Marks `id` as the draft the next popup should open. */
export function setDraftToOpen(store: DraftStore, id: string): Promise<void> {
  return store.setMeta(KEY, id);
}

/** Returns and clears the draft the popup should open, if any. */
export async function takeDraftToOpen(store: DraftStore): Promise<string | undefined> {
  const id = await store.getMeta<string | null>(KEY);
  if (!id) return undefined;
  await store.setMeta(KEY, null);
  return id;
}
