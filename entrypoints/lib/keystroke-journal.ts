/**
 * The popup's last-keystroke journal. MV3 constraint: a popup is destroyed the instant it loses
 * focus, and IndexedDB work the page had not yet started dies with it — the coalesced autosave may
 * hold a value waiting behind the write in flight. An extension-storage call, once made, is carried
 * out by the browser process even if the page is gone. So every input also records the latest
 * content here (one small `storage.local.set`), and the next popup applies it if IndexedDB is behind.
 */
import { effect, untracked } from '@preact/signals';
import { journalReplay, type KeystrokeJournal } from '../../shared/config/journal';
import type { EditorModel } from '../../shared/models/types';
import { ext } from './ext';

const KEY = 'popupJournal';

/** True while the journal's last entry names no draft: its record was being created (see `journalCreatedDraft`). */
let awaitingId = false;

/** Records the editor's current content; call after every `editor.update`. */
export function recordKeystroke(editor: EditorModel): void {
  const journal: KeystrokeJournal = untracked(() => ({ draftId: editor.draftId.value, content: editor.content.value, at: Date.now() }));
  awaitingId = journal.draftId === undefined;
  void ext.storage.local.set({ [KEY]: journal }).catch(() => undefined);
}

/**
 * Keys typed while a new draft's record is being created are journalled without an id. Should the popup die
 * after that create but before the next write, the next popup would take the journal for a draft never
 * stored and make a second one beside it. So the journal is written again, naming the draft, the moment
 * its record exists. Call once per popup; returns the disposer.
 */
export function journalCreatedDraft(editor: EditorModel): () => void {
  return effect(() => {
    if (editor.draftId.value !== undefined && awaitingId) recordKeystroke(editor);
  });
}

/** Forgets the journal (after submit: that content is frozen and queued). */
export function clearJournal(): void {
  void ext.storage.local.remove(KEY).catch(() => undefined);
}

/**
 * Puts text that a popup closed mid-save left in the journal back into its own draft, and saves it,
 * before the new popup chooses which draft to show: that popup's first keystroke overwrites the
 * journal, whichever draft it goes into (one opened on a selection, or from the context menu).
 * `replayed`: the editor shows that draft, saved; `none`: IndexedDB was not behind (or the journal
 * could not be read); `unsaved`: saving the replayed text failed, so it is only on screen and the
 * caller must keep showing it (the form shows the error with its copy advice).
 */
export async function replayJournal(editor: EditorModel, newestUpdatedAt: number | undefined): Promise<'replayed' | 'none' | 'unsaved'> {
  let journal: KeystrokeJournal | undefined;
  try {
    journal = (await ext.storage.local.get(KEY))[KEY] as KeystrokeJournal | undefined;
  } catch {
    return 'none';
  }
  if (!journal) return 'none';
  await editor.open(journal.draftId); // without an id (its record was never created): the latest draft
  const action = journalReplay(journal, {
    draftId: editor.draftId.value,
    state: editor.state.value,
    content: editor.content.value,
    newestUpdatedAt,
  });
  if (!action) return 'none';
  if (action === 'new' && editor.draftId.value !== undefined) editor.startNew();
  editor.update(journal.content);
  return editor.flush().then(
    () => 'replayed' as const,
    () => 'unsaved' as const,
  );
}
