/**
 * How the draft store runs one readwrite transaction (./draft-store.ts): `body` issues requests,
 * then the transaction is committed explicitly and `complete` awaited.
 *
 * Browser constraint (transaction lifetime): a transaction commits itself once no request is pending
 * at the end of a task, so nothing but IndexedDB requests is awaited inside `body`. An explicit
 * `commit()` does not wait for auto-commit, which a closing popup may never reach.
 */
import { toStorageError } from './errors';

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
