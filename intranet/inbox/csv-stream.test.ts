import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEA_SORTS, IdeasRepo, type IdeaFilter } from '../db/ideas-repo';
import { migrate } from '../db/migrations';
import { seedDemoData } from '../db/seed';
import { addExportIdeas, firstDifference, streamBytes } from '../testing/export-ideas';
import { ideasToCsv, spreadsheetLabels, type SpreadsheetLabels } from './csv';
import { csvExportStream, EXPORT_CHUNK } from './csv-stream';

// A multiple of the route's chunk, so that its last chunk ends at the last idea; the filters and the chunk sizes tried
// below give last chunks that are short.
const COUNT = 3_000;

let db: Database.Database;
let repo: IdeasRepo;
let titles: Map<string, string>;

beforeAll(() => {
  db = new Database(':memory:');
  migrate(db);
  seedDemoData(db);
  addExportIdeas(db, COUNT);
  repo = new IdeasRepo(db);
  titles = new Map(repo.challenges().map((c) => [c.id, c.title]));
});
afterAll(() => db.close());

/** The export as the route streams it: the ids once, the rows a chunk at a time, the challenges' titles from one map. */
const streamed = (filter: IdeaFilter, labels?: SpreadsheetLabels, chunk = EXPORT_CHUNK) =>
  streamBytes(csvExportStream({ ids: repo.ids(filter), fetch: (ids) => repo.byIds(ids), challengeTitles: titles }, labels, chunk));

/** The export as the route built it before it streamed: every idea at once, one challenge query per row, one string. */
const whole = (filter: IdeaFilter, labels?: SpreadsheetLabels) =>
  Buffer.from(ideasToCsv(repo.list(filter), (id) => repo.challenge(id)?.title, labels), 'utf8');

const FILTERS: IdeaFilter[] = [
  ...IDEA_SORTS.map((sort) => ({ sort })),
  { status: 'piloting' },
  { status: 'declined', sort: 'title' },
  { text: 'ÄRLAN', sort: 'oldest' },
  { challengeId: 'mindre-matsvinn', kind: 'idea', sort: 'status' },
  { challengeId: 'borttagen-utmaning' },
  { text: 'finns inte' },
];
const VARIANTS: [string, SpreadsheetLabels | undefined][] = [['plain', undefined], ['excel sv', spreadsheetLabels('sv')], ['excel en', spreadsheetLabels('en')]];

describe('the streamed CSV export', () => {
  it('holds what a CSV writer gets wrong: the data set tests something', () => {
    const text = whole({}).toString('utf8');
    expect(text.startsWith('\ufeff"id","title"')).toBe(true);
    for (const cell of [`"'=1+1`, `"'@SUM(A1)`, `"'\tindrag`, `"'  =cmd`, '"Säg ""hej"", då', '"Rad ett\r\nrad två', '"Rad ett\nrad två',
      '"Sommarjobb 2026"', '"borttagen-utmaning",""']) expect(text, cell).toContain(cell);
    expect(repo.list({}).filter((s) => s.idea.anonymous).length).toBeGreaterThan(COUNT / 5);
    expect(repo.list({ text: 'ärlan' }).length).toBeGreaterThan(EXPORT_CHUNK);
  });

  it.each(VARIANTS)('is, %s, byte for byte the file the whole-string builder made, for each order and a filter', async (_, labels) => {
    for (const filter of FILTERS) {
      expect(firstDifference(await streamed(filter, labels), whole(filter, labels)), JSON.stringify(filter)).toBeUndefined();
    }
  });

  it('cuts the rows into chunks anywhere without changing a byte', async () => {
    const expected = whole({});
    for (const chunk of [1, 7, 499, 501, COUNT / 4, COUNT - 1, COUNT, COUNT + 1]) {
      expect(firstDifference(await streamed({}, undefined, chunk), expected), `chunk ${chunk}`).toBeUndefined();
    }
    expect(() => csvExportStream({ ids: [], fetch: () => [], challengeTitles: titles }, undefined, 0)).toThrow(RangeError);
  });

  it('ends a chunk once its text is long, whatever the count: large ideas do not hold the event loop', async () => {
    const source = { ids: repo.ids({}), fetch: (ids: readonly string[]) => repo.byIds(ids), challengeTitles: titles };
    const reader = csvExportStream(source, undefined, EXPORT_CHUNK, 2_000).getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(firstDifference(Buffer.concat(chunks), whole({}))).toBeUndefined();
    // The longest idea of the set is under 1,000 characters of CSV: no chunk goes far past the bound.
    expect(Math.max(...chunks.slice(1).map((c) => Buffer.from(c).toString('utf8').length))).toBeLessThan(3_000);
    expect(chunks.length).toBeGreaterThan(COUNT / 10);
  });

  it('reads a chunk only when the reader asks for it, and none after a cancel', async () => {
    const asked: number[] = [];
    const source = { ids: repo.ids({}), fetch: (chunk: readonly string[]) => (asked.push(chunk.length), repo.byIds(chunk)), challengeTitles: titles };
    const reader = csvExportStream(source).getReader();
    const first = Buffer.from((await reader.read()).value!);
    expect(first.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // the BOM, in UTF-8
    expect(first.toString('utf8')).toBe('\ufeff"id","title","description","kind","status","challengeId","challenge","author","anonymous","sourceUrl","sourceTitle","sourceQuote","lang","createdAt","updatedAt"\r\n');
    // A chunk read ahead would still wait for its turn of the event loop right after `read()`: look a moment later.
    const aMomentLater = () => new Promise((resolve) => setTimeout(resolve, 10));
    await aMomentLater();
    expect(asked).toEqual([]);
    await reader.read();
    await reader.read();
    await aMomentLater();
    const total = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
    expect(total(asked)).toBe(2 * EXPORT_CHUNK); // two chunks, read from SQLite a few rows at a time
    const before = asked.length;
    // A download closed while its next chunk waits for a turn of the event loop: that chunk is not read.
    const closed = csvExportStream(source).getReader();
    await closed.read();
    const pending = closed.read();
    await closed.cancel();
    expect((await pending).done).toBe(true);
    await aMomentLater();
    expect(asked).toHaveLength(before);
  });
});
