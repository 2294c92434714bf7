/**
 * The popup's live region: what it says, and the two ways something gets said — a state change
 * of an idea seen while the popup is open, or an explicit outcome of the user's action ("send
 * now", "delete"). Also tracks the celebration shown when an idea reaches the intranet.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftState } from '../../shared/domain/draft';
import type { IdeaStatus } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { DraftsModel, SyncStatusModel } from '../../shared/models/types';
import { itemTitle } from './item-text';

/** An outcome said again within this time is not repeated (a state change may have said it already). */
const REPEAT_MS = 3000;
/** How many recent announcements the live region keeps (as separate lines); older ones are dropped, unsaid. */
const KEPT = 3;

/** One line of the live region; `key` makes a repeated sentence a new line, which is said again. */
export interface Announcement {
  key: number;
  text: string;
}

/**
 * The live region's lines, and `announce`, which says a text even when it is the same as last time.
 * Each announcement is a line of its own, added after the earlier ones: screen readers say what is
 * added to a polite live region in turn. Replacing one text instead lost the first of two news
 * that came together ("online again", then "sent" 150 ms later).
 */
export function useAnnouncer(): { announcements: Announcement[]; announce(text: string, force?: boolean): void } {
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const last = useRef({ text: '', at: 0, key: 0 });
  const announce = (text: string, force = true) => {
    const now = Date.now();
    if (text === last.current.text && (!force || now - last.current.at < REPEAT_MS)) return;
    const key = last.current.key + 1;
    last.current = { text, at: now, key };
    setAnnouncements((lines) => [...lines.slice(1 - KEPT), { key, text }]);
  };
  return { announcements, announce };
}

/** True when an idea that was this state before it turned `sent` was delivered by a sync run. */
function arrived(before: DraftState | undefined): boolean {
  return before === 'queued' || before === 'sending';
}

/**
 * Watches the drafts list for state changes while the popup is open: announces each to screen
 * readers (through `announce`) and reports when one of them reaches `sent`. The celebration stays
 * until `clearCelebration` (the next submit or edit).
 */
export function useStateChanges(drafts: DraftsModel, t: Messages, announce: (text: string, force?: boolean) => void): { celebrate: boolean; clearCelebration(): void } {
  const seen = useRef<Map<string, { state: DraftState; status?: IdeaStatus }> | undefined>(undefined);
  const [celebrate, setCelebrate] = useState(false);
  const list = drafts.drafts.value;
  useEffect(() => {
    const previous = seen.current;
    // `sending` is not a state of its own here: a try that failed (queued → sending → queued, an
    // automatic retry every few seconds while offline) changed nothing worth saying.
    seen.current = new Map(list.map((d) => [d.id, { state: d.state === 'sending' ? (previous?.get(d.id)?.state ?? d.state) : d.state, status: d.remoteStatus }]));
    if (!previous) return;
    const said: string[] = [];
    for (const d of list) {
      const before = previous.get(d.id);
      if (!before) continue;
      const title = itemTitle(d, t);
      if (before.state !== d.state && d.state !== 'sending') {
        // A 409 asks for a choice, not a change: said so, or a screen reader's user would go to edit the text.
        const choose = d.state === 'needs-attention' && d.conflict; // the versions to choose between are shown
        said.push(t.popup.stateChanged(title, choose ? `${t.state[d.state]}. ${t.popup.conflictSaid}` : t.state[d.state]));
      }
      // The innovation team moved a sent idea on (seen at a refresh while the popup is open).
      else if (d.state === 'sent' && before.state === 'sent' && d.remoteStatus && before.status !== d.remoteStatus) said.push(t.popup.stateChanged(title, t.status[d.remoteStatus]));
    }
    if (said.length === 0) return;
    announce(said.join('. '), false);
    // Only a delivery is celebrated: a 409 settled by keeping the intranet's version also ends in
    // `sent`, from `needs-attention`, but nothing of the user's reached the intranet then.
    if (list.some((d) => d.state === 'sent' && arrived(previous.get(d.id)?.state))) setCelebrate(true);
  }, [list, t]);
  return { celebrate, clearCelebration: () => setCelebrate(false) };
}

/**
 * Says through the live region when the device goes offline or comes back, and that it is offline
 * when the popup opens so. The offline notice above the form is only seen: a `role="status"`
 * element inserted together with its text is not read by every screen reader.
 */
export function useConnectionNews(sync: SyncStatusModel, t: Messages, announce: (text: string, force?: boolean) => void): void {
  const online = sync.online.value;
  const before = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    const was = before.current;
    before.current = online;
    if (was === online || (was === undefined && online)) return;
    announce(online ? t.popup.onlineAgain : t.popup.offline);
  }, [online]);
}
