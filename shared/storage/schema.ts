/**
 * The IndexedDB schema and its ordered migrations (DESIGN section 5, docs/adr/003-draft-storage.md).
 *
 * Rules: versions only move forward; version N is `MIGRATIONS[N - 1]`; a migration never deletes a
 * store, an index that holds the only copy of anything, or a record. It may add stores and indexes
 * and backfill missing fields. Every earlier version has a fixture in ./fixtures and a test
 * (migrations.test.ts) that its records survive every later migration.
 *
 * Browser constraint: migrations run inside the `versionchange` transaction, which commits as soon
 * as it has no pending request. Inside a migration await nothing but IndexedDB requests on `tx`.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { DraftRecord, DraftState } from '../domain/draft';
import type { Challenge } from '../domain/idea';

/** The default database name: one per origin. */
export const DB_NAME = 'idesluss';

/** The cached challenge list lives under this one key of the `challenges` store. */
export const CHALLENGES_KEY = 'open';

export interface ChallengesCache {
  challenges: Challenge[];
  fetchedAt: number;
}

/** The current schema, as the store code sees it. */
export interface IdeslussDB extends DBSchema {
  drafts: {
    key: string;
    value: DraftRecord;
    indexes: { 'by-state': DraftState; 'by-updatedAt': number };
  };
  challenges: { key: string; value: ChallengesCache };
  meta: { key: string; value: unknown };
}

/**
 * A migration from version N-1 to N. It sees the database untyped: older versions do not match the
 * current schema, and pretending they do would hide exactly the differences a migration handles.
 */
export type Migration = (db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void | Promise<void>;

/** v1: the first release. Drafts keyed by id with a state index; challenge cache; meta. */
const v1: Migration = (db) => {
  const drafts = db.createObjectStore('drafts', { keyPath: 'id' });
  drafts.createIndex('by-state', 'state');
  db.createObjectStore('challenges');
  db.createObjectStore('meta');
};

/**
 * v2: the `by-updatedAt` index (newest-first lists without sorting everything), and a backfill of
 * fields v1 did not store: `attempts` (retry counter), `updatedAt` (from `createdAt`) and
 * `content.lang` (v1 was Swedish only). Unknown fields are kept as they are.
 */
const v2: Migration = async (_db, tx) => {
  const drafts = tx.objectStore('drafts');
  drafts.createIndex('by-updatedAt', 'updatedAt');
  let cursor = await drafts.openCursor();
  while (cursor) {
    const record = cursor.value as Record<string, unknown>;
    const patched = backfillV2(record);
    if (patched) await cursor.update(patched);
    cursor = await cursor.continue();
  }
};

/** Returns the record with v2's fields filled in, or undefined when nothing was missing. */
function backfillV2(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const next: Record<string, unknown> = { ...record };
  let changed = false;
  if (typeof next.attempts !== 'number') {
    next.attempts = 0;
    changed = true;
  }
  if (typeof next.updatedAt !== 'number') {
    next.updatedAt = typeof next.createdAt === 'number' ? next.createdAt : 0;
    changed = true;
  }
  const content = next.content;
  if (typeof content === 'object' && content !== null && !('lang' in content)) {
    next.content = { ...content, lang: 'sv' };
    changed = true;
  }
  return changed ? next : undefined;
}

/** Every migration, in order. Append only: never edit or remove a shipped one. */
export const MIGRATIONS: readonly Migration[] = [v1, v2];

/** The version this code opens. */
export const DB_VERSION = MIGRATIONS.length;

/**
 * Runs the migrations from `oldVersion` up to `newVersion` inside the upgrade transaction, one after
 * the other. A failure aborts the transaction, so the database stays at its old version, untouched;
 * the returned promise then rejects with the migration's own error (the open request only says "abort").
 */
export async function runMigrations(
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  oldVersion: number,
  newVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  try {
    for (let version = oldVersion + 1; version <= newVersion; version++) {
      const migration = migrations[version - 1];
      if (!migration) throw new Error(`No migration to version ${version}`);
      await migration(db, tx);
    }
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the open request fails on its own.
    }
    throw error;
  }
}
