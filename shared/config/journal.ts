/**
 * The rule behind the popup's last-keystroke journal (entrypoints/lib/keystroke-journal.ts): when
 * does text recorded by a popup that died mid-save go back into the form? Pure, so it is tested here.
 */
import type { DraftState } from '../domain/draft';
import type { IdeaContent } from '../domain/idea';
import { contentKey } from '../domain/validation';

/** What a popup recorded on its last input. */
export interface KeystrokeJournal {
  /** The draft being edited, or undefined while its record was still being created. */
  draftId: string | undefined;
  content: IdeaContent;
  at: number;
}

/** What the new popup shows after opening its draft. */
export interface OpenedDraft {
  draftId: string | undefined;
  state: DraftState;
  content: IdeaContent;
  /** The newest `updatedAt` among all stored drafts, if any. */
  newestUpdatedAt: number | undefined;
}

/**
 * `replace`: the journal holds newer text for the draft on screen; `new`: it holds text for a draft
 * whose record never got created (newer than anything stored); `undefined`: nothing to do.
 * Never touches a draft that is no longer editable (submitted meanwhile). Keys typed while a submit was
 * stored, by a popup closed before it returned, are therefore not brought back: the journal cannot tell
 * them from the text as typed before the submit normalised it, or from a version the person discarded
 * in a 409 (docs/adr/008-popup-takes-keys-early.md, addendum).
 */
export function journalReplay(journal: KeystrokeJournal | undefined, opened: OpenedDraft): 'replace' | 'new' | undefined {
  if (!journal) return undefined;
  if (opened.state !== 'draft' && opened.state !== 'needs-attention') return undefined;
  if (journal.draftId !== undefined) {
    return journal.draftId === opened.draftId && contentKey(journal.content) !== contentKey(opened.content) ? 'replace' : undefined;
  }
  const newer = opened.newestUpdatedAt === undefined || journal.at > opened.newestUpdatedAt;
  return newer && journal.content.title + journal.content.description !== '' ? 'new' : undefined;
}
