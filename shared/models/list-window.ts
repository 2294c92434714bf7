/**
 * The part of a long drafts list a view shows at first. Sent ideas pile up over the years and a
 * popup that renders a thousand of them is slow to open and hard to scan, so a view shows the
 * newest `limit` of the settled items (drafts, sent ideas) and every item that still needs the
 * user or is on its way (queued, sending, needs attention), keeping the list's order.
 */
import type { DraftRecord } from '../domain/draft';

/** What a list view renders now, and how many items wait behind "show more". */
export interface ListWindow {
  shown: DraftRecord[];
  hidden: number;
}

/** Items always shown, however far down the list they are. */
function alwaysShown(record: DraftRecord): boolean {
  return record.state === 'queued' || record.state === 'sending' || record.state === 'needs-attention';
}

/** The first `limit` settled items of `list` plus every item that is always shown, in `list`'s order. */
export function listWindow(list: readonly DraftRecord[], limit: number): ListWindow {
  const shown: DraftRecord[] = [];
  let settled = 0;
  for (const record of list) {
    if (alwaysShown(record)) shown.push(record);
    else if (settled < limit) {
      settled += 1;
      shown.push(record);
    }
  }
  return { shown, hidden: list.length - shown.length };
}

/**
 * The smallest limit, at least `limit`, whose window shows the item `id` of `list`: after an undo
 * puts an old draft back at its old place, the view widens to show it rather than hide it behind
 * "show more". `limit` when the item is shown already or not in the list.
 */
export function limitShowing(list: readonly DraftRecord[], id: string, limit: number): number {
  let settled = 0;
  for (const record of list) {
    if (alwaysShown(record)) continue;
    settled += 1;
    if (record.id === id) return Math.max(limit, settled);
  }
  return limit;
}
