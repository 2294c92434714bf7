/**
 * A stuck head (docs/adr/004-sync-backoff.md): an idea the intranet keeps failing with a server
 * error (500) while it accepts other ideas must not hold the ideas queued after it for ever. In
 * the outage stage of the head's streak, each try of the head sends the next idea as one probe; if
 * that goes through, the head is marked stuck, goes to the back, and the queue drains. A real
 * outage costs at most one probe per try of the head, and overload answers (503) never probe.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdeasApi } from '../api/client';
import type { DraftRecord } from '../domain/draft';
import { submitDraft } from '../domain/lifecycle';
import { createRig, drive, openTestStore, queueIdeas, type Rig } from './testing/harness';
import { sendOrder, toSent, toStuck } from './transitions';

/** An API over the rig's server where a PUT of an idea in `failing()` gets `status`. */
function failingApi(rig: Rig, failing: () => ReadonlySet<string>, status = 500) {
  const puts = new Map<string, number>();
  const api = createIdeasApi({
    baseUrl: 'https://intra.example/api/idesluss/v1',
    clientName: 'idesluss-test/0.1.0',
    now: () => rig.clock.now(),
    fetch: async (url, init) => {
      const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
      if (init?.method === 'PUT') {
        puts.set(id, (puts.get(id) ?? 0) + 1);
        if (failing().has(id)) {
          const body = JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status });
          return new Response(body, { status, headers: { 'Content-Type': 'application/problem+json' } });
        }
      }
      return rig.server.handle(new Request(url, init));
    },
  });
  return { api, puts };
}

const HOUR = 60 * 60_000;

async function setUp(count: number) {
  const rig = createRig({ rate: 0 });
  const store = await openTestStore(new IDBFactory());
  const drafts = await queueIdeas(store, rig.clock, count);
  return { rig, store, drafts };
}

describe('a head the intranet keeps failing with 500', () => {
  it('stops holding the ideas queued after it once the next one goes through, and is still tried', async () => {
    const { rig, store, drafts } = await setUp(3);
    const [head, ...rest] = drafts as [DraftRecord, ...DraftRecord[]];
    const { api, puts } = failingApi(rig, () => new Set([head.id]));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 2 * HOUR);

    for (const d of rest) expect((await store.get(d.id))?.state).toBe('sent');
    expect(rig.server.ideas.size).toBe(2);
    const stuck = await store.get(head.id);
    expect(stuck).toMatchObject({ state: 'queued', stuck: true });
    // Still tried on its own outage backoff (about once per 15 minutes), not in a loop.
    expect(puts.get(head.id)).toBeGreaterThan(3);
    expect(puts.get(head.id)).toBeLessThanOrEqual(3 + 2 * 4 + 1);

    // A new idea does not wait behind it either.
    const [late] = await queueIdeas(store, rig.clock, 1, 'Senare');
    await engine.syncNow();
    await drive(rig, [engine], rig.clock.now() + 60_000);
    expect((await store.get(late!.id))?.state).toBe('sent');
    engine.dispose();
  });

  it('in a total outage answered with 500, costs one probe per try of the head and marks nothing stuck', async () => {
    const { rig, store, drafts } = await setUp(3);
    const { api, puts } = failingApi(rig, () => new Set(drafts.map((d) => d.id)));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 2 * HOUR);

    const [head, probe, third] = drafts.map((d) => puts.get(d.id) ?? 0);
    const headTriesInOutage = head! - 2; // the first two are blips, before any probe
    expect(probe).toBeLessThanOrEqual(headTriesInOutage);
    expect(probe).toBeGreaterThan(0);
    expect(third).toBe(0); // one probe, never a walk down the queue
    for (const d of drafts) expect((await store.get(d.id))?.stuck).toBeUndefined();
    engine.dispose();
  });

  it('after an outage answered with 500 everywhere, the rest drains (paced) while the head stays stuck', async () => {
    const { rig, store, drafts } = await setUp(4);
    const [head, ...rest] = drafts as [DraftRecord, ...DraftRecord[]];
    const outageEnds = rig.clock.now() + 30 * 60_000;
    const { api } = failingApi(rig, () => (rig.clock.now() < outageEnds ? new Set(drafts.map((d) => d.id)) : new Set([head.id])));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 3 * HOUR);

    for (const d of rest) expect((await store.get(d.id))?.state).toBe('sent');
    expect(await store.get(head.id)).toMatchObject({ state: 'queued', stuck: true });
    expect(engine.getState().nextAttemptAt).toBeDefined(); // the stuck head keeps its own next try
    engine.dispose();
  });

  it('never probes past a head refused with 503 (an overloaded intranet is asked less, not more)', async () => {
    const { rig, store, drafts } = await setUp(2);
    const { api, puts } = failingApi(rig, () => new Set([drafts[0]!.id]), 503);
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + HOUR);
    expect(puts.get(drafts[1]!.id) ?? 0).toBe(0);
    engine.dispose();
  });
});

describe('the stuck mark', () => {
  it('puts a stuck idea after the others, and is gone once it is sent or submitted again', async () => {
    const { rig, drafts } = await setUp(2);
    const stuck = toStuck(drafts[0]!)!;
    expect([stuck, drafts[1]!].sort(sendOrder).map((d) => d.id)).toEqual([drafts[1]!.id, stuck.id]);
    expect(toStuck(stuck)).toBeUndefined();
    const sent = toSent({ ...stuck, state: 'sending' }, { ...stuck.content, id: stuck.id, status: 'received', createdAt: '', updatedAt: '' }, 1);
    expect(sent && 'stuck' in sent).toBe(false);
    const again = submitDraft({ ...stuck, state: 'draft' }, rig.clock.now());
    expect(again.ok && 'stuck' in again.record).toBe(false);
  });
});
