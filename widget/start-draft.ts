/**
 * Which draft a starting widget shows, and where the unload journal's text goes back in
 * (docs/adr/010-widget-unload-journal.md). Called once per widget, when the page's runtime is up.
 */
import type { DraftRecord } from '../shared/domain/draft';
import type { IdeaContent } from '../shared/domain/idea';
import { restoreUnsaved, type UnsavedText } from '../shared/models/restore-unsaved';
import type { EditorModel } from '../shared/models/types';
import { recall } from './page';
import { claimed, pageDraft, sessionKey } from './siblings';
import { peekUnsaved } from './unload-journal';

/** What a widget brings to its start. */
export interface StartContext {
  host: HTMLElement & { challenge?: string };
  editor: EditorModel;
  /** The page runtime's drafts, newest first. */
  drafts: DraftRecord[];
  /** This widget's journal entry, peeked before the runtime was awaited. */
  lost: { text: UnsavedText; forget: () => void } | undefined;
  /** True when keys were typed before the runtime was up: they start a new draft. */
  typed: boolean;
  preset: () => Partial<IdeaContent>;
}

/**
 * Opens the journalled draft, else this tab's (sessionStorage survives a reload, per tab), else
 * this page's latest that no other widget of the page remembers or journalled; puts the journal's
 * text back, and leaves the editor on a new draft when early keys are to go there. The journal
 * entry is forgotten once the restored text is stored.
 */
export async function openStartDraft({ host, editor, drafts, lost, typed, preset }: StartContext): Promise<void> {
  const others = [...document.querySelectorAll<typeof host>(host.localName)].filter((el) => el !== host).map(sessionKey);
  const reserved = new Set(others.flatMap((k) => [recall(k), peekUnsaved(k)?.text.id]));
  const mine = pageDraft(drafts, host.challenge?.trim() || undefined, lost?.text.id ?? recall(sessionKey(host)), reserved);
  // Keys typed before the runtime was up start a new draft, unless the journal's draft needs opening first.
  const open = mine && (!typed || mine.id === lost?.text.id);
  if (open) {
    claimed.add(mine.id);
    await editor.open(mine.id);
  } else {
    editor.startNew(preset());
  }
  if (!lost) return;
  const restored = restoreUnsaved(editor, lost.text, drafts);
  void editor.flush().then(lost.forget, () => undefined); // before any startNew: this draft's write
  if (typed && (open || restored)) editor.startNew(preset());
  if (open && editor.draftId.peek() !== mine.id) claimed.delete(mine.id);
}
