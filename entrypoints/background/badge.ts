/**
 * The toolbar badge: how many ideas are waiting to be sent or need attention (DESIGN section 9).
 * Recomputed from IndexedDB on every change notice, so it is right after any worker restart.
 */
import type { DraftRecord } from '../../shared/domain/draft';
import type { DraftStore } from '../../shared/storage';
import { actionApi } from '../lib/ext';

/** Queued, sending and needs-attention drafts: what the user is waiting for or must act on. */
export function badgeCounts(drafts: readonly DraftRecord[]): { waiting: number; attention: number } {
  let waiting = 0;
  let attention = 0;
  for (const d of drafts) {
    if (d.state === 'queued' || d.state === 'sending') waiting++;
    else if (d.state === 'needs-attention') attention++;
  }
  return { waiting, attention };
}

/** Reads the drafts and paints the badge; red when something needs the user. */
export async function updateBadge(store: DraftStore): Promise<number> {
  const { waiting, attention } = badgeCounts(await store.list());
  const total = waiting + attention;
  const action = actionApi();
  await action.setBadgeText({ text: total === 0 ? '' : String(total) });
  await action.setBadgeBackgroundColor({ color: attention > 0 ? '#a4000f' : '#005a9c' });
  return total;
}
