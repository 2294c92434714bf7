/**
 * A stuck head (docs/adr/004-sync-backoff.md): an idea the intranet keeps failing with a server
 * error (500) while it accepts others. The drain sends one probe past such a head per try of it;
 * if the intranet takes the probe (or answers it at all, with a 4xx), the head is marked `stuck`:
 * it sorts after the other ideas, holds none of them, and is tried on its own backoff.
 */
import type { DraftRecord } from '../domain/draft';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import { transition } from './attempt';
import { isOutage } from './backoff';
import { isDue } from './transitions';

/** True when the intranet answered `record`'s last tries with 500, in the outage stage of its streak. */
function onServerErrorStreak(record: DraftRecord): boolean {
  return record.lastFailure?.status === 500 && isOutage(record.attempts);
}

/**
 * True when a queued draft that just failed may be a stuck head: answered with a server error
 * (500, not the 502–504 of a gateway or the 503 of an overload) in the outage stage of its streak.
 */
export function mayBeStuck(record: DraftRecord): boolean {
  return record.state === 'queued' && !record.stuck && onServerErrorStreak(record);
}

/** The idea to send as the probe: the first one that is due and not itself failing with 500. */
export function probeCandidate(queue: readonly DraftRecord[], now: number): DraftRecord | undefined {
  return queue.find((r) => !r.stuck && isDue(r, now) && !onServerErrorStreak(r));
}

/**
 * Marks `failed` stuck, as a compare-and-set against the record that failed: if it was withdrawn,
 * submitted again or tried once more meanwhile, that is another try, never probed past, and stays
 * as it is.
 */
export async function markStuck(store: DraftStore, notices: ChangeNotices | undefined, failed: DraftRecord): Promise<void> {
  const marked = await transition(store, failed.id, (r) =>
    r.state === 'queued' && !r.stuck && r.updatedAt === failed.updatedAt && r.attempts === failed.attempts ? { ...r, stuck: true } : undefined,
  );
  if (marked) notices?.post([failed.id]);
}
