/**
 * The draft store over IndexedDB (`idb`): the DraftStore contract of ./types.ts.
 *
 * Every write is one short readwrite transaction that commits explicitly (`tx.commit()`), so a
 * popup closing right after a keystroke still keeps it; `durability: 'strict'` when asked (submit,
 * sent). After the commit — never before — a change notice goes to this context and to every other
 * context of the origin (./change-notices.ts).
 *
 * Browser constraint (transaction lifetime): a transaction commits itself once no request is pending
 * at the end of a task, so nothing but IndexedDB requests is awaited between `transaction()` and
 * `commit()`. That is why `update`'s `change` callback is synchronous.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DraftRecord, DraftState } from '../domain/draft';
import type { Challenge, IdeaContent } from '../domain/idea';
import { newClientId } from '../domain/id';
import type { ChangeKind, ChangeNotice, ChangeNotices } from './change-notices';
import { closedUnder, NEWER, StorageError, toStorageError } from './errors';
import { FrozenPagePause } from './frozen-page-pause';
import { openDatabase } from './open-database';
import { CHALLENGES_KEY, DB_NAME, type IdeslussDB } from './schema';
import type { DraftChange, DraftStore, UpdateManyOptions, WriteOptions } from './types';
import { applyChanges, ignoreRejection, runWrite } from './write-transaction';

export interface OpenDraftStoreOptions {
  /** Database name; default `idesluss` (one database per origin). Tests pass a unique name. */
  name?: string;
  /** Default `globalThis.indexedDB`; `null` simulates a browser without IndexedDB. */
  indexedDB?: IDBFactory | null;
  /** Where to post change notices after each commit (share the context's one instance). */
  notices?: ChangeNotices;
  /** Called after each committed write in this store, before/alongside `notices`. */
  onChange?: (notice: ChangeNotice) => void;
}

type Db = IDBPDatabase<IdeslussDB>;
type WriteTx<S extends StoreNames<IdeslussDB>> = IDBPTransaction<IdeslussDB, [S], 'readwrite'>;

/**
 * Opens the origin's draft store. Call once per context at start-up (composition root).
 * Rejects with StorageError (`unavailable`, `blocked`, …); the UI then keeps drafts in memory only
 * and says so.
 */
export async function openDraftStore(options: OpenDraftStoreOptions = {}): Promise<IdbDraftStore> {
  const store = new IdbDraftStore(options);
  await store.ready();
  return store;
}

/** DraftStore over IndexedDB. Construct through `openDraftStore`. */
export class IdbDraftStore implements DraftStore {
  private _db: Promise<Db> | undefined;
  private _closedBecause: StorageError | undefined;
  private readonly _pause = new FrozenPagePause();

  constructor(private readonly _options: OpenDraftStoreOptions) {}

  /** Opens the connection if needed; rejects with the StorageError that prevents it. */
  async ready(): Promise<void> {
    await this._connection();
  }

  async get(id: string): Promise<DraftRecord | undefined> {
    return this._read('get', (db) => this._reading(db, 'drafts').store.get(id));
  }

  async list(): Promise<DraftRecord[]> {
    const rows = await this._read('list', (db) => this._reading(db, 'drafts').store.index('by-updatedAt').getAll());
    return rows.reverse();
  }

  async listByState(state: DraftState): Promise<DraftRecord[]> {
    const rows = await this._read('list', (db) => this._reading(db, 'drafts').store.index('by-state').getAll(state));
    return rows.sort((a, b) => a.updatedAt - b.updatedAt);
  }

  async countByState(states: readonly DraftState[]): Promise<number[]> {
    return this._read('list', (db) => {
      const index = this._reading(db, 'drafts').store.index('by-state');
      return Promise.all(states.map((state) => index.count(state)));
    });
  }

  async create(content: IdeaContent, now: number): Promise<DraftRecord> {
    const record: DraftRecord = { id: newClientId(), state: 'draft', content, createdAt: now, updatedAt: now, attempts: 0 };
    // `add`, not `put`: an id collision must fail, never overwrite someone's draft.
    await this._write('drafts', 'drafts', [record.id], undefined, async (tx) => ignoreRejection(tx.store.add(record)));
    return record;
  }

