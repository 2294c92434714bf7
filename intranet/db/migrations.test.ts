import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { IdeasRepo } from './ideas-repo';
import { MIGRATIONS, migrate } from './migrations';
import { searchTextOf } from './search-text';
import { seedDemoData } from './seed';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'idesluss-db-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('open a WAL database at the newest version, and re-opening changes nothing', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    seedDemoData(db);
    const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    new IdeasRepo(db).insertIfAbsent(id, 'u-anna', { title: 'T', description: '', kind: 'idea', anonymous: false, lang: 'sv' }, '2026-11-26T00:00:00.000Z');
    db.close();
    const again = openDatabase(dir);
    expect(new IdeasRepo(again).list().map(({ idea }) => [idea.id, idea.title])).toEqual([[id, 'T']]);
    again.close();
  });

  it('create the data directory and the database file for the server\'s own user only', () => {
    const dir = join(tempDir(), 'data');
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ['idesluss.db', 'idesluss.db-wal']) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    db.close();
    // An existing database keeps the mode its owner gave it (chmod fails for a file another user owns).
    chmodSync(join(dir, 'idesluss.db'), 0o640);
    openDatabase(dir).close();
    expect(statSync(join(dir, 'idesluss.db')).mode & 0o777).toBe(0o640);
  });

  it('keep ideas written at version 1 through every later migration', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO users VALUES ('u1', 'u1', 'U', 'x', 'employee')").run();
    db.prepare(`INSERT INTO ideas (id, author_id, title, description, kind, anonymous, lang, content_key, created_at, updated_at)
      VALUES ('i1', 'u1', 'Gammal idé', '', 'idea', 0, 'sv', 'k', 't', 't')`).run();
    migrate(db);
    expect(db.prepare('SELECT title FROM ideas').all()).toEqual([{ title: 'Gammal idé' }]);
    db.close();
  });

  it('give ideas written at version 2 the search text that inserting one gives it (version 3)', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO users VALUES ('u1', 'u1', 'U', 'x', 'employee')").run();
    const insert = db.prepare(`INSERT INTO ideas (id, author_id, title, description, kind, anonymous, lang, content_key, created_at, updated_at)
      VALUES (?, 'u1', ?, ?, 'idea', 0, 'sv', 'k', ?, ?)`);
    const old = [
      ['i1', 'Ärlan på taket', 'ÖPPET hus', '2026-11-01T00:00:00.000Z'],
      ['i2', 'A\u0308RLAN i NFD', '', '2026-11-02T00:00:00.000Z'],
      ['i3', 'Café', 'Rad ett\nRAD TVÅ', '2026-11-03T00:00:00.000Z'],
    ] as const;
    for (const [id, title, description, at] of old) insert.run(id, title, description, at, at);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    const rows = db.prepare('SELECT id, title, description, search_text FROM ideas ORDER BY id').all() as { title: string; description: string; search_text: string }[];
    expect(rows.map((r) => r.search_text)).toEqual(old.map(([, title, description]) => searchTextOf(title, description)));
    expect(rows[0]!.search_text).toBe('ärlan på taket\u001föppet hus');
    const repo = new IdeasRepo(db);
    repo.insertIfAbsent('3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'u1', { title: 'Ärlan igen', description: '', kind: 'idea', anonymous: false, lang: 'sv' }, '2026-11-04T00:00:00.000Z');
    expect(repo.page({ text: 'ärlan' }, 1, 50).ideas.map(({ idea }) => idea.id)).toEqual(['3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'i2', 'i1']);
    expect(repo.page({ text: 'två' }, 1, 50).ideas.map(({ idea }) => idea.id)).toEqual(['i3']);
    db.close();
  });

  it('refuse a database from a newer server', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/999/);
    db.close();
  });
});
