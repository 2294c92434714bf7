/**
 * Ideas for the tests of the inbox's CSV export, written straight into a database (no test sends thousands over
 * HTTP): deterministic, and full of what a CSV writer gets wrong — quotes, both separators, CR and LF inside a cell,
 * cells a spreadsheet would run as a formula, å, ä and ö, anonymous authors, challenges (a closed one and one that
 * does not exist), sources, both languages, every kind and status, several ideas to a second.
 */
import { IDEA_KINDS, IDEA_STATUSES, type IdeaContent } from '../../shared/domain/idea';
import type { Db } from '../db/database';
import { IdeasRepo } from '../db/ideas-repo';

/**
 * A small deterministic random source (mulberry32) in [0, 1), so that a failure can be run again. The sync tests have
 * their own (shared/sync/testing/harness.ts): intranet/ may import only shared/domain and shared/i18n.
 */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['Vanlig idé', 'Säg "hej", då', '=1+1', '+46 70', '-2+3 grader', '@SUM(A1)', '＝1', '  =cmd', '\tindrag',
  'Rad ett\nrad två', 'Rad ett\r\nrad två', 'semikolon; och, komma', 'Ärlan på Öland', "'redan skyddad", '"""', 'x'];
const CHALLENGES = [undefined, undefined, 'mindre-matsvinn', 'sommarjobb-2026', 'borttagen-utmaning'];
const AUTHORS = ['u-anna', 'u-bertil', 'u-ivan'];

/**
 * Adds `count` such ideas to a migrated database that has the demo users (`seedDemoData`); status changes by Ivan.
 * The same `seed` gives the same ideas.
 */
export function addExportIdeas(db: Db, count: number, seed = 1): void {
  const repo = new IdeasRepo(db);
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const hex = () => Math.floor(next() * 2 ** 48).toString(16).padStart(12, '0');
  const start = Date.parse('2026-11-30T12:00:00.000Z');
  db.transaction(() => {
    for (let n = 0; n < count; n++) {
      const id = `00000000-0000-4000-8000-${hex()}`;
      const challengeId = pick(CHALLENGES);
      const source = next() < 0.3 ? { url: 'https://example.com/?a="b"&c=d;e', title: pick(TEXTS), quote: pick(TEXTS) } : next() < 0.2 ? { quote: pick(TEXTS) } : undefined;
      const content: IdeaContent = {
        title: `${pick(TEXTS)}${n % 7 === 0 ? ' ärlan' : ''}`,
        description: next() < 0.2 ? '' : `${pick(TEXTS)} ${pick(TEXTS)}`,
        kind: pick(IDEA_KINDS),
        anonymous: next() < 0.25,
        lang: pick(['sv', 'en'] as const),
        ...(challengeId ? { challengeId } : {}),
        ...(source ? { source } : {}),
      };
      const created = new Date(start - Math.floor(n / 3) * 1000).toISOString();
      repo.insertIfAbsent(id, pick(AUTHORS), content, created);
      const status = pick(IDEA_STATUSES);
      if (status !== 'received') repo.setStatus(id, status, 'u-ivan', new Date(start + n * 1000).toISOString());
    }
  })();
}

/** Every byte of a stream, in one buffer. */
export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  return Buffer.concat(parts);
}

/**
 * Where two byte strings part, with a little text either side, or undefined when they are equal: a message to read
 * in a failed test, where a diff of two files of megabytes would not help.
 */
export function firstDifference(actual: Buffer, expected: Buffer): string | undefined {
  if (actual.equals(expected)) return undefined;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const around = (bytes: Buffer) => JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 40).toString('utf8'));
  return `${actual.length} bytes against ${expected.length}, first different at byte ${at}: ${around(actual)} against ${around(expected)}`;
}
