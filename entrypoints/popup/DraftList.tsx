import { useEffect, useRef, useState } from 'preact/hooks';
import { isListed, type DraftRecord } from '../../shared/domain/draft';
import { StorageError } from '../../shared/storage';
import { limitShowing, listWindow } from '../../shared/models/list-window';
import { DraftItem, type DraftItemContext } from './DraftItem';
import { itemTitle, queueHeadAt } from './item-text';

/** Settled items (drafts, sent ideas) shown at first, and added by each "show more" (shared/models/list-window.ts). */
const FIRST = 20;
const MORE = 50;

/** The list's props: what every item needs, less the focus hand-over and the undo the list does itself. */
export type DraftListProps = Omit<DraftItemContext, 'keepFocus' | 'onDeleted'>;

/** The draft deleted last, while its "undo" is offered. */
interface Deleted {
  record: DraftRecord;
  title: string;
  /** Why putting it back failed, if it did. */
  error?: string;
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

/**
 * Keeps keyboard focus in the list when an action's button goes away (WCAG 2.4.3): after each
 * render, if focus fell to the page's body, it moves to the item acted on, or to the list's
 * heading when the item is gone. Focus the user has moved elsewhere ends the hand-over.
 */
function useFocusHandOver(section: { current: HTMLElement | null }, heading: { current: HTMLElement | null }): (id: string) => void {
  const pending = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = pending.current;
    if (id === undefined) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (!lost) {
      if (!section.current?.contains(active)) pending.current = undefined;
      return;
    }
    pending.current = undefined;
    const items = [...(section.current?.querySelectorAll<HTMLLIElement>('li[data-draft-id]') ?? [])];
    (items.find((li) => li.dataset.draftId === id) ?? heading.current)?.focus();
  });
  return (id: string) => {
    pending.current = id;
  };
}

/**
 * Drafts and sent ideas on this computer, newest first, with state, next try and "send now". A long
 * list opens with its newest items and everything still on its way; "show more" reveals the rest.
 * After an action, focus stays in the list even when the action's button goes away.
 */
export function DraftList(props: DraftListProps) {
  const p = props.t.popup;
  const now = useNow(15_000);
  // Not a draft with nothing written in it, unless it is the one in the form and was listed in this popup before:
  // it would vanish and come back while the person clears the title to write it anew. (An empty draft the popup
  // opens with, one typed in and cleared earlier, is not listed until something is written in it.)
  const listedOnce = useRef(new Set<string>());
  const shows = (d: DraftRecord, open: string | undefined) => {
    if (isListed(d)) listedOnce.current.add(d.id);
    return isListed(d) || (d.id === open && listedOnce.current.has(d.id));
  };
  const open = props.editor.draftId.value;
  const list = props.drafts.drafts.value.filter((d) => shows(d, open));
  const [limit, setLimit] = useState(FIRST);
  const listRef = useRef<HTMLUListElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const keepFocus = useFocusHandOver(sectionRef, headingRef);
  // "Ta bort utkastet" has no confirmation; an undo stands in its place until the next delete or
  // the popup closes (docs/adr/020). Focus goes to it, since the deleted item's button is gone (WCAG 2.4.3).
  const [deleted, setDeleted] = useState<Deleted | undefined>();
  const undoRef = useRef<HTMLButtonElement>(null);
  const focusUndo = useRef(false);
  useEffect(() => {
    if (!focusUndo.current) return;
    focusUndo.current = false;
    undoRef.current?.focus();
  }, [deleted]);
  const onDeleted = (record: DraftRecord, title: string) => {
    focusUndo.current = true;
    setDeleted({ record, title });
  };
  // A delete in a popup that then closed (a click outside it) is offered again for a while; focus stays in the form.
  const { deletedDrafts, t } = props;
  useEffect(() => {
    void deletedDrafts?.recall().then(
      (record) => record && setDeleted((current) => current ?? { record, title: itemTitle(record, t, true) }),
      () => undefined,
    );
  }, [deletedDrafts, t]);
  const undo = async () => {
    if (!deleted) return;
    const { record, title } = deleted;
    // Another delete while this one is stored replaces the offer: leave that one alone.
    const settle = (next: Deleted | undefined) => setDeleted((current) => (current?.record.id === record.id ? next : current));
    keepFocus(record.id);
    try {
      await props.drafts.restore(record);
      void props.deletedDrafts?.forget().catch(() => undefined);
      // Back at its old place in the list: widen the window so it is not hidden behind "show more".
      setLimit((current) => limitShowing(props.drafts.drafts.peek().filter((d) => shows(d, props.editor.draftId.peek())), record.id, current));
      settle(undefined);
      props.announce(p.draftRestored(title));
    } catch (error) {
      const reason = error instanceof StorageError ? props.t.storage.error[error.code] : props.t.storage.error.unknown;
      settle({ record, title, error: reason });
      props.announce(reason);
    }
  };
  const c: DraftItemContext = { ...props, keepFocus, onDeleted, queueNextAt: queueHeadAt(list) };
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
    <section aria-labelledby="list-heading" ref={sectionRef}>
      {/* tabIndex -1: focus comes here when the item acted on is gone (useFocusHandOver). */}
      <h2 id="list-heading" tabIndex={-1} ref={headingRef}>{p.listHeading}</h2>
      {deleted && (
        <p class="notice" data-undo>
          {p.draftDeleted(deleted.title)}{' '}
          {/* Named in full: the sentence before it was just said through the live region. */}
          <button type="button" class="link" ref={undoRef} aria-label={p.undoDeleteLabel(deleted.title)} onClick={() => void undo()}>{p.undoDelete}</button>
          {/* Said through the live region (an inserted alert is not read everywhere); shown here. */}
          {deleted.error && <span class="error"> {deleted.error}</span>}
        </p>
      )}
      {list.length === 0 ? (
        <p class="meta">{p.listEmpty}</p>
      ) : (
        <ul class="drafts" ref={listRef}>{shown.map((d) => <DraftItem key={d.id} draft={d} c={c} now={now} />)}</ul>
      )}
      {hidden > 0 && (
        <button type="button" class="link" data-show-more onClick={showMore}>{p.showMore(Math.min(hidden, MORE))}</button>
      )}
    </section>
  );
}
