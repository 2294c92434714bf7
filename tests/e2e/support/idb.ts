/**
 * Direct edits of this project's IndexedDB from a test, for waits that are the design and not under
 * test: after three failed tries an outage's first retry is spread over 15 minutes (docs/adr/004),
 * and a busy machine can reach that stage in a test that only means to cut the network briefly; a
 * page load refreshes statuses only once the last refresh is five minutes old.
 */

/** Anything Playwright can evaluate a function in: a page or an extension's service worker. */
interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** One edit, applied in the page: the function below runs there, so it carries no closure, only data. */
type Edit = { kind: 'make-due'; ids?: string[] } | { kind: 'age-refresh'; byMs: number };

/** Applies `edit` in every database of the target's origin that has its store; returns how many records changed. */
function editEveryDatabase(target: Evaluator, edit: Edit): Promise<number> {
  return target.evaluate(async (e) => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const storeName = e.kind === 'make-due' ? 'drafts' : 'meta';
    let changed = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await done(indexedDB.open(name));
      if (db.objectStoreNames.contains(storeName)) {
        const tx = db.transaction(storeName, 'readwrite');
        const store = tx.objectStore(storeName);
        if (e.kind === 'make-due') {
          for (const record of await done(store.getAll()) as { id: string; state: string }[]) {
            if (record.state !== 'queued' || (e.ids && !e.ids.includes(record.id))) continue;
            store.put({ ...record, nextAttemptAt: Date.now() });
            changed++;
          }
        } else {
          // One key per API address: `sync.refreshAttemptAt <address>` (shared/sync/refresh.ts).
          for (const key of await done(store.getAllKeys()) as IDBValidKey[]) {
            if (typeof key !== 'string' || !key.startsWith('sync.refreshAttemptAt')) continue;
            // `{ at, answered }`, or a bare time as stored before the answered flag (docs/adr/024).
            const stamp = await done(store.get(key)) as number | { at: number; answered: boolean } | undefined;
            if (typeof stamp === 'number') store.put(stamp - e.byMs, key);
            else if (typeof stamp?.at === 'number') store.put({ ...stamp, at: stamp.at - e.byMs }, key);
            else continue;
            changed++;
          }
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    }
    return changed;
  }, edit);
}

/**
 * Makes queued ideas due now, as a clock moved past their wait would: `ids` (every queued idea when
 * omitted) in every database of the target's origin that has a `drafts` store. Returns how many it changed.
 */
export function makeQueuedDue(target: Evaluator, ids?: string[]): Promise<number> {
  return editEveryDatabase(target, { kind: 'make-due', ids });
}

/**
 * Moves the last refresh of challenges and statuses (`sync.refreshAttemptAt <API address>` in the `meta` store) `ms`
 * into the past in every database of the target's origin, as a clock moved on would. Returns how many it changed.
 */
export function ageLastRefresh(target: Evaluator, ms: number): Promise<number> {
  return editEveryDatabase(target, { kind: 'age-refresh', byMs: ms });
}

/** The times of a draft a test may read (shared/domain/draft.ts `DraftRecord`). */
export interface DraftTimes {
  id: string;
  state: string;
  title: string;
  /** The page context's address (`content.source.url`). */
  url?: string;
  nextAttemptAt?: number;
  sentAt?: number;
  updatedAt: number;
  attempts: number;
  /** `LastFailure.kind`, when the last try failed. */
  failure?: string;
}

/** Reads every draft in every database of the target's origin that has a `drafts` store, to compare their times. */
export function readDrafts(target: Evaluator): Promise<DraftTimes[]> {
  return target.evaluate(async () => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const found: DraftTimes[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await done(indexedDB.open(name));
      if (db.objectStoreNames.contains('drafts')) {
        type Row = DraftTimes & { content: { title: string; source?: { url?: string } }; lastFailure?: { kind: string } };
        const records = await done(db.transaction('drafts').objectStore('drafts').getAll()) as Row[];
        found.push(...records.map(({ id, state, content, nextAttemptAt, sentAt, updatedAt, attempts, lastFailure }) =>
          ({ id, state, title: content.title, url: content.source?.url, nextAttemptAt, sentAt, updatedAt, attempts, failure: lastFailure?.kind })));
      }
      db.close();
    }
    return found;
  }, undefined);
}

/** Every entry of the `meta` store in every database of the target's origin, as `key = JSON value` lines. */
export function readMeta(target: Evaluator): Promise<string[]> {
  return target.evaluate(async () => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const found: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await done(indexedDB.open(name));
      if (db.objectStoreNames.contains('meta')) {
        const store = db.transaction('meta').objectStore('meta');
        const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
        keys.forEach((key, i) => found.push(`${String(key)} = ${JSON.stringify(values[i])}`));
      }
      db.close();
    }
    return found;
  }, undefined);
}
