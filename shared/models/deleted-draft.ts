/**
 * The draft deleted last, kept for a while so that its "undo" (docs/adr/020) outlives the view it was
 * deleted in: a click outside the browser's toolbar popup closes it, and used to take the offer, and
 * the draft, with it. Kept in the store's `meta` for `UNDO_WINDOW_MS`, then forgotten, so that a text
 * deleted on purpose does not linger on the device. The popup uses it; the widget does not import it.
 */
import type { DraftRecord } from '../domain/draft';
import type { DraftStore } from '../storage/types';

/** The `meta` key of the draft deleted last. */
export const DELETED_DRAFT_KEY = 'drafts.deletedLast';
/** How long after a delete a view that opens still offers to undo it. */
export const UNDO_WINDOW_MS = 10 * 60_000;

interface KeptDraft {
  record: DraftRecord;
  deletedAt: number;
}

/** What a view needs to offer the undo of the last delete across openings. */
export interface DeletedDraftMemory {
  /** Call just before deleting `record` (the draft as the user saw it). Rejects with StorageError. */
  remember(record: DraftRecord): Promise<void>;
  /**
   * The draft deleted last, while its undo is still offered: within `UNDO_WINDOW_MS` and not back in
   * the store. Forgets one that is older or back. Rejects with StorageError.
   */
  recall(): Promise<DraftRecord | undefined>;
  /** After the undo: nothing more to offer. Rejects with StorageError. */
  forget(): Promise<void>;
}

/** Creates the memory over the context's store; `now` defaults to `Date.now`. */
export function createDeletedDraftMemory(store: DraftStore, now: () => number = Date.now): DeletedDraftMemory {
  const forget = () => store.setMeta<KeptDraft | null>(DELETED_DRAFT_KEY, null);
  return {
    remember: (record) => store.setMeta<KeptDraft>(DELETED_DRAFT_KEY, { record, deletedAt: now() }),
    async recall() {
      const kept = await store.getMeta<KeptDraft | null>(DELETED_DRAFT_KEY);
      if (!kept) return undefined;
      if (Math.abs(now() - kept.deletedAt) > UNDO_WINDOW_MS || (await store.get(kept.record.id))) {
        await forget();
        return undefined;
      }
      return kept.record;
    },
    forget,
  };
}
