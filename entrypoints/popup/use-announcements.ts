/**
 * The popup's live region: what it says, and the two ways something gets said — a state change
 * of an idea seen while the popup is open, or an explicit outcome of the user's action ("send
 * now", "delete"). Also tracks the celebration shown when an idea reaches the intranet.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftState } from '../../shared/domain/draft';
import type { Messages } from '../../shared/i18n';
import type { DraftsModel } from '../../shared/models/types';

/** An outcome said again within this time is not repeated (a state change may have said it already). */
const REPEAT_MS = 3000;

/** The live region's text, and `announce`, which says a text even when it is the same as last time. */
export function useAnnouncer(): { announcement: string; announce(text: string, force?: boolean): void } {
  const [announcement, setAnnouncement] = useState('');
  const last = useRef({ text: '', at: 0, toggle: false });
  const announce = (text: string, force = true) => {
    const now = Date.now();
    if (text === last.current.text && (!force || now - last.current.at < REPEAT_MS)) return;
    // Screen readers say a live region's text when it changes: a trailing no-break space makes
    // the same sentence a change, so a second "send now" that failed again is said again.
    const toggle = text === last.current.text ? !last.current.toggle : false;
    last.current = { text, at: now, toggle };
    setAnnouncement(toggle ? `${text}\u00a0` : text);
  };
  return { announcement, announce };
}

/**
 * Watches the drafts list for state changes while the popup is open: announces each to screen
 * readers (through `announce`) and reports when one of them reaches `sent`. The celebration stays
 * until `clearCelebration` (the next submit or edit).
 */
export function useStateChanges(drafts: DraftsModel, t: Messages, announce: (text: string, force?: boolean) => void): { celebrate: boolean; clearCelebration(): void } {
  const seen = useRef<Map<string, DraftState> | undefined>(undefined);
  const [celebrate, setCelebrate] = useState(false);
  const list = drafts.drafts.value;
  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(list.map((d) => [d.id, d.state]));
    if (!previous) return;
    const changed = list.filter((d) => previous.has(d.id) && previous.get(d.id) !== d.state && d.state !== 'sending');
    if (changed.length === 0) return;
    announce(changed.map((d) => t.popup.stateChanged(d.content.title || t.popup.untitled, t.state[d.state])).join('. '), false);
    if (changed.some((d) => d.state === 'sent')) setCelebrate(true);
  }, [list, t]);
  return { celebrate, clearCelebration: () => setCelebrate(false) };
}
