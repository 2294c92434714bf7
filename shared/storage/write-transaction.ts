/**
 * How the draft store runs one readwrite transaction (./draft-store.ts): `body` issues requests,
 * then the transaction is committed explicitly and `complete` awaited.
 *
 * Browser constraint (transaction lifetime): a transaction commits itself once no request is pending
 * at the end of a task, so nothing but IndexedDB requests is awaited inside `body`. An explicit
 * `commit()` does not wait for auto-commit, which a closing popup may never reach; so `body` does not await its
 * writes either (their failure aborts the transaction, and `runWrite` rejects): the commit goes out with them, and a
 * transaction asked to commit is finished by the browser even if the page goes away meanwhile.
 */
import type { DraftRecord } from '../domain/draft';
import { toStorageError } from './errors';
import type { DraftChange } from './types';

/** The part of an `idb` transaction this needs. */
export interface CommittableTransaction {
  readonly done: Promise<void>;
  readonly error: DOMException | null;
  commit?(): void;
  abort(): void;
}

/**
 * Runs `body` in `tx`, commits and waits for `complete`. IndexedDB's errors (a failed request, quota)
 * become StorageError; `body`'s own errors (not IndexedDB's) abort the transaction and propagate
 * unchanged. A request `body` does not await may fail after `body` returned: the transaction then
 * aborts and that failure rejects here, so nothing is half-written.
 */
export async function runWrite(tx: CommittableTransaction, body: () => Promise<unknown>): Promise<void> {
  const done = tx.done;
  done.catch(() => undefined); // awaited below; this only prevents an "unhandled rejection" on early exit
  try {
    await body();
  } catch (error) {
    abortQuietly(tx);
    throw isIdbError(error) ? toStorageError(tx.error ?? error, 'write') : error;
  }
  if (typeof tx.commit === 'function') tx.commit();
  try {
    await done;
  } catch (error) {
    throw toStorageError(tx.error ?? error, 'write');
  }
}

/** The drafts object store of a readwrite transaction, as far as `applyChanges` uses it. */
interface DraftsStore {
  get(id: string): Promise<DraftRecord | undefined>;
  put(record: DraftRecord): Promise<unknown>;
}

/**
 * `DraftStore.updateMany`'s changes in `drafts`: every read goes out at once, and the writes are not awaited before
 * the commit (a failed write aborts the transaction, and `runWrite` rejects): two round trips for any number of rows.
 * Returns, per change, the record it wrote or undefined.
 */
export async function applyChanges(drafts: DraftsStore, changes: readonly DraftChange[]): Promise<(DraftRecord | undefined)[]> {
  const current = await Promise.all(changes.map(({ id }) => drafts.get(id)));
  return changes.map(({ id, change }, i) => {
    const stored = current[i];
    const next = stored && change(stored); // synchronous: the transaction must stay active
    if (!next) return undefined;
    if (next.id !== id) throw new Error(`updateMany(${id}) may not change the id`);
    ignoreRejection(drafts.put(next));
    return next;
  });
}

/** For requests that are not awaited: their failure aborts the transaction and surfaces from `done`. */
export function ignoreRejection(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by the failed request, or finished.
  }
}

/** DOMExceptions come from IndexedDB; everything else came from the caller's callback. */
function isIdbError(error: unknown): boolean {
  return typeof DOMException === 'function' && error instanceof DOMException;
}