  async update(id: string, change: (current: DraftRecord, newer: boolean) => DraftRecord | undefined, options?: WriteOptions): Promise<DraftRecord | undefined> {
    let result: DraftRecord | undefined;
    let changed = false;
    await this._write('drafts', 'drafts', [id], options, async (tx) => {
      // Run again when a frozen page's transaction was aborted (./frozen-page-pause.ts): start afresh.
      result = undefined;
      changed = false;
      const current = await tx.store.get(id);
      if (!current) return;
      const next = change(current, this._typedBeforeNewer(current, options)); // synchronous: the transaction must stay active
      if (next === undefined) {
        result = current;
        return;
      }
      if (next.id !== id) throw new Error(`update(${id}) may not change the id`);
      ignoreRejection(tx.store.put(next)); // not awaited: committed at once (./write-transaction.ts); a failure aborts
      result = next;
      changed = true;
    }, () => changed);
    return result;
  }

  async updateMany(changes: readonly DraftChange[], options: UpdateManyOptions = {}): Promise<(DraftRecord | undefined)[]> {
    const meta = Object.entries(options.meta ?? {});
    let applied: (DraftRecord | undefined)[] = [];
    await this._withDb(async (db) => {
      applied = []; // run again after a frozen page's abort: only the last run's changes count
      let tx: IDBPTransaction<IdeslussDB, ('drafts' | 'meta')[], 'readwrite'>;
      try {
        tx = this._pause.track(db.transaction(meta.length > 0 ? ['drafts', 'meta'] : ['drafts'], 'readwrite', { durability: options.durability ?? 'default' }));
      } catch (error) {
        throw toStorageError(error, 'write');
      }
      await runWrite(tx, async () => {
        applied = await applyChanges(tx.objectStore('drafts'), changes);
        for (const [key, value] of meta) ignoreRejection(tx.objectStore('meta').put(value, key));
      });
    });
    const ids = changes.filter((_, i) => applied[i]).map(({ id }) => id);
    if (ids.length > 0) this._notify({ kind: 'drafts', ids });
    if (meta.length > 0) this._notify({ kind: 'meta', ids: meta.map(([key]) => key) });
    return applied;
  }

  async put(record: DraftRecord, options?: WriteOptions): Promise<void> {
    await this._write('drafts', 'drafts', [record.id], options, async (tx) => ignoreRejection(tx.store.put(record)));
  }

  async delete(id: string): Promise<void> {
    await this._write('drafts', 'drafts', [id], undefined, async (tx) => ignoreRejection(tx.store.delete(id)));
  }

  async getChallenges(): Promise<{ challenges: Challenge[]; fetchedAt: number } | undefined> {
    return this._read('get', (db) => this._reading(db, 'challenges').store.get(CHALLENGES_KEY));
  }

