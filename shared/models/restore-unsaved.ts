/**
 * Text a page journalled as it went away (pagehide) while that text was not yet in IndexedDB: a
 * write in flight or waiting is abandoned when the page unloads, so the widget copies the fields
 * to synchronous storage at pagehide and hands them back here on the next load (docs/adr/010).
 * The popup's journal (../config/journal.ts) decides by time, since one popup runs at a time; a
 * page can be open in several tabs, so this rule asks the stored drafts instead.
 */
import { isEditable, type DraftRecord } from '../domain/draft';
import type { EditorModel } from './types';

/** What the page kept: the draft it belonged to (none: not yet stored), its text, and when. */
export interface UnsavedText {
  id?: string;
  title: string;
  description: string;
  at: number;
}

/**
 * Puts journalled text back into `editor`, which has just opened the page's draft (or a new one);
 * `drafts` are the stored drafts. Returns whether it changed the form. The text goes:
 * - into its draft when the form shows it and nothing newer was stored since (another tab's later
 *   save wins, as two tabs' autosaves do: docs/adr/009);
 * - into a new draft beside the opened one when its draft is still a draft but open elsewhere;
 * - nowhere when its draft was submitted or deleted meanwhile, or already holds the text;
 * - for text never stored (no id): nowhere if a draft already holds exactly it (its first write did
 *   commit), else into the form if it is new and empty, else into a new draft beside the opened one.
 */
export function restoreUnsaved(editor: EditorModel, lost: UnsavedText, drafts: readonly DraftRecord[]): boolean {
  const shown = editor.content.peek();
  const text = { title: lost.title, description: lost.description };
  const holds = (c: { title: string; description: string }) => c.title === text.title && c.description === text.description;
  const id = editor.draftId.peek();
  let beside = id !== undefined || !!shown.title || !!shown.description;
  if (lost.id !== undefined) {
    const record = drafts.find((d) => d.id === lost.id);
    const status = editor.saveStatus.peek();
    beside = id !== lost.id;
    if (!record || !isEditable(record.state) || holds(record.content) || holds(shown)) return false;
    if (!beside && (status.kind !== 'saved' || status.at > lost.at)) return false;
  } else if (drafts.some((d) => holds(d.content))) return false;
  if (beside) editor.startNew({ challengeId: shown.challengeId, source: shown.source });
  editor.update(text);
  return true;
}
