import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEA_KINDS, IDEA_STATUSES, type IdeaKind, type IdeaStatus } from '../../shared/domain/idea';
import { clampPage, IDEA_SORTS, ORDER_BY, type IdeaFilter } from './idea-query';
import { random } from '../testing/export-ideas';
import { SELECT_IDEA, toStored, type IdeaRow, type StoredIdea } from './idea-rows';
import { IdeasRepo } from './ideas-repo';
import { migrate } from './migrations';

/**
 * The inbox's list as it was before ADR 033, kept as the reference that `page` and `list` must match: every row
 * read, the text searched and the list sorted in JavaScript (a stable sort of the newest-first list), one page sliced.
 */
function oldList(db: Database.Database, filter: IdeaFilter): StoredIdea[] {
  const all = (db.prepare(`${SELECT_IDEA} WHERE (@status IS NULL OR i.status = @status) AND (@kind IS NULL OR i.kind = @kind)
      AND (@challenge IS NULL OR i.challenge_id = @challenge) ORDER BY i.created_at DESC, i.id`)
    .all({ status: filter.status ?? null, kind: filter.kind ?? null, challenge: filter.challengeId ?? null }) as IdeaRow[]).map(toStored);
  // The old fold, copied rather than imported, so that a change to the new one shows here.
  const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('sv-SE');
  const collator = new Intl.Collator('sv-SE');
  const byOrder = {
    oldest: (a: StoredIdea, b: StoredIdea) => a.idea.createdAt.localeCompare(b.idea.createdAt),
    title: (a: StoredIdea, b: StoredIdea) => collator.compare(a.idea.title, b.idea.title),
    status: (a: StoredIdea, b: StoredIdea) => IDEA_STATUSES.indexOf(a.idea.status) - IDEA_STATUSES.indexOf(b.idea.status),
  };
  const needle = filter.text && fold(filter.text);
  const found = needle ? all.filter(({ idea }) => fold(idea.title).includes(needle) || fold(idea.description).includes(needle)) : all;
  return filter.sort && filter.sort !== 'newest' ? found.sort(byOrder[filter.sort]) : found;
}

function oldPage(all: StoredIdea[], sida: number, size: number) {
  const last = Math.max(1, Math.ceil(all.length / size));
  const page = Math.min(last, Math.max(1, Math.trunc(sida) || 1));
  return { ids: all.slice((page - 1) * size, page * size).map((s) => s.idea.id), page, total: all.length };
}

// Swedish order puts Å, Ä, Ö after Z, é with e, and v and w apart; case differs only at the last level.
const WORDS = ['Ärlan', 'ärlan', 'ÄRLAN', 'Återvinning', 'återvinning', 'Öppettider', 'öppettider', 'zebra', 'Zebra', 'Éclair', 'eclair',
  'écluse', 'Apelsin', 'apelsin', 'Bänk', 'bank', 'Vägg', 'Wägg', 'Ögla', 'Oxe', 'Aa', 'aa'];
const SENTENCES = ['Ärlan sjunger på taket.', 'ÅTERBRUK av möbler', 'öl och Öl', 'Inget särskilt.', '', 'Rad ett\nrad två', 'E\u0301n idé om café'];
const TIMES = Array.from({ length: 12 }, (_, n) => `2026-11-${String(10 + n).padStart(2, '0')}T08:00:00.000Z`);
const SIZE = 7;

let db: Database.Database;
let repo: IdeasRepo;

beforeAll(() => {
  db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO users VALUES ('u1', 'u1', 'Anna', 'x', 'employee'), ('u2', 'u2', 'Bertil', 'x', 'innovation-team')").run();
  repo = new IdeasRepo(db);
  const next = random(33);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const hex = () => Math.floor(next() * 2 ** 48).toString(16).padStart(12, '0');
  const add = (title: string, description: string) => {
    const id = `00000000-0000-4000-8000-${hex()}`;
    const challengeId = pick([undefined, 'c1', 'c2']);
    repo.insertIfAbsent(id, pick(['u1', 'u2']), { title, description, kind: pick(IDEA_KINDS), ...(challengeId ? { challengeId } : {}), anonymous: false, lang: 'sv' }, pick(TIMES));
    const status = pick(IDEA_STATUSES);
    if (status !== 'received') repo.setStatus(id, status, 'u2', '2026-11-30T00:00:00.000Z');
  };
  for (let n = 0; n < 240; n++) {
    const title = `${pick(WORDS)} ${pick(WORDS)}${next() < 0.3 ? '' : ` ${n % 9}`}`;
    // Some titles and descriptions decomposed (NFD), as a client other than ours might send them.
    add(next() < 0.2 ? title.normalize('NFD') : title, next() < 0.2 ? pick(SENTENCES).normalize('NFD') : pick(SENTENCES));
  }
  // A search must not match across the end of the title into the description.
  add('Slut på raden', 'Början på nästa');
  add('Rad ett\nrad två', 'i rubriken');
});
afterAll(() => db.close());