  async putChallenges(challenges: Challenge[], fetchedAt: number): Promise<void> {
    await this._write('challenges', 'challenges', [CHALLENGES_KEY], undefined, async (tx) => ignoreRejection(tx.store.put({ challenges, fetchedAt }, CHALLENGES_KEY)));
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this._read('get', (db) => this._reading(db, 'meta').store.get(key))) as T | undefined;
  }

  async setMeta<T>(key: string, value: T): Promise<void> {
    await this._write('meta', 'meta', [key], undefined, async (tx) => ignoreRejection(tx.store.put(value, key)));
  }

  /** Closes the connection; later calls reject with StorageError `unavailable`. */
  close(): void {
    this._closedBecause ??= new StorageError('unavailable', 'IndexedDB: closed');
    const db = this._db;
    this._db = undefined;
    void db?.then((d) => d.close()).catch(() => undefined);
  }

  private _connection(): Promise<Db> {
    if (this._closedBecause) return Promise.reject(this._closedBecause);
    this._db ??= this._open();
    return this._db;
  }

  private async _open(): Promise<Db> {
    try {
      const db = await openDatabase({ name: this._options.name ?? DB_NAME, indexedDB: this._options.indexedDB });
      // A newer version (another tab, an updated extension) wants to upgrade: close at once so it is
      // not blocked. This code is then outdated, so later calls fail with a "reload" message.
      db.addEventListener('versionchange', () => {
        db.close();
        this._db = undefined;
        this._closedBecause ??= new StorageError('blocked', NEWER);
      });
      // The browser closed the connection abnormally (storage cleared, disk error): reopen lazily. Its event can come
      // after a call has already opened a fresh connection (`_withDb`): that one is kept.
      db.addEventListener('close', () => {
        const cached = this._db;
        void cached?.then((current) => {
          if (current === db && this._db === cached) this._db = undefined;
        }, () => undefined);
      });
      return db;
    } catch (error) {
      this._db = undefined; // let the next call try again (e.g. after the other tab closed)
      throw toStorageError(error, 'open');
    }
  }

  /**
   * Suspends this store while the page is in the back/forward cache: call at `pagehide` when `persisted`.
   * Open transactions are aborted and new ones held; `resume` (at `pageshow`) runs them again
   * (./frozen-page-pause.ts). Without it, WebKit keeps the frozen page's transactions open and every other
   * page's on this origin waits.
   */
  pause(): void {
    this._pause.pause();
  }

  /** Back from the back/forward cache (`pageshow` with `persisted`): what `pause` aborted or held runs now. */
  resume(): void {
    this._pause.resume();
  }

  /**
   * Runs `operation` on the connection through the pause; it creates its transactions with `_reading` or `_pause.track`.
   * Browser constraint: a browser closes a connection itself (site data cleared, a backing-store error, WebKit's
   * storage process gone, a frozen page's connection at another page's upgrade), and a call can meet it before the
   * `close` event comes, or with none coming: `transaction()` then throws InvalidStateError. The operation runs once
   * more on a fresh connection, but only when the connection is closed (no transaction started on it, so no write
   * happened twice).
   */
  private _withDb<T>(operation: (db: Db) => Promise<T>): Promise<T> {
    return this._pause.run(async () => {
      const connection = this._connection();
      const db = await connection;
      try {
        return await operation(db);
      } catch (error) {
        if (!closedUnder(error, db)) throw error;
        if (this._db === connection) this._db = undefined;
        return operation(await this._connection());
      }
    });
  }

  /**
   * `options.typedAt` is before this page froze, and `current` was written after: by another page, later (docs/adr/037).
   * A key typed in `pagehide` shares the freeze's millisecond, so "before" includes it, and a record written in that
   * millisecond counts as another page's: at worst, a key of this page's typed in that very millisecond gives way.
   */
  private _typedBeforeNewer(current: DraftRecord, options: WriteOptions | undefined): boolean {
    const frozeAt = this._pause.pausedAt;
    return frozeAt > 0 && options?.typedAt !== undefined && options.typedAt <= frozeAt && current.updatedAt >= frozeAt;
  }

  /** A read-only transaction on `storeName`, aborted if the page is frozen meanwhile. */
  private _reading<S extends StoreNames<IdeslussDB>>(db: Db, storeName: S): IDBPTransaction<IdeslussDB, [S], 'readonly'> {
    return this._pause.track(db.transaction(storeName));
  }

  private async _read<T>(what: string, run: (db: Db) => Promise<T>): Promise<T> {
    return this._withDb(async (db) => {
      try {
        return await run(db);
      } catch (error) {
        throw toStorageError(error, what);
      }
    });
  }

  /** One readwrite transaction on `storeName` (./write-transaction.ts), then the change notice. */
  private async _write<S extends 'drafts' | 'challenges' | 'meta'>(
    storeName: S,
    kind: ChangeKind,
    ids: string[],
    options: WriteOptions | undefined,
    body: (tx: WriteTx<S>) => Promise<unknown>,
    didChange: () => boolean = () => true,
  ): Promise<void> {
    await this._withDb(async (db) => {
      let tx: WriteTx<S>;
      try {
        tx = this._pause.track(db.transaction(storeName, 'readwrite', { durability: options?.durability ?? 'default' }));
      } catch (error) {
        throw toStorageError(error, 'write');
      }
      await runWrite(tx, () => body(tx));
    });
    if (didChange()) this._notify({ kind, ids });
  }

  private _notify(notice: ChangeNotice): void {
    this._options.onChange?.(notice);
    this._options.notices?.post(notice.ids, notice.kind);
  }
}
