/**
 * `GET /ideas?mine=true` streamed (intranet/chunked-stream.ts). Nothing limits how many ideas one account writes
 * (docs/adr/034-per-account-in-flight-cap.md): built whole, 2,000 ideas at their limits were one string of 55 MB, and
 * every employee's sync waited while it was made. Here one account has 600 ideas at their limits (about 17 MB of JSON):
 * the list is the API's JSON, every idea once, newest first, and GET /me is answered while it is still being read.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS, type IdeaContent } from '../../shared/domain/idea';
import { openDatabase } from '../../intranet/db/database';
import { IdeasRepo } from '../../intranet/db/ideas-repo';
import { seedDemoData } from '../../intranet/db/seed';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

const COUNT = 600;

let dataDir: string;
let intranet: TestIntranet;
let bertil: TestLogin;
let anna: TestLogin;
/** Bertil's ideas as the API gives them, by id. */
const expected = new Map<string, unknown>();

/** An idea with every text at its limit, in characters outside the BMP where the limit counts code points. */
const atLimits = (n: number): IdeaContent => ({
  title: `${n} ${'💡'.repeat(LIMITS.titleMax - String(n).length - 1)}`,
  description: 'ö'.repeat(LIMITS.descriptionMax),
  kind: 'idea',
  source: { url: `https://intranet.example/${'a'.repeat(LIMITS.sourceUrlMax - 25)}`, title: 't'.repeat(LIMITS.sourceTitleMax), quote: '"'.repeat(LIMITS.sourceQuoteMax) },
  anonymous: false,
  lang: 'sv',
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'idesluss-mine-'));
  const db = openDatabase(dataDir);
  try {
    seedDemoData(db);
    const repo = new IdeasRepo(db);
    const start = Date.parse('2026-11-01T08:00:00Z');
    for (let n = 0; n < COUNT; n++) {
      const { stored } = repo.insertIfAbsent(randomUUID(), 'u-bertil', atLimits(n), new Date(start + n * 1000).toISOString());
      expected.set(stored.idea.id, stored.idea);
    }
  } finally {
    db.close();
  }
  intranet = await startTestIntranet({ dataDir, maxInFlightPerUser: 2 });
  [bertil, anna] = await Promise.all([intranet.login('bertil'), intranet.login('anna')]);
});
afterAll(async () => {
  await intranet?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /ideas?mine=true, streamed', () => {
  it('lists every idea of the caller once, newest first, and answers GET /me while the list is read', async () => {
    const reads = vi.spyOn(IdeasRepo.prototype, 'byIds');
    // Plain fetch: `intranet.fetch` reads the whole body to check it against the API's description (the test below).
    const response = await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: bertil.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const events: string[] = [];
    let me: Promise<Response> | undefined;
    const parts: Uint8Array[] = [];
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      parts.push(read.value);
      me ??= intranet.fetch(`${intranet.apiBase}/me`, { headers: { Cookie: anna.cookie } }).then((answer) => (events.push(`me after ${reads.mock.calls.length} reads`), answer));
    }
    events.push(`list after ${reads.mock.calls.length} reads`);
    expect((await me!).status).toBe(200);
    const text = Buffer.concat(parts).toString('utf8');
    expect(text.length).toBeGreaterThan(COUNT * LIMITS.descriptionMax); // the size that held the loop when built whole
    const list = JSON.parse(text) as { id: string; createdAt: string }[];
    expect(list).toHaveLength(COUNT);
    for (const idea of list) expect(idea).toEqual(expected.get(idea.id));
    expect(list.map((i) => i.createdAt)).toEqual([...list.map((i) => i.createdAt)].sort().reverse());
    // Ordering, not timing: /me was answered while rows were still to be read from SQLite.
    expect(events[0]).toMatch(/^me after \d+ reads$/);
    expect(Number(/\d+/.exec(events[0]!)![0])).toBeLessThan(reads.mock.calls.length);
    reads.mockRestore();
  });

  it('is what the API’s description says, and `[]` for an account without ideas', async () => {
    expect(((await (await intranet.fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: bertil.cookie } })).json()) as unknown[]).length).toBe(COUNT);
    const response = await intranet.fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie } });
    expect(await response.text()).toBe('[]');
  });

  it('holds its place in the account’s in-flight limit until the body is out or the download is cancelled', async () => {
    const open = (who: TestLogin) => fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: who.cookie } });
    const me = async (who: TestLogin) => (await fetch(`${intranet.apiBase}/me`, { headers: { Cookie: who.cookie } })).status;
    // Two lists of about 17 MB each, not read: each stream waits for its reader, and holds one of Bertil's two places.
    const lists = [await open(bertil), await open(bertil)];
    expect(await me(bertil)).toBe(429);
    expect(await me(anna)).toBe(200); // another account is not held up
    await lists[0]!.body!.cancel(); // the download closed: its place comes back
    await vi.waitFor(async () => expect(await me(bertil)).toBe(200));
    await lists[1]!.text(); // read to the end: so does this one
    const third = await open(bertil);
    expect(third.status).toBe(200);
    await third.body!.cancel();
  });
});
