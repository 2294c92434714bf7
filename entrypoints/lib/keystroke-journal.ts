/**
 * The popup's last-keystroke journal. MV3 constraint: a popup is destroyed the instant it loses
 * focus, and IndexedDB work the page had not yet started dies with it — the coalesced autosave may
 * hold a value waiting behind the write in flight. An extension-storage call, once made, is carried
 * out by the browser process even if the page is gone. So every input also records the latest
 * content here (one small `storage.local.set`), and the next popup applies it if IndexedDB is behind.
 */
import { journalReplay, type KeystrokeJournal } from '../../shared/config/journal';
import type { EditorModel } from '../../shared/models/types';
import { ext } from './ext';

const KEY = 'popupJournal';

/** Records the editor's current content; call after every `editor.update`. */
export function recordKeystroke(editor: EditorModel): void {
  const journal: KeystrokeJournal = { draftId: editor.draftId.value, content: editor.content.value, at: Date.now() };
  void ext.storage.local.set({ [KEY]: journal }).catch(() => undefined);
}

/** Forgets the journal (after submit: that content is frozen and queued). */
export function clearJournal(): void {
  void ext.storage.local.remove(KEY).catch(() => undefined);
}

/**
 * After the popup opened its draft: if the journal holds newer text for it (or for a draft whose
 * record never got created), puts that text back into the editor, which autosaves it.
 */
export async function replayJournal(editor: EditorModel, newestUpdatedAt: number | undefined): Promise<void> {
  const journal = (await ext.storage.local.get(KEY))[KEY] as KeystrokeJournal | undefined;
  const action = journalReplay(journal, {
    draftId: editor.draftId.value,
    state: editor.state.value,
    content: editor.content.value,
    newestUpdatedAt,
  });
  if (!action || !journal) return;
  if (action === 'new' && editor.draftId.value !== undefined) editor.startNew();
  editor.update(journal.content);
}
