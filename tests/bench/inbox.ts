/**
 * The innovation team's inbox with many ideas (docs/adr/033-inbox-paging-in-sql.md): `GET /inkorg` over HTTP from the
 * real reference intranet, signed in as the team, on a database of `count` generated ideas (Swedish titles, five
 * statuses, three kinds, ties in time). Each page view runs on the one event loop that also answers every employee's
 * sync, so its time is time the API waits. No browser: the server's own answer time, page HTML included.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { IDEA_STATUSES, type IdeaContent } from '../../shared/domain/idea';
import { openDatabase } from '../../intranet/db/database';
import { IdeasRepo } from '../../intranet/db/ideas-repo';
import { seedDemoData } from '../../intranet/db/seed';
import { startTestIntranet } from '../support/intranet';
import { median, progress, round } from './stats';

export interface InboxBenchFigures {
  inbox_ideas: number;
  inbox_page_ms: number;
  inbox_deep_page_ms: number;
  inbox_status_filter_ms: number;
  inbox_search_ms: number;
  inbox_title_order_ms: number;
  inbox_title_order_kept_ms: number;
  inbox_export_ms: number;
  /** The longest the event loop was held at once during an export (median over the exports): what the API waited. */
  inbox_export_max_stall_ms: number;
  samples: { inbox: Record<string, number[]> };
}

const WORDS = ['Cykelparkering', 'ärlan', 'Äldreboende', 'öppettider', 'Återvinning', 'skolmat', 'Zebra', 'élan', 'bibliotek', 'Hemtjänst'];
const KINDS = ['idea', 'challenge', 'good-example'] as const;
const CHALLENGES = [undefined, 'farre-pappersblanketter', 'mindre-matsvinn'];

/** Writes `count` ideas by Anna into a fresh database in `dataDir`, three to a second, newest first. */
function fillDatabase(dataDir: string, count: number): void {
  const db = openDatabase(dataDir);
  try {
    seedDemoData(db);
    const repo = new IdeasRepo(db);
    const setStatus = db.prepare('UPDATE ideas SET status = ? WHERE id = ?');
    const start = Date.parse('2026-11-30T12:00:00.000Z');
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = randomUUID();
        const content = {
          title: `${WORDS[i % WORDS.length]} och ${WORDS[(i * 7) % WORDS.length]} ${i}`,
          description: `${'En längre beskrivning av idén. '.repeat(10)}${i % 50 === 0 ? 'Särskilt om återbruk.' : ''}`,
          kind: KINDS[i % KINDS.length]!,
          anonymous: false,
          lang: 'sv',
          ...(CHALLENGES[i % 3] ? { challengeId: CHALLENGES[i % 3] } : {}),
        } as IdeaContent;
        repo.insertIfAbsent(id, 'u-anna', content, new Date(start - Math.floor(i / 3) * 1000).toISOString());
        if (i % 5) setStatus.run(IDEA_STATUSES[i % IDEA_STATUSES.length], id);
      }
    })();
  } finally {
    db.close();
  }
}

/** Times each inbox view `reps` times, the views interleaved; the CSV export a third as often (it reads every row). */
export async function benchInbox(count: number, reps: number): Promise<InboxBenchFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'idesluss-bench-inbox-'));
  progress(`inbox: writing ${count.toLocaleString('en-GB')} ideas`);
  fillDatabase(dataDir, count);
  const intranet = await startTestIntranet({ dataDir });
  try {
    const { cookie } = await intranet.login('ivan');
    const views: Record<string, string> = {
      page: '/inkorg',
      deep_page: `/inkorg?sida=${Math.max(1, Math.floor(count / 100))}`,
      status_filter: '/inkorg?status=piloting',
      search: `/inkorg?q=${encodeURIComponent('ÅTERBRUK')}`,
      // After a write (a sign-in, below), the title order is sorted afresh; the next page uses the order kept.
      title_order: '/inkorg?sort=title&sida=2',
      title_order_kept: '/inkorg?sort=title&sida=3',
      export: '/inkorg/export.csv',
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(views).map((k) => [k, []]));
    const time = async (path: string) => {
      const started = performance.now();
      // No redirect followed: a failed sign-in would otherwise time the sign-in page.
      const response = await fetch(intranet.url + path, { headers: { Cookie: cookie }, redirect: 'manual' });
      // Read as it comes rather than into one string: the server shares this process, and decoding a 27 MB export at
      // once would count as a stall of the server's loop.
      let bytes = 0;
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
      if (response.status !== 200 || bytes === 0) throw new Error(`inbox bench: ${path} answered ${response.status}`);
      return performance.now() - started;
    };
    // The server runs in this process (`startTestIntranet`), so this histogram measures its event loop: the longest
    // delay of a 1 ms timer during an export is the longest time a sync request would have waited behind it.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const stalls: number[] = [];
    const timeExport = async (path: string) => {
      loop.reset();
      loop.enable();
      // The histogram records a delay from its second tick on: a stall before that would go unseen.
      await sleep(5);
      try {
        return await time(path);
      } finally {
        loop.disable();
        stalls.push(loop.max / 1e6);
      }
    };
    for (const path of Object.values(views)) await time(path); // warm: statements prepared, pages cached by SQLite
    for (let rep = 0; rep < reps; rep++) {
      for (const [name, path] of Object.entries(views)) {
        if (name === 'export' && rep % 3 !== 0) continue;
        if (name === 'title_order') await intranet.login('bertil'); // a write: what any new idea does too
        samples[name]!.push(await (name === 'export' ? timeExport(path) : time(path)));
      }
    }
    samples.export_max_stall = stalls;
    const at = (name: string) => round(median(samples[name]!), 1);
    progress(`inbox (${count} ideas): page ${at('page')} ms, deep ${at('deep_page')}, search ${at('search')}, title ${at('title_order')} (kept ${at('title_order_kept')}), export ${at('export')} (longest stall ${at('export_max_stall')})`);
    return {
      inbox_ideas: count,
      inbox_page_ms: at('page'),
      inbox_deep_page_ms: at('deep_page'),
      inbox_status_filter_ms: at('status_filter'),
      inbox_search_ms: at('search'),
      inbox_title_order_ms: at('title_order'),
      inbox_title_order_kept_ms: at('title_order_kept'),
      inbox_export_ms: at('export'),
      inbox_export_max_stall_ms: at('export_max_stall'),
      samples: { inbox: samples },
    };
  } finally {
    await intranet.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
