/**
 * The hand-over from the context menu to the popup: the background stores the id of the draft it
 * just created; the popup opens it (once) instead of a new draft. Lives in IndexedDB meta, since
 * the worker may be gone by the time the popup asks.
 */
import type { DraftRecord } from '../../shared/domain/draft';
import type { IdeaSource } from '../../shared/domain/idea';
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

/**
 * The draft, still being written, that is about this selection on this page: the newest one with
 * the same address and quote. A popup closed and opened again on the same selection goes on with
 * it, instead of starting a second idea about the same text.
 */
export function draftAbout(drafts: readonly DraftRecord[], source: IdeaSource): DraftRecord | undefined {
  const quote = spaced(source.quote);
  return drafts
    .filter((d) => d.state === 'draft' && spaced(d.content.source?.quote) === quote && d.content.source?.url === source.url)
    .reduce<DraftRecord | undefined>((newest, d) => (!newest || d.updatedAt > newest.updatedAt ? d : newest), undefined);
}

/**
 * A quote with its runs of white space made one space: the context menu's `selectionText` comes with the selection's
 * line breaks turned into spaces (Chromium), the popup's `getSelection()` keeps them, and both are the same selection.
 */
const spaced = (quote: string | undefined) => quote?.replace(/\s+/g, ' ').trim();
