/**
 * The inbox's CSV export over HTTP, streamed (docs/adr/033-inbox-paging-in-sql.md, "The export streams"): the same
 * bytes as the whole file the route built before, with the same headers, for each order, a filter and both variants;
 * the challenges' titles read once, not once a row; and the event loop free while it runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../intranet/db/database';
import { IdeasRepo, type IdeaFilter } from '../../intranet/db/ideas-repo';
import { seedDemoData } from '../../intranet/db/seed';
import { ideasToCsv, spreadsheetLabels, type SpreadsheetLabels } from '../../intranet/inbox/csv';
import { EXPORT_CHUNK } from '../../intranet/inbox/csv-stream';
import { addExportIdeas, firstDifference } from '../../intranet/testing/export-ideas';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

// Enough chunks that an export lasts many turns of the event loop; not a multiple of the chunk.
const COUNT = 6_789;

/** Each address, and the filter and labels the route should read from it. */
const CASES: [path: string, filter: IdeaFilter, labels: SpreadsheetLabels | undefined][] = [
  ['/inkorg/export.csv', {}, undefined],
  ['/inkorg/export.csv?for=excel', {}, spreadsheetLabels('sv')],
  ['/inkorg/export.csv?for=excel&lang=en', {}, spreadsheetLabels('en')],
  ['/inkorg/export.csv?sort=oldest', { sort: 'oldest' }, undefined],
  ['/inkorg/export.csv?sort=title&for=excel', { sort: 'title' }, spreadsheetLabels('sv')],
  ['/inkorg/export.csv?sort=status', { sort: 'status' }, undefined],
  ['/inkorg/export.csv?status=piloting&kind=idea&sort=title', { status: 'piloting', kind: 'idea', sort: 'title' }, undefined],
  ['/inkorg/export.csv?q=%C3%84RLAN&challenge=mindre-matsvinn&for=excel', { text: 'ÄRLAN', challengeId: 'mindre-matsvinn' }, spreadsheetLabels('sv')],
];

let dataDir: string;
let intranet: TestIntranet;
let ivan: TestLogin;
let anna: TestLogin;
/** The file each case's address gave before the export streamed: `ideasToCsv` over `list()`, a query a row for challenges. */
const expected = new Map<string, Buffer>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'idesluss-export-'));
  const db = openDatabase(dataDir);
  try {
    seedDemoData(db);
    addExportIdeas(db, COUNT, 7);
    const repo = new IdeasRepo(db);
    for (const [path, filter, labels] of CASES) {
      expected.set(path, Buffer.from(ideasToCsv(repo.list(filter), (id) => repo.challenge(id)?.title, labels), 'utf8'));
    }
  } finally {
    db.close();
  }
  intranet = await startTestIntranet({ dataDir });
  [ivan, anna] = await Promise.all([intranet.login('ivan'), intranet.login('anna')]);
});
afterAll(async () => {
  await intranet.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A page, by plain fetch: the checked one reads the whole body before it answers. */
const get = (path: string, who: TestLogin) => fetch(`${intranet.url}${path}`, { headers: { Cookie: who.cookie } });

describe('the inbox CSV export, streamed', () => {
  it.each(CASES)('%s: the headers, and byte for byte the file the route built whole', async (path) => {
    const r = await get(path, ivan);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    const excel = path.includes('for=excel') ? '-excel' : '';
    expect(r.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="(idesluss-ideer|idesluss-ideas)-\\d{4}-\\d\\d-\\d\\d${excel}\\.csv"$`));
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(firstDifference(Buffer.from(await r.arrayBuffer()), expected.get(path)!)).toBeUndefined();
  });

  it('reads the ids once and the rows a chunk at a time, and the challenges once rather than once a row', async () => {
    const ids = vi.spyOn(IdeasRepo.prototype, 'ids');
    const byIds = vi.spyOn(IdeasRepo.prototype, 'byIds');
    const challenge = vi.spyOn(IdeasRepo.prototype, 'challenge');
    const challenges = vi.spyOn(IdeasRepo.prototype, 'challenges');
    const list = vi.spyOn(IdeasRepo.prototype, 'list');
    const body = await (await get('/inkorg/export.csv', ivan)).arrayBuffer();
    expect(body.byteLength).toBe(expected.get('/inkorg/export.csv')!.length);
    expect(ids).toHaveBeenCalledTimes(1);
    // Every row once, read a few at a time as each chunk of EXPORT_CHUNK fills (intranet/chunked-stream.ts).
    const reads = byIds.mock.calls.map(([chunk]) => chunk.length);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(COUNT);
    expect(Math.max(...reads)).toBeLessThanOrEqual(EXPORT_CHUNK);
    expect(new Set(byIds.mock.calls.flatMap(([chunk]) => chunk)).size).toBe(COUNT);
    expect(challenge).not.toHaveBeenCalled();
    expect(challenges).toHaveBeenCalledTimes(1);
    expect(list).not.toHaveBeenCalled();
  });

  it('answers GET /me while an export runs, before the export\'s body is complete', async () => {
    const chunks = vi.spyOn(IdeasRepo.prototype, 'byIds');
    const events: string[] = [];
    const response = await get('/inkorg/export.csv', ivan);
    let me: Promise<Response> | undefined;
    // The export is read as fast as it comes; /me is asked as soon as its first rows arrive.
    const body = (async () => {
      const parts: Uint8Array[] = [];
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        parts.push(read.value);
        me ??= intranet.fetch(`${intranet.apiBase}/me`, { headers: { Cookie: anna.cookie } }).then((answer) => (events.push(`me answered after ${chunks.mock.calls.length} chunks`), answer));
      }
      events.push(`export complete after ${chunks.mock.calls.length} chunks`);
      return Buffer.concat(parts);
    })();
    expect(firstDifference(await body, expected.get('/inkorg/export.csv')!)).toBeUndefined();
    expect((await me!).status).toBe(200);
    const total = chunks.mock.calls.length; // reads of rows from SQLite
    expect(total).toBeGreaterThanOrEqual(Math.ceil(COUNT / EXPORT_CHUNK));
    expect(events).toHaveLength(2);
    // Ordering, not timing: /me was answered while rows were still to be read from SQLite and sent.
    expect(events[0]).toMatch(/^me answered after \d+ chunks$/);
    expect(Number(/\d+/.exec(events[0]!)![0])).toBeLessThan(total);
    expect(events[1]).toBe(`export complete after ${total} chunks`);
  });
});
