import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftRecord } from '../../shared/domain/draft';
import { isConflicted } from '../../shared/domain/lifecycle';
import { formatRelative, type Messages } from '../../shared/i18n';
import type { Lang } from '../../shared/domain/idea';
import { listWindow } from '../../shared/models/list-window';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';

/** Settled items (drafts, sent ideas) shown at first, and added by each "show more" (shared/models/list-window.ts). */
const FIRST = 20;
const MORE = 50;

export interface DraftListProps {
  drafts: DraftsModel;
  editor: EditorModel;
  sync: SyncStatusModel;
  t: Messages;
  lang: Lang;
  /** Moves focus back to the form after "edit". */
  onEdit(): void;
}

/** A clock for "next try in 2 minutes" that ticks while the popup is open. */
function useNow(periodMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(handle);
  }, [periodMs]);
  return now;
}

function DraftItem({ draft, props, now }: { draft: DraftRecord; props: DraftListProps; now: number }) {
  const { t, lang, editor, drafts, sync, onEdit } = props;
  const p = t.popup;
  const title = draft.content.title.trim() || p.untitled;
  const open = async () => {
    if (draft.state === 'queued' || draft.state === 'needs-attention') await editor.withdraw(draft.id);
    await editor.open(draft.id);
    onEdit();
  };
  return (
    // tabIndex -1: "show more" moves focus to the first item it revealed.
    <li data-draft-id={draft.id} data-state={draft.state} tabIndex={-1}>
      <div class="title">{title}</div>
      <div class="row">
        <span class={`badge-state ${draft.state}`}>{t.state[draft.state]}</span>
        {draft.state === 'sent' && draft.remoteStatus && <span class="meta">{t.status[draft.remoteStatus]}</span>}
      </div>
      {draft.state === 'queued' && (
        <p class="meta" data-next-try>{p.nextTry(formatRelative(Math.max(draft.nextAttemptAt ?? now, now), now, lang))}</p>
      )}
      {draft.state === 'queued' && draft.lastFailure?.kind === 'retry' && <p class="meta">{p.unreachable}</p>}
      {draft.lastFailure?.message && draft.state !== 'sent' && <p class="meta">{p.lastError(draft.lastFailure.message)}</p>}
      {draft.conflict && (
        <p class="meta">{p.conflict} <q>{draft.conflict.title}</q></p>
      )}
      {!draft.conflict && draft.state === 'needs-attention' && isConflicted(draft) && <p class="meta">{p.conflictUnknown}</p>}
      {draft.state === 'needs-attention' && isConflicted(draft) && (
        <div class="row">
          {draft.conflict && (
            <button type="button" class="link" onClick={() => void drafts.keepIntranetVersion(draft.id)}>{p.keepIntranetVersion}</button>
          )}
          <button type="button" class="link" onClick={() => void drafts.sendAsNewIdea(draft.id).then(() => sync.sendNow())}>{p.sendAsNewIdea}</button>
        </div>
      )}
      <div class="row">
        {draft.state === 'queued' && (
          <button type="button" onClick={() => void sync.sendNow()}>{p.sendNow}</button>
        )}
        {(draft.state === 'queued' || draft.state === 'needs-attention') && (
          <button type="button" class="link" onClick={open}>{draft.state === 'queued' ? p.withdraw : p.edit}</button>
        )}
        {draft.state === 'draft' && draft.id !== editor.draftId.value && (
          <>
            <button type="button" class="link" onClick={open}>{p.edit}</button>
            <button type="button" class="link" onClick={() => void drafts.remove(draft.id)}>{p.deleteDraft}</button>
          </>
        )}
      </div>
    </li>
  );
}

/**
 * Drafts and sent ideas on this computer, newest first, with state, next try and "send now". A long
 * list opens with its newest items and everything still on its way; "show more" reveals the rest.
 */
export function DraftList(props: DraftListProps) {
  const p = props.t.popup;
  const now = useNow(15_000);
  const list = props.drafts.drafts.value;
  const [limit, setLimit] = useState(FIRST);
  const listRef = useRef<HTMLUListElement>(null);
  const revealing = useRef<{ limit: number; before: Set<string> } | undefined>(undefined);
  const { shown, hidden } = listWindow(list, limit);
  // After "show more": focus the first item it revealed, so a keyboard user goes on from there.
  useEffect(() => {
    // Effects run after paint: the mount's own effect may come after the click; act on the new limit's.
    const pending = revealing.current;
    if (pending?.limit !== limit) return;
    revealing.current = undefined;
    const { before } = pending;
    const items = [...(listRef.current?.querySelectorAll<HTMLLIElement>('li[data-draft-id]') ?? [])];
    items.find((li) => !before.has(li.dataset.draftId ?? ''))?.focus();
  }, [limit]);
  const showMore = () => {
    revealing.current = { limit: limit + MORE, before: new Set(shown.map((d) => d.id)) };
    setLimit(limit + MORE);
  };
  return (
    <section aria-labelledby="list-heading">
      <h2 id="list-heading">{p.listHeading}</h2>
      {list.length === 0 ? (
        <p class="meta">{p.listEmpty}</p>
      ) : (
        <ul class="drafts" ref={listRef}>{shown.map((d) => <DraftItem key={d.id} draft={d} props={props} now={now} />)}</ul>
      )}
      {hidden > 0 && (
        <button type="button" class="link" data-show-more onClick={showMore}>{p.showMore(hidden)}</button>
      )}
    </section>
  );
}
