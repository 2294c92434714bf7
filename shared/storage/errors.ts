/**
 * The one error type the draft store throws. Callers branch on `code`; the editor shows it in
 * `saveStatus` with a hint to copy the text out (DESIGN section 5: a failed write loses nothing).
 */

/**
 * Why storage failed:
 * - `quota`: the disk or the origin's quota is full (`QuotaExceededError`);
 * - `blocked`: a schema upgrade cannot proceed because another tab holds an older connection, or a
 *   newer version of Idésluss took the database over and closed ours;
 * - `unavailable`: no IndexedDB at all (some private modes, disabled storage, old embedded browsers);
 * - `unknown`: anything else (disk I/O errors, a browser bug), with the original in `cause`.
 */
export type StorageErrorCode = 'quota' | 'blocked' | 'unavailable' | 'unknown';

/** A storage failure with a code callers can branch on. The original error is kept in `cause`. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Legacy DOMException code 22 and Firefox's own name for a full quota. */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Maps whatever IndexedDB threw into a StorageError. Use at every store boundary so no raw
 * DOMException reaches a model. `context` says what we were doing ("open", "write"), for the message.
 * The message is for developers (the console); users read the storage catalogue's sentence for the code.
 */
export function toStorageError(error: unknown, context: string): StorageError {
  if (error instanceof StorageError) return error;
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  const detail = `IndexedDB ${context}: ${error instanceof Error ? error.message : String(error)}`;
  const make = (kind: StorageErrorCode, message = detail) => new StorageError(kind, message, { cause: error });
  if (QUOTA_NAMES.has(String(name)) || code === 22) return make('quota');
  // Firefox private windows (before 115) reject `open` with InvalidStateError; some embedded
  // browsers with storage disabled throw SecurityError: in both there is no usable IndexedDB.
  if (context === 'open' && (name === 'InvalidStateError' || name === 'SecurityError')) return make('unavailable', UNAVAILABLE);
  if (name === 'VersionError') return make('blocked', NEWER);
  return make('unknown');
}

/**
 * True when `error` came from a transaction asked of `db` after the browser closed the connection, and `db` is closed
 * now (`InvalidStateError`, and no transaction can be started on it): the store then opens a fresh one (./draft-store.ts).
 */
export function closedUnder(error: unknown, db: { transaction(name: 'meta'): { abort(): void; done?: Promise<unknown> } }): boolean {
  const cause = error instanceof StorageError ? error.cause : error;
  if ((cause as { name?: unknown } | undefined)?.name !== 'InvalidStateError') return false;
  try {
    // An open connection gives a transaction: the error had another cause. (idb's `done` rejects at the abort.)
    const probe = db.transaction('meta');
    probe.done?.catch(() => undefined);
    probe.abort();
    return false;
  } catch {
    return true;
  }
}

/** Developer messages of the failures a user can act on; users see `storage.error[code]` instead. */
export const UNAVAILABLE = 'IndexedDB cannot be used in this browser or mode.';
export const NEWER = 'A newer version of Idésluss uses this storage; reload the page.';
export const BLOCKED = 'Another tab or window keeps an older version of the storage open; close it and try again.';
