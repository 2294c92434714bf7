/**
 * The draft store's contract. Implemented over IndexedDB (`idb`) in ./draft-store.ts; the sync engine
 * and the models depend on this interface only.
 */
import type { DraftRecord, DraftState } from '../domain/draft';
import type { Challenge, IdeaContent } from '../domain/idea';

export interface WriteOptions {
  /** `strict` for transitions that matter (submit, sent): the commit reaches disk before resolving. */
  durability?: 'strict' | 'relaxed' | 'default';
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
   * record untouched. Resolves with the stored record after the transaction commits.
   */
  update(id: string, change: (current: DraftRecord) => DraftRecord | undefined, options?: WriteOptions): Promise<DraftRecord | undefined>;
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
