/**
 * Issue 3 acceptance: the shared core's sync engine against the real reference intranet on
 * 127.0.0.1, with faults injected in front of it (a fetch wrapper between the API client and the
 * network): 1,000 ideas, 30 % of requests faulted → exactly 1,000 ideas stored, each once, each
 * with the content of its draft. Time (backoff, Retry-After) runs on a fake clock; HTTP is real.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIdeasApi, type FetchLike } from '../../shared/api/client';
import type { RemoteIdea } from '../../shared/domain/idea';
import { contentKey } from '../../shared/domain/validation';
import { SyncEngine } from '../../shared/sync/sync-engine';
import { FakeClock } from '../../shared/sync/testing/fake-clock';
import { openTestStore, queueIdeas, seededRandom } from '../../shared/sync/testing/harness';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

let intranet: TestIntranet;
let anna: TestLogin;
beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
});
afterAll(() => intranet.close());

const FAULTS = ['refused', 'reset', 'lost-after-store', '500', '503', '429', '401'] as const;

/**
 * Real fetch with faults: some requests never reach the server, some are stored but the answer is
 * lost. `resentAfterAccepted` lists ideas PUT again after their 2xx reached the client whole: the
 * server would answer such a resend 200, so only this shows an idea sent twice.
 */
function faultyFetch(rate: number, random: () => number) {
  const counts = new Map<string, number>();
  const accepted = new Set<string>();
  const resentAfterAccepted: string[] = [];
  const fetchWithFaults: FetchLike = async (url, init = {}) => {
    const fault = random() < rate ? FAULTS[Math.floor(random() * FAULTS.length)]! : undefined;
    counts.set(fault ?? 'ok', (counts.get(fault ?? 'ok') ?? 0) + 1);
    const put = init.method === 'PUT' ? url : undefined;
    if (put && accepted.has(put)) resentAfterAccepted.push(put);
    switch (fault) {
      case 'refused':
        throw new TypeError('fetch failed: ECONNREFUSED');
      case 'reset': {
        const response = await fetch(url, init);
        await response.arrayBuffer();
        const body = new ReadableStream({ start: (controller) => controller.error(new TypeError('ECONNRESET')) });
        return new Response(body, { status: response.status, headers: response.headers });
      }
      case 'lost-after-store':
        await (await fetch(url, init)).arrayBuffer();
        throw new TypeError('fetch failed: socket hang up');
      case '500':
        return new Response('Internal error', { status: 500 });
      case '503':
        return new Response(null, { status: 503, headers: { 'Retry-After': '5' } });
      case '429':
        return new Response(null, { status: 429, headers: { 'Retry-After': '30' } });
      case '401':
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Sign in', status: 401 }), {
          status: 401, headers: { 'Content-Type': 'application/problem+json' },
        });
      default: {
        const response = await fetch(url, init);
        if (put && response.ok) accepted.add(put);
        return response;
      }
    }
  };
  return { fetch: fetchWithFaults, counts, resentAfterAccepted };
}

it('delivers 1,000 ideas exactly once through 30 % faulted requests', async () => {
  const clock = new FakeClock();
  const random = seededRandom(11);
  const faults = faultyFetch(0.3, random);
  const api = createIdeasApi({
    baseUrl: intranet.apiBase,
    fetch: faults.fetch,
    clientName: 'idesluss-integration/0.1.0',
    headers: { Authorization: anna.authorization },
    now: () => clock.now(),
  });
  const store = await openTestStore(new IDBFactory());
  const drafts = await queueIdeas(store, clock, 1000, 'Idé mot riktig server');
  const engine = new SyncEngine({ store, api, clock, random, locks: null, onError: (e) => { throw e; } });

  await engine.start();
  for (let steps = 0; steps < 100_000; steps++) {
    await engine.whenIdle();
    if (engine.getState().paused === 'auth') {
      // The user signed in again; a faulted `GET /me` leaves the pause, and the next step asks again.
      await engine.resumeAfterSignIn().catch(() => undefined);
      continue;
    }
    if (!clock.fireNext()) break;
  }
  await engine.whenIdle();
  engine.dispose();

  const all = await store.list();
  expect(all).toHaveLength(1000);
  expect(all.filter((d) => d.state !== 'sent')).toEqual([]);

  const response = await intranet.fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Authorization: anna.authorization } });
  const stored = (await response.json()) as RemoteIdea[];
  expect(stored).toHaveLength(1000);
  const byId = new Map(stored.map((idea) => [idea.id, idea]));
  expect(byId.size).toBe(1000);
  for (const draft of drafts) {
    const idea = byId.get(draft.id);
    expect(idea, draft.id).toBeDefined();
    const { title, description, kind, challengeId, source, anonymous, lang } = idea!;
    expect(contentKey({ title, description, kind, challengeId, source, anonymous, lang })).toBe(contentKey(draft.content));
  }
  expect(faults.resentAfterAccepted).toEqual([]); // none sent again once the client heard it was taken
  for (const fault of FAULTS) expect(faults.counts.get(fault) ?? 0, fault).toBeGreaterThan(0);
});