const STATUS_FILTERS: (IdeaStatus | undefined)[] = [undefined, 'received', 'piloting'];
const KIND_FILTERS: (IdeaKind | undefined)[] = [undefined, 'idea', 'good-example'];
const CHALLENGE_FILTERS = [undefined, 'c1'];
const TEXTS = [undefined, 'ärlan', 'ÄRL', 'a\u0308rl', 'Å', 'é', 'e\u0301', 'ett\nrad', 'RADEN\nbörjan', 'raden\u001fbörjan', 'finns inte'];

const filters: IdeaFilter[] = IDEA_SORTS.flatMap((sort) => STATUS_FILTERS.flatMap((status) => KIND_FILTERS.flatMap((kind) =>
  CHALLENGE_FILTERS.flatMap((challengeId) => TEXTS.map((text) => ({ sort, status, kind, challengeId, text }))))))
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as IdeaFilter);

describe('the inbox in SQL', () => {
  it('lists, by every order and filter, the ideas the old list did, in the same order', () => {
    let matched = 0;
    for (const filter of filters) {
      const expected = oldList(db, filter);
      matched += expected.length;
      expect(repo.list(filter).map((s) => s.idea.id), JSON.stringify(filter)).toEqual(expected.map((s) => s.idea.id));
    }
    // The set is one that tests something: searches that find ideas, and ties to break.
    expect(matched).toBeGreaterThan(10_000);
    expect(repo.list({ sort: 'newest' })).toEqual(oldList(db, {}));
  });

  it('pages them as the route did: the same ideas on each page, the same count and page number', () => {
    for (const filter of filters) {
      const all = oldList(db, filter);
      const last = Math.max(1, Math.ceil(all.length / SIZE));
      for (let sida = 1; sida <= last + 1; sida++) {
        const { ideas, page, total } = repo.page(filter, sida, SIZE);
        expect({ ids: ideas.map((s) => s.idea.id), page, total }, `${JSON.stringify(filter)} sida=${sida}`).toEqual(oldPage(all, sida, SIZE));
      }
    }
  });

  it('finds å, ä, ö and é in any case and in either Unicode form', () => {
    const found = (text: string) => repo.list({ text }).map((s) => s.idea.id).sort();
    expect(found('ärlan').length).toBeGreaterThan(20);
    expect(found('ÄRLAN')).toEqual(found('ärlan'));
    expect(found('A\u0308RLAN')).toEqual(found('ärlan'));
    expect(found('café')).toEqual(found('CAFE\u0301'));
    expect(found('raden\nbörjan')).toEqual([]);
    expect(found('ett\nrad').length).toBeGreaterThan(0);
  });

  it('clamps the page number as the route did', () => {
    expect([NaN, 0, -3, 0.5, 1.9, 2, 2.7, 3, 99, Infinity].map((n) => clampPage(n, 15, 7))).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3, 3]);
    expect(clampPage(5, 0, 7)).toBe(1);
    expect(repo.page({ text: 'finns inte' }, 4, SIZE)).toEqual({ ideas: [], page: 1, total: 0 });
    const total = repo.page({}, 1, SIZE).total;
    expect(repo.page({}, Number('abc'), SIZE).page).toBe(1);
    expect(repo.page({}, Number('1e9'), SIZE).page).toBe(Math.ceil(total / SIZE));
    expect(() => repo.page({}, 1, 0)).toThrow(RangeError);
  });

  it('reads each order and filter from an index rather than sorting every idea', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    const page = (where: string, sort: keyof typeof ORDER_BY) => plan(`SELECT i.id FROM ideas i ${where} ORDER BY ${ORDER_BY[sort]} LIMIT 50 OFFSET 50`);
    expect(page('', 'newest')).toBe('SCAN i USING COVERING INDEX ideas_created');
    expect(page('', 'oldest')).toMatch(/^SCAN i USING COVERING INDEX ideas_created \| USE TEMP B-TREE FOR LAST TERM OF ORDER BY$/);
    expect(page('', 'status')).toBe('SCAN i USING COVERING INDEX ideas_status_rank');
    expect(page('WHERE i.status = \'piloting\'', 'newest')).toBe('SEARCH i USING COVERING INDEX ideas_status_created (status=?)');
    expect(page('WHERE i.kind = \'idea\'', 'newest')).toBe('SEARCH i USING COVERING INDEX ideas_kind_created (kind=?)');
    expect(page('WHERE i.challenge_id = \'c1\'', 'newest')).toBe('SEARCH i USING COVERING INDEX ideas_challenge_created (challenge_id=?)');
    expect(plan(`SELECT i.id, i.title FROM ideas i ORDER BY ${ORDER_BY.newest}`)).toBe('SCAN i USING COVERING INDEX ideas_created');
    for (const column of ['status', 'kind', 'challenge_id']) expect(plan(`SELECT count(*) FROM ideas i WHERE i.${column} = 'x'`)).toMatch(/COVERING INDEX/);
  });
});

