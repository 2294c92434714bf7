/**
 * The toolbar badge: how many ideas are waiting to be sent or need attention (DESIGN section 9).
 * Recomputed from IndexedDB on every change notice, so it is right after any worker restart.
 */
import type { Messages } from '../../shared/i18n';
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

/**
 * Counts the drafts and paints the badge, red when something needs the user, and puts the count in
 * the button's tooltip too (`toolbar`, in the language of the settings): a screen reader on the
 * toolbar announces the tooltip, not the badge.
 */
export async function updateBadge(store: DraftStore, toolbar: Messages['toolbar']): Promise<number> {
  const { waiting, attention } = await badgeCounts(store);
  const total = waiting + attention;
  const action = actionApi();
  await action.setBadgeText({ text: total === 0 ? '' : String(total) });
  await action.setBadgeBackgroundColor({ color: attention > 0 ? '#a4000f' : '#005a9c' });
  await action.setTitle({ title: total === 0 ? toolbar.title : toolbar.waiting(total) });
  return total;
}
