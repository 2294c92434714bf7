/**
 * Opening the database with an injectable IDBFactory (idb's `openDB` always uses the global one),
 * running the migrations, and turning every way this fails into a StorageError.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { BLOCKED, StorageError, toStorageError, UNAVAILABLE } from './errors';
import { DB_VERSION, MIGRATIONS, runMigrations, type IdeslussDB, type Migration } from './schema';

export interface OpenDatabaseOptions {
  name: string;
  /** The factory to use; `null` means "there is none" (tests). Default: `globalThis.indexedDB`. */
  indexedDB?: IDBFactory | null;
  /** For tests of older versions: open at this version with these migrations. */
  version?: number;
  migrations?: readonly Migration[];
}

/**
 * Opens (creating or upgrading) the database. Rejects with StorageError:
 * `unavailable` without IndexedDB, `blocked` when another context keeps an older connection open
 * during our upgrade, `quota`/`unknown` otherwise (a failed migration leaves the old version intact).
 */
export function openDatabase(options: OpenDatabaseOptions): Promise<IDBPDatabase<IdeslussDB>> {
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  const version = options.version ?? DB_VERSION;
  const migrations = options.migrations ?? MIGRATIONS;
  return new Promise((resolve, reject) => {
    if (!factory) {
      reject(new StorageError('unavailable', UNAVAILABLE));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(options.name, version);
    } catch (error) {
      reject(toStorageError(error, 'open'));
      return;
    }
    let migrationError: unknown;
    let gaveUp = false;
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as IDBPDatabase<unknown>;
      const tx = wrap(request.transaction!) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
      // idb gives every wrapped transaction a `done` promise; a failed migration rejects it, and the
      // open request reports that failure, so this copy must not become an unhandled rejection.
      tx.done.catch(() => undefined);
      runMigrations(db, tx, event.oldVersion, event.newVersion ?? version, migrations).catch((error: unknown) => {
        migrationError = error;
      });
    });
    // Another context holds an older connection and did not close on `versionchange` (our own
    // connections close themselves, see draft-store.ts). Tell the user now rather than hang.
    request.addEventListener('blocked', () => {
      gaveUp = true;
      reject(new StorageError('blocked', BLOCKED));
    });
    request.addEventListener('success', () => {
      // If we gave up while blocked, the upgrade still completed later: close the late connection.
      if (gaveUp) request.result.close();
      else resolve(wrap(request.result) as IDBPDatabase<IdeslussDB>);
    });
    request.addEventListener('error', (event) => {
      event.preventDefault();
      if (!gaveUp) reject(toStorageError(migrationError ?? request.error, 'open'));
    });
  });
}
