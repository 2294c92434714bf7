/**
 * Ordered schema migrations for the reference intranet's SQLite file. Each migration runs once,
 * in order, inside a transaction, and moves `PRAGMA user_version` forward. A migration never
 * deletes user data: add columns and tables, never drop ideas.
 */
import type { Database } from 'better-sqlite3';
import { searchTextOf } from './search-text';

/** One forward step of the schema. `version` is the `user_version` after it has run. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/** All migrations, oldest first. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, sessions, challenges, ideas',
    up(db) {
      db.exec(`
        CREATE TABLE users (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          roles TEXT NOT NULL
        );
        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id),
          csrf_token TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        );
        CREATE INDEX sessions_expires ON sessions(expires_at);
        CREATE TABLE challenges (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          summary TEXT NOT NULL,
          body TEXT NOT NULL,
          closes_at TEXT,
          open INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE ideas (
          id TEXT PRIMARY KEY,
          author_id TEXT NOT NULL REFERENCES users(id),
          title TEXT NOT NULL,
          description TEXT NOT NULL,
          kind TEXT NOT NULL,
          challenge_id TEXT,
          source_url TEXT,
          source_title TEXT,
          source_quote TEXT,
          anonymous INTEGER NOT NULL,
          lang TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'received',
          content_key TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX ideas_author ON ideas(author_id, created_at);
        CREATE INDEX ideas_status ON ideas(status, created_at);
        CREATE INDEX ideas_challenge ON ideas(challenge_id);
      `);
    },
  },
  {
    version: 2,
    description: 'status history: who set which status when',
    up(db) {
      db.exec(`
        CREATE TABLE idea_status_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          idea_id TEXT NOT NULL REFERENCES ideas(id),
          status TEXT NOT NULL,
          changed_by TEXT NOT NULL REFERENCES users(id),
          changed_at TEXT NOT NULL
        );
        CREATE INDEX idea_status_log_idea ON idea_status_log(idea_id, seq);
      `);
    },
  },
  {
    version: 3,
    description: 'the inbox pages in SQL: folded search text, an index for its orders',
    up(db) {
      // The search reads this column with instr() (docs/adr/033-inbox-paging-in-sql.md); existing ideas get it here,
      // new ones when they are inserted, both from `searchTextOf`.
      db.exec(`ALTER TABLE ideas ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`);
      const rows = db.prepare<[], { rowid: number; title: string; description: string }>('SELECT rowid, title, description FROM ideas').all();
      const set = db.prepare('UPDATE ideas SET search_text = ? WHERE rowid = ?');
      for (const row of rows) set.run(searchTextOf(row.title, row.description), row.rowid);
      // The inbox's orders and filters, each read from an index, so that a page costs about a page (ADR 033):
      // newest first (ties by id), alone and under each filter of the form (these two replace the old indexes on
      // status and on challenge, which they serve too); oldest first reads the first backwards. The first holds the
      // title too: the title order reads every matching title, and the index is narrower than the rows.
      // The status order is the repository's STATUS_RANK (idea-query.ts), written out here as migrations do not
      // change: a new status needs a new migration with a new index, and a test fails until there is one.
      db.exec(`
        CREATE INDEX ideas_created ON ideas(created_at DESC, id, title);
        CREATE INDEX ideas_status_created ON ideas(status, created_at DESC, id);
        CREATE INDEX ideas_kind_created ON ideas(kind, created_at DESC, id);
        CREATE INDEX ideas_challenge_created ON ideas(challenge_id, created_at DESC, id);
        DROP INDEX ideas_status;
        DROP INDEX ideas_challenge;
        CREATE INDEX ideas_status_rank ON ideas(
          CASE status WHEN 'received' THEN 0 WHEN 'in-review' THEN 1 WHEN 'piloting' THEN 2 WHEN 'implemented' THEN 3
            WHEN 'declined' THEN 4 ELSE -1 END,
          created_at DESC, id);
      `);
    },
  },
];

/**
 * Brings the database to the newest schema. Call once when the server opens its file; safe to call
 * again (already-applied steps are skipped). Refuses a file from a newer server rather than guess.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`The database has schema version ${current}; this server knows only up to ${newest}.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${Number(migration.version)}`);
    }).immediate();
    current = migration.version;
  }
  return current;
}
