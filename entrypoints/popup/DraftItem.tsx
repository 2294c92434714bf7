import { useEffect, useState } from 'preact/hooks';
import type { DraftRecord } from '../../shared/domain/draft';
import { isConflicted, TransitionError } from '../../shared/domain/lifecycle';
import { partLang, type Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { StorageError } from '../../shared/storage';
import { failureText, itemTitle, nextTryText, sendOutcome, type ItemTextContext } from './item-text';
import type { DeletedDraftMemory } from '../../shared/models/deleted-draft';

/** What every item needs from the list: the models, the language, and the popup's callbacks. */
export interface DraftItemContext {
  drafts: DraftsModel;
  editor: EditorModel;
  sync: SyncStatusModel;
  t: Messages;
  lang: Lang;
  /** Whether an intranet address is set; without one there is nothing to "send now". */
  configured: boolean;
  /** The extension may not reach the configured address (../lib/host-access.ts): nothing to "send now" either. */
  noAccess?: boolean;
  /** Moves focus back to the form after "edit". */
  onEdit(): void;
  /** A draft was deleted: the list offers to undo it. `record` is the draft as it was. */
  onDeleted(record: DraftRecord, title: string): void;
  /** Keeps the last delete's undo for the next popup: a click outside the popup closes it (docs/adr/020). */
  deletedDrafts?: DeletedDraftMemory;
  /** Says `text` through the popup's live region. */
  announce(text: string): void;
  /** The queue's head's next try, for the ideas waiting behind it (./item-text.ts `queueHeadAt`). */
  queueNextAt?: number;
  /**
   * Called as an action starts whose button may go away (the item changes state or is deleted):
   * the list then moves focus to the item, or to its heading when the item is gone.
   */
  keepFocus(id: string): void;
}

/**
 * Why an action on a stored record failed, in our words; nothing typed is lost. A refused
 * transition of "take back" means the idea is being sent right now; of another button, that another
 * window got there first (a 409 settled there, a double click), which the list shows: nothing is said.
 */
function refusalText(error: unknown, t: Messages, withdrawing = false): string | undefined {
  if (error instanceof TransitionError) return withdrawing ? t.storage.withdrawRefused : error.refusal.reason === 'no-conflict' ? undefined : t.storage.error.unknown;
  if (withdrawing) return error instanceof StorageError ? t.storage.error[error.code] : t.storage.error.unknown;
  return t.storage.changeNotSaved;
}

/**
 * One draft or sent idea: title, state, next try or what it waits for, why the last try failed, the
 * 409 choices, and its actions. A refused "take back" (the idea is being sent) is said in an alert.
 */
export function DraftItem({ draft, c, now }: { draft: DraftRecord; c: DraftItemContext; now: number }) {
  const { t, editor, drafts, sync, onEdit, announce, keepFocus } = c;
  const p = t.popup;
  const [refusal, setRefusal] = useState<string | undefined>();
  const waitsForAccount = sync.accountSwitch.value?.previous.name;
  const text: ItemTextContext = { t, lang: c.lang, now, pausedForSignIn: sync.paused.value === 'auth', waitsForAccount, configured: c.configured, noAccess: c.noAccess, offline: !sync.online.value, queueNextAt: c.queueNextAt };
  const title = itemTitle(draft, t);
  // Each action's description names its idea: a list of "Redigera" buttons is otherwise ambiguous.
  const titleId = `item-title-${draft.id}`;
  const failure = failureText(draft, t, text);
  const settled = draft.state !== 'queued' && draft.state !== 'sending';
  // The refusal is about a send in progress: it no longer applies once the idea has moved on.
  useEffect(() => {
    if (settled) setRefusal(undefined);
  }, [settled]);

  const open = async () => {
    setRefusal(undefined);
    keepFocus(draft.id);
    try {
      if (draft.state === 'queued' || draft.state === 'needs-attention') await editor.withdraw(draft.id);
      await editor.open(draft.id);
    } catch (error) {
      setRefusal(refusalText(error, t, true));
      return;
    }
    onEdit();
  };
  const sendNow = async () => {
    keepFocus(draft.id);
    await sync.sendNow().catch(() => undefined);
    await drafts.refresh().catch(() => undefined);
    announce(sendOutcome(drafts.drafts.value.find((d) => d.id === draft.id) ?? draft, text));
    // The button went away while the idea was `sending`, and focus with it (to the item). If the try
    // failed, the button is back: give it the focus again, so Enter tries once more (WCAG 2.4.3).
    requestAnimationFrame(() => {
      const item = document.querySelector<HTMLElement>(`li[data-draft-id="${CSS.escape(draft.id)}"]`);
      const active = document.activeElement;
      if (item && (active === item || active === document.body || !active?.isConnected)) item.querySelector<HTMLButtonElement>('[data-send-now]')?.focus();
    });
  };
  const remove = async () => {
    try {
      // Kept first: the popup may close a moment after the delete. Not kept (storage full): this popup's undo still stands.
      await c.deletedDrafts?.remember(draft).catch(() => undefined);
      const removed = await drafts.remove(draft.id);
      // The stored record may be newer than the list's (a keystroke a moment ago): that one is kept then.
      if (removed && removed.updatedAt !== draft.updatedAt) void c.deletedDrafts?.remember(removed).catch(() => undefined);
      const quoted = itemTitle(draft, t, true); // the sentences below put it in quotes
      c.onDeleted(removed ?? draft, quoted);
      announce(p.draftDeleted(quoted));
    } catch (error) {
      setRefusal(refusalText(error, t));
    }
  };
  const settle = (action: Promise<unknown>) => {
    keepFocus(draft.id);
    action.catch((error: unknown) => setRefusal(refusalText(error, t)));
  };

  return (
    // tabIndex -1: "show more" and the actions below move focus to the item.
    <li data-draft-id={draft.id} data-state={draft.state} tabIndex={-1}>
      {/* dir="auto": a title in Arabic or Hebrew reads in its own direction. */}
      {/* A title is marked with the idea's language when the UI is in another (WCAG 3.1.2: a Swedish title in the
          English popup); "(utan rubrik) …" is our own sentence. */}
      <div class="title" id={titleId} dir="auto" lang={draft.content.title.trim() ? partLang(draft.content.lang, c.lang) : undefined}>{title}</div>
      <div class="row">
        <span class={`badge-state ${draft.state}`}>{t.state[draft.state]}</span>
        {draft.state === 'sent' && draft.remoteStatus && <span class="meta">{t.status[draft.remoteStatus]}</span>}
      </div>
      {draft.state === 'queued' && <p class="meta" data-next-try>{nextTryText(draft, text)}</p>}
      {failure && <p class="meta" data-failure>{failure}</p>}
      {draft.conflict && (
        <>
          <p class="meta">{p.conflict} <q dir="auto" lang={partLang(draft.conflict.lang, c.lang)}>{draft.conflict.title}</q></p>
          <p class="meta" id={`keep-hint-${draft.id}`}>{p.keepIntranetHint}</p>
        </>
      )}
      {!draft.conflict && draft.state === 'needs-attention' && isConflicted(draft) && <p class="meta">{p.conflictUnknown}</p>}
      {draft.state === 'needs-attention' && isConflicted(draft) && (
        <div class="row">
          {draft.conflict && (
            <button type="button" class="link" aria-describedby={`${titleId} keep-hint-${draft.id}`} onClick={() => settle(drafts.keepIntranetVersion(draft.id))}>{p.keepIntranetVersion}</button>
          )}
          <button type="button" class="link" aria-describedby={titleId} onClick={() => settle(drafts.sendAsNewIdea(draft.id).then(() => sync.sendNow()))}>{p.sendAsNewIdea}</button>
        </div>
      )}
      <div class="row">
        {draft.state === 'queued' && c.configured && !c.noAccess && (
          <button type="button" data-send-now aria-describedby={titleId} onClick={() => void sendNow()}>{p.sendNow}</button>
        )}
        {(draft.state === 'queued' || draft.state === 'needs-attention') && (
          <button type="button" class="link" aria-describedby={titleId} onClick={() => void open()}>{draft.state === 'queued' ? p.withdraw : p.edit}</button>
        )}
        {draft.state === 'draft' && draft.id !== editor.draftId.value && (
          <>
            <button type="button" class="link" aria-describedby={titleId} onClick={() => void open()}>{p.edit}</button>
            <button type="button" class="link" aria-describedby={titleId} onClick={() => void remove()}>{p.deleteDraft}</button>
          </>
        )}
      </div>
      {refusal && <p class="error" role="alert" data-refusal>{refusal}</p>}
    </li>
  );
}
