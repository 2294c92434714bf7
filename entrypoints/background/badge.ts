/**
 * The toolbar badge: how many ideas are waiting to be sent or need attention (DESIGN section 9).
 * Recomputed from IndexedDB on every change notice, so it is right after any worker restart.
 */
import type { DraftStore } from '../../shared/storage';
import { actionApi } from '../lib/ext';

/**
 * Queued, sending and needs-attention drafts: what the user is waiting for or must act on. Counted
 * through the `by-state` index: the badge repaints after every change notice, and reading every
 * record each time made a drain of n ideas cost O(n²) reads.
 */
export async function badgeCounts(store: Pick<DraftStore, 'countByState'>): Promise<{ waiting: number; attention: number }> {
  const [queued = 0, sending = 0, attention = 0] = await store.countByState(['queued', 'sending', 'needs-attention']);
  return { waiting: queued + sending, attention };
}

/** Counts the drafts and paints the badge; red when something needs the user. */
export async function updateBadge(store: DraftStore): Promise<number> {
  const { waiting, attention } = await badgeCounts(store);
  const total = waiting + attention;
  const action = actionApi();
  await action.setBadgeText({ text: total === 0 ? '' : String(total) });
  await action.setBadgeBackgroundColor({ color: attention > 0 ? '#a4000f' : '#005a9c' });
  return total;
}
