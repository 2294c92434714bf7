/**
 * The widget's unload journal (docs/adr/010-widget-unload-journal.md): text not yet in IndexedDB,
 * kept in localStorage as the page goes away and taken back by the next load.
 */
import type { IdeaContent } from '../shared/domain/idea';
import type { UnsavedText } from '../shared/models/restore-unsaved';
import type { EditorModel } from '../shared/models/types';

/** localStorage prefix of the unload journal (docs/adr/010-widget-unload-journal.md). */
const UNSAVED = 'idesluss-unsaved:';

/**
 * Keeps text not yet in IndexedDB under `key`, synchronously, and returns what forgets exactly this
 * entry (once IndexedDB has the text; a newer entry stays). Browser constraint: at pagehide a page
 * can still start an IndexedDB write, but the unload abandons it; localStorage is written at once.
 * Storage can throw (full, disabled): then the write in flight is all there is.
 */
export function keepUnsaved(key: string, text: UnsavedText): () => void {
  const json = JSON.stringify(text);
  try {
    localStorage.setItem(UNSAVED + key, json);
  } catch {
    // nothing more can be done while the page goes away
  }
  return forgetter(key, json);
}

/**
 * The entry kept under `key`, if it is shaped like one, and what forgets it once its text is
 * stored. It stays in localStorage until then: a page that goes away again first keeps it.
 */
export function peekUnsaved(key: string): { text: UnsavedText; forget: () => void } | undefined {
  let json: string | null = null;
  try {
    json = localStorage.getItem(UNSAVED + key);
    const v = JSON.parse(json ?? 'null') as Partial<UnsavedText> | null;
    const ok = typeof v?.title === 'string' && typeof v.description === 'string' && typeof v.at === 'number' && (v.id === undefined || typeof v.id === 'string');
    if (ok) return { text: v as UnsavedText, forget: forgetter(key, json) };
  } catch {
    // unreadable, or not JSON
  }
  forgetter(key, json)(); // not an entry: dropped
  return undefined;
}

function forgetter(key: string, json: string | null): () => void {
  return () => {
    try {
      if (localStorage.getItem(UNSAVED + key) === json) localStorage.removeItem(UNSAVED + key);
    } catch {
      // unreadable: the next load finds the text already stored and leaves it
    }
  };
}

/**
 * Called at pagehide and visibilitychange: journals what `editor` has not stored yet (a write in
 * flight, waiting or failed) or, before the editor exists, what was typed (`early`). Returns what
 * forgets the entry, to call once IndexedDB has the text; undefined when nothing needed keeping.
 */
export function journalUnsaved(key: string, editor: EditorModel | undefined, early: Partial<IdeaContent>): (() => void) | undefined {
  const kind = editor?.saveStatus.peek().kind;
  const text = editor?.content.peek() ?? early;
  const unsaved = editor ? kind === 'saving' || kind === 'error' : text.title || text.description;
  return unsaved ? keepUnsaved(key, { id: editor?.draftId.peek(), title: text.title ?? '', description: text.description ?? '', at: Date.now() }) : undefined;
}
