/**
 * Opens the one SQLite file of the reference intranet: `<dataDir>/idesluss.db`, WAL journal,
 * `synchronous = FULL` (an acknowledged idea survives a crash of the process or the machine),
 * foreign keys on, then the ordered migrations.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/** The file name inside the data directory. */
export const DB_FILE = 'idesluss.db';

/** Opens (creating if needed) and migrates the database. Call once per server start. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
