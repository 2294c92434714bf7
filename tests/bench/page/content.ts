/**
 * What the bench seeds and sends: the same idea content for the sync engine's drain (seeded in
 * IndexedDB by ./bench-page.ts) and for the raw fetch loop it is compared with (../sync-drain.ts).
 */
import { emptyContent, type IdeaContent } from '../../../shared/domain/idea';

/** The content of the n-th bench idea. */
export function benchContent(prefix: string, n: number): IdeaContent {
  return { ...emptyContent('sv'), title: `${prefix} ${n}`, description: `Bänkprov, idé nummer ${n}.` };
}
