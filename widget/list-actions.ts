/**
 * The widget list's buttons: open another draft in the form, and take a queued idea back into it.
 * Thin: the shared editor model does the work; this keeps a draft in one widget of the page at a
 * time (./siblings.ts `claimed`) and says what happened.
 */
import { isEditable, type DraftRecord } from '../shared/domain/draft';
import { StorageError } from '../shared/storage';
import type { WidgetController } from './controller';
import { claimed } from './siblings';

/** Whether the user may open `d` here: editable, and not open in another widget on this page. */
export function editable(d: DraftRecord): boolean {
  return isEditable(d.state) && !claimed.has(d.id);
}

/** Opens another of this page's drafts, or one from another page (`pageDrafts`), in the editor. */
export async function editDraft(ctl: WidgetController, id: string): Promise<void> {
  const editor = ctl.editor;
  if (!editor || claimed.has(id)) return;
  ctl.release(editor);
  claimed.add(id);
  await editor.open(id);
}

/** Takes a queued idea back into the editor and says so; says why when the core refuses (it is being sent). */
export async function withdrawIdea(ctl: WidgetController, id: string): Promise<void> {
  const editor = ctl.editor;
  if (!editor) return;
  ctl.release(editor);
  await editor.withdraw(id).then(() => ctl.announce(ctl.host.m.withdrawn), (error: unknown) => {
    // Refused by the core: it is being sent this moment (as the popup, the user is told why); or the store failed.
    ctl.announce(error instanceof StorageError ? ctl.host.m.changeNotSaved : ctl.host.m.withdrawRefused);
    const open = editor.draftId.peek();
    if (open) claimed.add(open);
  });
}
