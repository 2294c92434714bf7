/**
 * The draft store's contract. Implemented over IndexedDB (`idb`) in ./draft-store.ts; the sync engine
 * and the models depend on this interface only.
 */
import type { DraftRecord, DraftState } from '../domain/draft';
import type { Challenge, IdeaContent } from '../domain/idea';

export interface WriteOptions {
  /** `strict` for transitions that matter (submit, sent): the commit reaches disk before resolving. */
  durability?: 'strict' | 'relaxed' | 'default';
  /**
   * When the written value was typed, at the latest (the form's autosave). If the page was frozen in the
   * back/forward cache after that (docs/adr/037-frozen-transactions.md) and the record was written since
   * the freeze — by another page, later — `update` calls `change` with `newer` true.
   */
  typedAt?: number;
}

/** One read-modify-write of `DraftStore.updateMany`. */
export interface DraftChange {
  id: string;
  /** Synchronous, as in `update`: sees the stored record; undefined leaves it untouched. */
  change: (current: DraftRecord) => DraftRecord | undefined;
}

/** Options of `DraftStore.updateMany`: durability, and meta keys to write in the same transaction. */
export interface UpdateManyOptions extends WriteOptions {
  /** Meta keys written in the same transaction (`setMeta`'s store). */
  meta?: Readonly<Record<string, unknown>>;
}

export interface DraftStore {
  /** One draft, or undefined. */
  get(id: string): Promise<DraftRecord | undefined>;
  /** Every draft, newest `updatedAt` first. */
  list(): Promise<DraftRecord[]>;
  /** Drafts in one state (index `by-state`), oldest `updatedAt` first. */
  listByState(state: DraftState): Promise<DraftRecord[]>;
  /**
   * How many drafts are in each of `states`, read from the `by-state` index without loading a
   * record: for counters (the badge) that follow every change notice during a drain of thousands.
   */
  countByState(states: readonly DraftState[]): Promise<number[]>;
  /** Creates a new `draft` with a fresh client id. */
  create(content: IdeaContent, now: number): Promise<DraftRecord>;
  /**
   * Read-modify-write of one record in a single readwrite transaction. `change` is synchronous
   * (nothing but IndexedDB may be awaited inside a transaction); returning undefined leaves the
   * record untouched. Resolves with the stored record after the transaction commits. `change` may be
   * called more than once (a transaction aborted as the page froze runs again: docs/adr/037), each
   * time with the record as stored then, so it must derive its result from that record alone. `newer`:
   * see `WriteOptions.typedAt`.
   */
  update(id: string, change: (current: DraftRecord, newer: boolean) => DraftRecord | undefined, options?: WriteOptions): Promise<DraftRecord | undefined>;
  /**
   * Several read-modify-writes (distinct ids), plus `options.meta`, in ONE readwrite transaction:
   * all commit or none does. Resolves after the commit with, per change in order, the record it
   * wrote, or undefined where `change` declined or the record is missing (unlike `update`, which
   * then gives the stored record). Rejects with StorageError when the transaction fails.
   */
  updateMany(changes: readonly DraftChange[], options?: UpdateManyOptions): Promise<(DraftRecord | undefined)[]>;
  /** Inserts or replaces a record as is (imports, fixtures). */
  put(record: DraftRecord, options?: WriteOptions): Promise<void>;
  /** Deletes a draft: only ever on the user's request. */
  delete(id: string): Promise<void>;
  /** The cached list of open challenges and when it was fetched. */
  getChallenges(): Promise<{ challenges: Challenge[]; fetchedAt: number } | undefined>;
  putChallenges(challenges: Challenge[], fetchedAt: number): Promise<void>;
  /** Small key/value settings (sync pause, last sync time). */
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta<T>(key: string, value: T): Promise<void>;
  close(): void;
}
