import { useRef } from 'preact/hooks';
import { isEditable, type DraftRecord } from '../../shared/domain/draft';
import { isUnwritten, type IdeaSource } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { EditorModel } from '../../shared/models/types';
import { clearJournal } from '../lib/keystroke-journal';
import { itemTitle } from './item-text';

export interface StartAnotherProps {
  editor: EditorModel;
  t: Messages;
  /** The page the popup is about: the new idea's context. */
  pageSource: IdeaSource | undefined;
  announce(text: string): void;
  /** After the new draft is in the form (the popup's notices about the last one go). */
  onStarted(): void;
}

/**
 * "Lägg undan utkastet och börja på en ny idé": the popup reopens the draft being written (docs/adr/022), and this is
 * the way to leave it in the list and write a new idea about this page. Shown only for a draft that was already written
 * when the form showed it (an earlier popup's, or one opened with "Fortsätt skriva"): a draft begun in this popup
 * would make the button appear at its first key and push the form down under the typing.
 */
export function StartAnother({ editor, t, pageSource, announce, onStarted }: StartAnotherProps) {
  const p = t.popup;
  const id = editor.draftId.value;
  const content = editor.content.value;
  // Decided once per draft, when the form first shows it: begun here if it has no id yet (a new one, stored at its
  // first key) or is blank, and so is the stored draft such a one becomes. Clearing a draft shown written keeps the
  // button (it would otherwise go under the typing, and not come back).
  const shown = useRef<{ id: string | undefined | null; begunHere: boolean }>({ id: null, begunHere: false }); // null: none yet
  const before = shown.current;
  const begunHere = id === before.id ? before.begunHere || id === undefined : id === undefined || isUnwritten(content) || (before.id === undefined && before.begunHere);
  shown.current = { id, begunHere };
  const busy = useRef(false);
  if (begunHere || !isEditable(editor.state.value)) return null;

  const start = async () => {
    if (busy.current) return; // a second press while the first one's save runs
    busy.current = true;
    try {
      // Stored first: if that fails, the text stays in the form, with the save error and its copy advice under it.
      await editor.flush();
    } catch {
      announce(p.putAsideFailed);
      return;
    } finally {
      busy.current = false;
    }
    const title = itemTitle({ content: editor.content.peek() } as DraftRecord, t, true); // with what the save just stored
    editor.startNew(pageSource ? { source: pageSource } : {});
    clearJournal(); // the journal held the draft put aside, which is stored
    onStarted();
    announce(p.putAside(title));
    document.getElementById('title')?.focus();
  };
  return (
    <p class="start-another">
      <button type="button" class="link" data-start-another onClick={() => void start()}>{p.startAnother}</button>
    </p>
  );
}
