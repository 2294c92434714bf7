/**
 * A stuck head (docs/adr/004-sync-backoff.md): an idea the intranet keeps failing with a server
 * error (500) while it accepts other ideas must not hold the ideas queued after it for ever. In
 * the outage stage of the head's streak, each try of the head sends one probe (the first idea that
 * is due and not itself on a 500 streak); if that goes through, the head is marked stuck, goes to
 * the back, and the queue drains. A real outage costs at most one probe per try of the head,
 * overload answers (503) never probe, and stuck ideas hold nothing, not even each other.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdeasApi } from '../api/client';
import type { DraftRecord } from '../domain/draft';
import { keepIntranetVersion, submitDraft, withdrawDraft } from '../domain/lifecycle';
import { createRig, drive, openTestStore, queueIdeas, type Rig } from './testing/harness';
import { sendOrder, toConflict, toSent } from './transitions';

/** An API over the rig's server where a PUT of an idea in `failing()` gets `status`. */
function failingApi(rig: Rig, failing: () => ReadonlySet<string>, status = 500, beforePut?: (id: string) => Promise<void>) {
  const puts = new Map<string, number>();
  const api = createIdeasApi({
    baseUrl: 'https://intra.example/api/idesluss/v1',
    clientName: 'idesluss-test/0.1.0',
    now: () => rig.clock.now(),
    fetch: async (url, init) => {
      const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
      if (init?.method === 'PUT') {
        puts.set(id, (puts.get(id) ?? 0) + 1);
        await beforePut?.(id);
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

  it('in a total outage answered with 500, costs at most one probe per try of the head and marks nothing stuck', async () => {
    const { rig, store, drafts } = await setUp(3);
    const { api, puts } = failingApi(rig, () => new Set(drafts.map((d) => d.id)));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 2 * HOUR);

    const [head, ...others] = drafts.map((d) => puts.get(d.id) ?? 0);
    const headTriesInOutage = head! - 2; // the first two are blips, before any probe
    const probes = others.reduce((a, b) => a + b, 0);
    // One probe per try of the head, whichever idea it is (one on its own 500 streak is passed over).
    expect(probes).toBeGreaterThan(0);
    expect(probes).toBeLessThanOrEqual(headTriesInOutage);
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

/** Marks `d` stuck in the store, as a probe that went through would have. */
const markedStuck = (store: Awaited<ReturnType<typeof setUp>>['store'], d: DraftRecord) =>
  store.update(d.id, (r) => ({ ...r, stuck: true as const }));

describe('several ideas the intranet keeps failing', () => {
  it('two failing ideas in a row: the probe skips the second once it is on a 500 streak, and the third goes', async () => {
    const { rig, store, drafts } = await setUp(3);
    const [h1, h2, p] = drafts as [DraftRecord, DraftRecord, DraftRecord];
    const { api } = failingApi(rig, () => new Set([h1.id, h2.id]));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 3 * HOUR);
    expect((await store.get(p.id))?.state).toBe('sent');
    expect((await store.get(h1.id))?.stuck).toBe(true);
    engine.dispose();
  });

  it('a stuck idea is still tried when a new failing idea gates the queue, and two stuck ideas do not hold each other', async () => {
    const { rig, store, drafts } = await setUp(3);
    const [s1, s2, h] = drafts as [DraftRecord, DraftRecord, DraftRecord];
    await markedStuck(store, s1);
    await markedStuck(store, s2);
    const { api, puts } = failingApi(rig, () => new Set([s1.id, s2.id, h.id]));
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 2 * HOUR);
    // Each on its own outage backoff: about once per 15 minutes, neither starved nor in a loop.
    for (const d of [s1, s2, h]) {
      expect(puts.get(d.id)).toBeGreaterThan(3);
      expect(puts.get(d.id)).toBeLessThanOrEqual(3 + 2 * 4 + 2);
    }
    engine.dispose();
  });

  it('keeps probing when the idea it would probe was taken back meanwhile (a stale snapshot)', async () => {
    const { rig, store, drafts } = await setUp(3);
    const [h, b, c] = drafts as [DraftRecord, DraftRecord, DraftRecord];
    let tries = 0;
    const { api } = failingApi(rig, () => new Set([h.id]), 500, async (id) => {
      // After the head's second failure the run keeps a snapshot with B in it; then the user takes B back.
      if (id === h.id && ++tries === 3) await store.update(b.id, (r) => { const x = withdrawDraft(r, rig.clock.now()); return x.ok ? x.record : undefined; });
    });
    const engine = rig.engine(store, { api });
    await engine.start();
    await drive(rig, [engine], rig.clock.now() + 2 * HOUR);
    expect((await store.get(b.id))?.state).toBe('draft');
    expect((await store.get(c.id))?.state).toBe('sent');
    expect((await store.get(h.id))?.stuck).toBe(true);
    engine.dispose();
  });

  it('does not mark a head that was taken back and submitted again while its probe was out', async () => {
    const { rig, store, drafts } = await setUp(2);
    const [h, p] = drafts as [DraftRecord, DraftRecord];
    let resubmitted = false;
    const { api } = failingApi(rig, () => new Set([h.id]), 500, async (id) => {
      if (id !== p.id || resubmitted) return;
      resubmitted = true;
      await store.update(h.id, (r) => { const x = withdrawDraft(r, rig.clock.now()); return x.ok ? x.record : undefined; });
      await store.update(h.id, (r) => { const x = submitDraft(r, rig.clock.now()); return x.ok ? x.record : undefined; });
    });
    const engine = rig.engine(store, { api });
    await engine.start();
    for (let i = 0; i < 50 && !resubmitted; i++) {
      await engine.whenIdle();
      rig.clock.fireNext(rig.clock.now() + HOUR);
    }
    await engine.whenIdle();
    expect(resubmitted).toBe(true);
    expect((await store.get(h.id))?.stuck).toBeUndefined();
    engine.dispose();
  });

  it('opens no pacing window when a stuck idea finally goes through: the ideas after it go at once', async () => {
    const { rig, store, drafts } = await setUp(1);
    const [s] = drafts as [DraftRecord];
    await store.update(s.id, (r) => ({ ...r, stuck: true as const, attempts: 6, lastFailure: { kind: 'retry', status: 500, at: rig.clock.now() } }));
    const { api } = failingApi(rig, () => new Set());
    const engine = rig.engine(store, { api });
    await engine.start();
    const later = await queueIdeas(store, rig.clock, 2, 'Efter');
    await engine.syncNow();
    await drive(rig, [engine], rig.clock.now() + 1000);
    for (const d of [s, ...later]) expect((await store.get(d.id))?.state).toBe('sent');
    engine.dispose();
  });
});

describe('the stuck mark', () => {
  it('puts a stuck idea after the others, and is gone once it is sent, refused or submitted again', async () => {
    const { rig, drafts } = await setUp(2);
    const stuck: DraftRecord = { ...drafts[0]!, stuck: true };
    expect([stuck, drafts[1]!].sort(sendOrder).map((d) => d.id)).toEqual([drafts[1]!.id, stuck.id]);
    const sent = toSent({ ...stuck, state: 'sending' }, { ...stuck.content, id: stuck.id, status: 'received', createdAt: '', updatedAt: '' }, 1);
    expect(sent && 'stuck' in sent).toBe(false);
    const again = submitDraft({ ...stuck, state: 'draft' }, rig.clock.now());
    expect(again.ok && 'stuck' in again.record).toBe(false);
    // A 409 ends it too, so a conflict settled the intranet's way is not a `sent` record marked stuck.
    const conflicted = toConflict({ ...stuck, state: 'sending' }, { kind: 'conflict', at: 1, status: 409 }, undefined)!;
    expect('stuck' in conflicted).toBe(false);
    const kept = keepIntranetVersion({ ...conflicted, conflict: { ...stuck.content, id: stuck.id, status: 'received', createdAt: '', updatedAt: '' } }, 2);
    expect(kept.ok && 'stuck' in kept.record).toBe(false);
  });
});
