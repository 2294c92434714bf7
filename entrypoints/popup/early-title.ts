/**
 * The hand-over from popup.html's static title field to the real form. Browser constraint: the
 * popup's bundle needs tens of milliseconds to load, and more to open IndexedDB and the draft; keys
 * a user types in that time went nowhere. The static field (autofocused by the parser) takes them,
 * and `takeEarlyTitle` + `focusTitle` move them into the form within one task, so no key event can
 * fall between the two fields.
 */
import type { Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { IdeaContent } from '../../shared/domain/idea';
import type { EditorModel } from '../../shared/models/types';

/** localStorage key read by public/popup-early.js. */
const EARLY_KEY = 'idesluss:popup-early';

/** What the user typed in the static field, with the caret. */
export interface EarlyTitle {
  text: string;
  selectionStart: number;
  selectionEnd: number;
  /** This popup's localStorage journal entry for the field (public/popup-early.js), if any. */
  journalKey?: string;
}

/** Prefix of the static field's journal entries in localStorage, one per popup (public/popup-early.js). */
export const EARLY_JOURNAL_PREFIX = 'idesluss:early:';

/** Text an earlier popup's static field journalled: `title` typed at `at`, stored under `key`. */
export interface EarlyJournalEntry {
  key: string;
  title: string;
  at: number;
}

/** Remembers the heading and label for the next popup's static field (its language). */
export function rememberEarlyLabels(lang: Lang, t: Messages): void {
  try {
    localStorage.setItem(EARLY_KEY, JSON.stringify({ lang, heading: t.popup.heading, title: t.popup.title }));
  } catch {
    // Storage full or disabled: the static field shows its Swedish defaults.
  }
}

/**
 * Resolves when no IME composition (or dead key) is in progress in the static field: taking the
 * field mid-composition would take text the user has not chosen yet. public/popup-early.js marks a
 * composition with `data-composing`. Gives up waiting after `maxMs`, so the popup always starts.
 */
export function whenNotComposing(maxMs = 5000): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('#early input');
  if (!input?.hasAttribute('data-composing')) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    input.addEventListener('compositionend', done, { once: true });
  });
}

/** Reads and removes the static field; undefined when there is none (already taken). */
export function takeEarlyTitle(): EarlyTitle | undefined {
  const early = document.getElementById('early');
  const input = early?.querySelector('input');
  if (!early || !input) return undefined;
  const taken = {
    text: input.value,
    selectionStart: input.selectionStart ?? input.value.length,
    selectionEnd: input.selectionEnd ?? input.value.length,
    journalKey: input.dataset.journal,
  };
  early.remove();
  return taken;
}

/**
 * Puts early typing into the editor. A draft without a title takes it (a draft the context menu
 * made has only the quote); a draft with a title is left as it is (it stays in the list) and the
 * text starts a new draft with `preset` (the page), since the user typed into a field that looked empty.
 * Not while the form shows a failed save: its text exists only there (and in the journal), and a new
 * draft would replace it. False then, and the caller keeps the early entry for a later popup.
 */
export function applyEarlyTitle(editor: EditorModel, early: EarlyTitle | undefined, preset: Partial<IdeaContent>): boolean {
  if (!early?.text) return false;
  if (editor.content.peek().title) {
    if (editor.saveStatus.peek().kind === 'error') return false;
    editor.startNew(preset);
  }
  editor.update({ title: early.text });
  return true;
}

/** Focuses the real title field, with the caret where it was in the static one. */
export function focusTitle(early: EarlyTitle | undefined): void {
  const input = document.getElementById('title');
  if (!(input instanceof HTMLInputElement)) return;
  input.focus();
  if (early?.text) input.setSelectionRange(early.selectionStart, early.selectionEnd);
}

/**
 * Forgets this popup's journal entry once the form has taken the field over (the editor's autosave
 * and the keystroke journal hold the text from then on). Call in the same task as the hand-over.
 */
export function forgetEarlyEntry(early: EarlyTitle | undefined, storage: Storage = localStorage): void {
  if (!early?.journalKey) return;
  try {
    storage.removeItem(early.journalKey);
  } catch {
    // Storage disabled: there was no entry either.
  }
}

/**
 * The static-field text of earlier popups that were closed (or could not start) before the hand-over,
 * oldest first. `ownKey` is this popup's own entry, still being typed into, and is left alone.
 * Entries that are not what popup-early.js writes are removed: nothing else uses the prefix.
 */
export function staleEarlyEntries(storage: Storage, ownKey: string | undefined): EarlyJournalEntry[] {
  const entries: EarlyJournalEntry[] = [];
  const broken: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(EARLY_JOURNAL_PREFIX) || key === ownKey) continue;
    const entry = parseEntry(storage.getItem(key));
    if (entry) entries.push({ key, ...entry });
    else broken.push(key);
  }
  for (const key of broken) storage.removeItem(key);
  return entries.sort((a, b) => a.at - b.at);
}

function parseEntry(text: string | null): { title: string; at: number } | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    if (typeof value !== 'object' || value === null) return undefined;
    const { title, at } = value as Record<string, unknown>;
    return typeof title === 'string' && title !== '' && typeof at === 'number' && Number.isFinite(at) ? { title, at } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts the static-field text of earlier popups that closed before the hand-over into drafts, oldest
 * first, by the rule of `applyEarlyTitle` (an untitled draft takes it, else a new draft). Each entry
 * is removed only after its draft is saved, so a popup closed during this keeps it for the next one.
 * Resolves with how many entries became drafts. Storage errors leave the entries for another time.
 * `journal` records each update in the popup's keystroke journal (the popup passes `recordKeystroke`).
 */
export async function replayEarlyEntries(editor: EditorModel, storage: Storage = localStorage, journal?: (editor: EditorModel) => void): Promise<number> {
  let entries: EarlyJournalEntry[];
  try {
    const ownKey = document.querySelector<HTMLInputElement>('#early input')?.dataset.journal;
    entries = staleEarlyEntries(storage, ownKey);
  } catch {
    return 0; // localStorage disabled: popup-early.js could not journal either
  }
  let replayed = 0;
  for (const entry of entries) {
    // Journalled like every update (../lib/keystroke-journal.ts): the journal may still hold this draft's text
    // without the title, which the next popup would otherwise put back over it. The entry goes only once the draft
    // is stored: a journal without a draft id can be passed over (./journal.ts), and the entry is then the only copy.
    // (A popup closed during this write therefore replays it once more: a second draft, never a lost one.)
    if (!applyEarlyTitle(editor, { text: entry.title, selectionStart: 0, selectionEnd: 0 }, {})) break;
    journal?.(editor);
    try {
      await editor.flush();
    } catch {
      break; // not saved: the form says so and shows the text; the entry stays for the next popup
    }
    storage.removeItem(entry.key);
    replayed++;
  }
  return replayed;
}
