/**
 * Direct edits of this project's IndexedDB from a test, for waits that are the design and not under
 * test: after three failed tries an outage's first retry is spread over 15 minutes (docs/adr/004),
 * and a busy machine can reach that stage in a test that only means to cut the network briefly.
 */

/** Anything Playwright can evaluate a function in: a page or an extension's service worker. */
interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/**
 * Makes queued ideas due now, as a clock moved past their wait would: `ids` (every queued idea when
 * omitted) in every database of the target's origin that has a `drafts` store. Returns how many it changed.
 */
export async function makeQueuedDue(target: Evaluator, ids?: string[]): Promise<number> {
  return target.evaluate(async (only) => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let changed = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await done(indexedDB.open(name));
      if (db.objectStoreNames.contains('drafts')) {
        const tx = db.transaction('drafts', 'readwrite');
        const store = tx.objectStore('drafts');
        for (const record of await done(store.getAll()) as { id: string; state: string }[]) {
          if (record.state !== 'queued' || (only && !only.includes(record.id))) continue;
          store.put({ ...record, nextAttemptAt: Date.now() });
          changed++;
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    }
    return changed;
  }, ids);
}

/**
 * Moves the last refresh of challenges and statuses (`sync.refreshAttemptAt` in the `meta` store) `ms`
 * into the past in every database of the target's origin, as a clock moved on would. Returns how many it changed.
 */
export async function ageLastRefresh(target: Evaluator, ms: number): Promise<number> {
  return target.evaluate(async (by) => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let changed = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await done(indexedDB.open(name));
      if (db.objectStoreNames.contains('meta')) {
        const tx = db.transaction('meta', 'readwrite');
        const store = tx.objectStore('meta');
        const at = await done(store.get('sync.refreshAttemptAt')) as number | undefined;
        if (typeof at === 'number') {
          store.put(at - by, 'sync.refreshAttemptAt');
          changed++;
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    }
    return changed;
  }, ms);
}
