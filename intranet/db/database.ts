/**
 * Opens the one SQLite file of the reference intranet: `<dataDir>/idesluss.db`, WAL journal,
 * `synchronous = FULL` (an acknowledged idea survives a crash of the process or the machine),
 * foreign keys on, then the ordered migrations.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/** The file name inside the data directory. */
export const DB_FILE = 'idesluss.db';

/** Opens (creating if needed) and migrates the database. Call once per server start. */
export function openDatabase(dataDir: string): Db {
  // Ideas, who wrote the anonymous ones, and password hashes: for the server's own user only (a new directory 0700,
  // a new file 0600; SQLite gives its -wal and -shm files the file's mode). An existing database keeps the mode its
  // owner gave it: chmod fails for a file another user owns, and the server must still start.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DB_FILE);
  const created = !existsSync(file);
  const db = new Database(file);
  if (created) chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
