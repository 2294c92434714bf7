/**
 * Text a page journalled as it went away (pagehide) while that text was not yet in IndexedDB: a
 * write in flight or waiting is abandoned when the page unloads, so the widget copies the fields
 * to synchronous storage at pagehide and hands them back here on the next load (docs/adr/010).
 */
import type { EditorModel } from './types';

/** What the page kept: the draft it belonged to (none: not yet stored), its text, and when. */
export interface UnsavedText {
  id?: string;
  title: string;
  description: string;
  at: number;
}

/**
 * Puts journalled text back into `editor`, which has just opened the page's draft (or a new one).
 * It goes into that draft when it is the journalled one and nothing newer was stored since, or
 * when the form is new and empty; otherwise into a new draft with the same challenge and page, so
 * that it neither overwrites text stored later (another tab) nor is lost. Nothing happens when the
 * form already shows it (the write did commit after all).
 */
export function restoreUnsaved(editor: EditorModel, lost: UnsavedText): void {
  const shown = editor.content.peek();
  if (lost.title === shown.title && lost.description === shown.description) return;
  const id = editor.draftId.peek();
  const status = editor.saveStatus.peek();
  const intoOpen = lost.id !== undefined && lost.id === id && status.kind === 'saved' && status.at <= lost.at;
  const empty = id === undefined && !shown.title && !shown.description;
  if (!intoOpen && !empty) editor.startNew({ challengeId: shown.challengeId, source: shown.source });
  editor.update({ title: lost.title, description: lost.description });
}