describe('the title order kept between pages', () => {
  it('sorts once for the next pages, and afresh after any write: a new idea, a status, another connection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idesluss-title-order-'));
    const file = join(dir, 'ideas.db');
    const sorts: string[] = [];
    const own = new Database(file, { verbose: (sql) => String(sql).startsWith('SELECT i.id, i.title') && sorts.push(String(sql)) });
    const other = new Database(file);
    try {
      migrate(own);
      own.prepare("INSERT INTO users VALUES ('u1', 'u1', 'Anna', 'x', 'employee')").run();
      const ideas = new IdeasRepo(own);
      const add = (n: number, title: string) =>
        ideas.insertIfAbsent(`00000000-0000-4000-8000-00000000000${n}`, 'u1', { title, description: '', kind: 'idea', anonymous: false, lang: 'sv' }, `2026-11-2${n}T08:00:00.000Z`).stored.idea.id;
      const titles = (filter: IdeaFilter, page = 1) => ideas.page({ ...filter, sort: 'title' }, page, 1).ideas.map((s) => s.idea.title);
      add(1, 'Öppettider');
      const zebra = add(2, 'Zebra');
      expect([titles({}), titles({}, 2)]).toEqual([['Zebra'], ['Öppettider']]);
      expect(sorts).toHaveLength(1); // the second page used the order kept
      add(3, 'Ärlan');
      expect(titles({}, 2)).toEqual(['Ärlan']);
      expect(sorts).toHaveLength(2);
      expect(titles({ status: 'piloting' })).toEqual([]);
      ideas.setStatus(zebra, 'piloting', 'u1', '2026-11-30T00:00:00.000Z');
      expect(titles({ status: 'piloting' })).toEqual(['Zebra']);
      // Another connection (a script, the sqlite3 shell) renames one and takes one away: the order and count follow.
      expect(ideas.page({ sort: 'title' }, 1, 10).total).toBe(3); // kept from here on, until a write
      other.prepare("UPDATE ideas SET title = 'Aaa', search_text = 'aaa' WHERE title = 'Öppettider'").run();
      other.prepare("DELETE FROM ideas WHERE title = 'Ärlan'").run();
      const page = ideas.page({ sort: 'title' }, 1, 10);
      expect([page.ideas.map((s) => s.idea.title), page.total]).toEqual([['Aaa', 'Zebra'], 2]);
      expect(ideas.ids({ sort: 'title' })).toHaveLength(2);
    } finally {
      own.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the orders of four filters at most, the one sorted longest ago going first', () => {
    const sorts: string[] = [];
    const db = new Database(':memory:', { verbose: (sql) => String(sql).startsWith('SELECT i.id, i.title') && sorts.push(String(sql)) });
    try {
      migrate(db);
      db.prepare("INSERT INTO users VALUES ('u1', 'u1', 'Anna', 'x', 'employee')").run();
      const ideas = new IdeasRepo(db);
      ideas.insertIfAbsent('00000000-0000-4000-8000-000000000001', 'u1', { title: 'Ett', description: '', kind: 'idea', anonymous: false, lang: 'sv' }, '2026-11-21T08:00:00.000Z');
      const sortCount = (filter: IdeaFilter) => {
        ideas.page({ ...filter, sort: 'title' }, 1, 10);
        return sorts.length;
      };
      const five: IdeaFilter[] = [{}, { status: 'received' }, { status: 'in-review' }, { status: 'piloting' }, { status: 'implemented' }];
      expect(five.map(sortCount)).toEqual([1, 2, 3, 4, 5]); // each filter sorted once
      expect(sortCount({ status: 'implemented' })).toBe(5); // the four latest are kept …
      expect(sortCount({ status: 'in-review' })).toBe(5);
      expect(sortCount({})).toBe(6); // … and the first went when the fifth came
      expect(sortCount({ status: 'received' })).toBe(7); // the oldest kept then went for it
      expect(sortCount({ status: 'implemented' })).toBe(7);
    } finally {
      db.close();
    }
  });
});
