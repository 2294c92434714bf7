/**
 * Whose name queued ideas go under (./account-check.ts, docs/adr/016-sending-as-another-account.md):
 * each run that sends asks `GET /me` first; another account than the one this device sent as pauses
 * sync until that account is back or the user chooses to send as the one signed in now.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdeasApi } from '../api/client';
import type { DraftRecord } from '../domain/draft';
import type { DraftStore } from '../storage/types';
import { META, type SyncEngine } from './sync-engine';
import { createRig, openTestStore, queueIdeas, type Rig } from './testing/harness';

const ANNA = { id: 'anna', name: 'Anna Andersson', roles: [] };
const BERTIL = { id: 'bertil', name: 'Bertil Berg', roles: [] };

/** The rig's server behind an API that logs each request as `METHOD path`. */
function loggedApi(rig: Rig, respond?: (method: string, path: string) => Response | undefined) {
  const log: string[] = [];
  const api = createIdeasApi({
    baseUrl: 'https://intra.example/api/idesluss/v1',
    clientName: 'idesluss-test/0.1.0',
    now: () => rig.clock.now(),
    fetch: async (url, init) => {
      const path = new URL(url).pathname.replace(/^.*\/v1/, '').replace(/\/ideas\/.+/, '/ideas/{id}');
      log.push(`${init?.method ?? 'GET'} ${path}`);
      return respond?.(init?.method ?? 'GET', path) ?? rig.server.handle(new Request(url, init));
    },
  });
  return { api, log };
}

/**
 * Anna has sent one idea from this browser, `count` more wait (titled `prefix n`), and Bertil has
 * signed in: the run that asks finds him, and sync pauses. Resolves with the waiting ideas.
 */
async function pausedForBertil(rig: Rig, store: DraftStore, engine: SyncEngine, count: number, prefix: string): Promise<DraftRecord[]> {
  rig.server.user = ANNA;
  await queueIdeas(store, rig.clock, 1, 'Första');
  await engine.start();
  const waiting = await queueIdeas(store, rig.clock, count, prefix);
  rig.server.user = BERTIL;
  await engine.runOnce();
  await engine.whenIdle();
  return waiting;
}

async function setUp() {
  const rig = createRig({ rate: 0 });
  const store = await openTestStore(new IDBFactory());
  const { api, log } = loggedApi(rig);
  const engine = rig.engine(store, { api, refreshIntervalMs: 1e12 });
  return { rig, store, engine, log };
}

describe('sending as another account', () => {
  it('remembers the first account it sends as, and asks once per run, before the first idea', async () => {
    const { rig, store, engine, log } = await setUp();
    rig.server.user = ANNA;
    await queueIdeas(store, rig.clock, 2);
    expect(await engine.start()).toEqual({ sent: 2 });
    expect(log).toEqual(['GET /me', 'PUT /ideas/{id}', 'PUT /ideas/{id}']);
    expect(await store.getMeta(META.account)).toEqual({ id: 'anna', name: 'Anna Andersson' });
    expect([...rig.server.authors.values()]).toEqual(['anna', 'anna']);
    engine.dispose();
  });

  it("holds Anna's queued ideas while Bertil is signed in, names both, and sends them when Anna is back", async () => {
    const { rig, store, engine } = await setUp();
    rig.server.user = ANNA;
    await queueIdeas(store, rig.clock, 1, 'Första');
    await engine.start();
    const waiting = await queueIdeas(store, rig.clock, 2, 'Annas');
    rig.server.user = BERTIL;

    expect(await engine.runOnce()).toEqual({ sent: 0, stoppedBy: 'paused' });
    await engine.whenIdle();
    expect(engine.getState()).toMatchObject({
      paused: 'account',
      accountSwitch: { previous: { id: 'anna', name: 'Anna Andersson' }, current: { id: 'bertil', name: 'Bertil Berg' } },
      nextAttemptAt: undefined,
    });
    for (const idea of waiting) expect(await store.get(idea.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(rig.server.ideas.size).toBe(1);
    // "Send now" does not get past it either.
    expect(await engine.syncNow({ ignoreBackoff: true })).toEqual({ sent: 0, stoppedBy: 'paused' });
    expect(rig.server.ideas.size).toBe(1);

    rig.server.user = ANNA;
    expect(await engine.runOnce()).toEqual({ sent: 2 });
    await engine.whenIdle();
    expect(engine.getState()).toMatchObject({ paused: undefined, accountSwitch: undefined });
    expect(waiting.map((d) => rig.server.authors.get(d.id))).toEqual(['anna', 'anna']);
    engine.dispose();
  });

  it('sends them as Bertil when the user chooses to, and Bertil is then the account', async () => {
    const { rig, store, engine } = await setUp();
    const waiting = await pausedForBertil(rig, store, engine, 2, 'Väntande');
    expect(engine.getState().paused).toBe('account');

    // A click on a prompt that named someone else (it was drawn before another sign-in) changes nothing.
    expect(await engine.sendAsSignedIn('cecilia')).toEqual({ sent: 0, stoppedBy: 'paused' });
    expect(rig.server.ideas.size).toBe(1);
    expect(await engine.sendAsSignedIn('bertil')).toEqual({ sent: 2 });
    expect(waiting.map((d) => rig.server.authors.get(d.id))).toEqual(['bertil', 'bertil']);
    expect(await store.getMeta(META.account)).toEqual({ id: 'bertil', name: 'Bertil Berg' });
    await engine.whenIdle();
    expect(engine.getState().paused).toBeUndefined();
    engine.dispose();
  });

  it('"send as" counts only if that account is still the one signed in when the ideas go', async () => {
    const { rig, store, engine } = await setUp();
    const [waiting] = await pausedForBertil(rig, store, engine, 1, 'Annas');
    // The prompt names Bertil, but Ivan has signed in since: the click sends nothing and the prompt names Ivan.
    rig.server.user = { id: 'ivan', name: 'Ivan Innovatör', roles: [] };
    expect(await engine.sendAsSignedIn('bertil')).toEqual({ sent: 0, stoppedBy: 'paused' });
    await engine.whenIdle();
    expect(engine.getState().accountSwitch).toEqual({ previous: { id: 'anna', name: 'Anna Andersson' }, current: { id: 'ivan', name: 'Ivan Innovatör' } });
    // Ivan signs out and the stale button is pressed: sign-in is asked for, and the choice is void.
    rig.server.signedIn = false;
    expect(await engine.sendAsSignedIn('ivan')).toMatchObject({ sent: 0, stoppedBy: 'auth' });
    rig.server.signedIn = true;
    rig.server.user = ANNA;
    await engine.resumeAfterSignIn();
    await engine.whenIdle();
    expect(rig.server.authors.get(waiting!.id)).toBe('anna');
    expect(await store.getMeta(META.account)).toEqual({ id: 'anna', name: 'Anna Andersson' });
    engine.dispose();
  });

  it('a choice to send as Bertil that no check could use does not carry over to ideas written later', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    let meDown = false;
    const { api } = loggedApi(rig, (_m, path) => (path === '/me' && meDown ? new Response(null, { status: 503 }) : undefined));
    const engine = rig.engine(store, { api, refreshIntervalMs: 1e12 });
    const [annas] = await pausedForBertil(rig, store, engine, 1, 'Annas');
    // Bertil presses the button while GET /me fails, then takes Anna's idea back after all.
    meDown = true;
    await engine.sendAsSignedIn('bertil');
    await engine.whenIdle();
    await store.update(annas!.id, (r) => ({ ...r, state: 'draft' }));
    await engine.refreshState();
    meDown = false;
    // Days later Anna writes an idea while Bertil's session is still the one signed in: she is asked.
    rig.clock.advance(3 * 86_400_000);
    const [later] = await queueIdeas(store, rig.clock, 1, 'Annas nya');
    expect(await engine.runOnce()).toEqual({ sent: 0, stoppedBy: 'paused' });
    expect(rig.server.authors.get(later!.id)).toBeUndefined(); // before: sent as Bertil, without a prompt
    expect(await store.getMeta(META.account)).toEqual({ id: 'anna', name: 'Anna Andersson' });
    engine.dispose();
  });

  it('the prompt goes as soon as nothing waits any more, without a run', async () => {
    const { rig, store, engine } = await setUp();
    const [waiting] = await pausedForBertil(rig, store, engine, 1, 'Väntande');
    await store.update(waiting!.id, (r) => ({ ...r, state: 'draft' })); // "Ta tillbaka"
    expect((await engine.refreshState()).paused).toBeUndefined();
    expect(await store.getMeta(META.paused)).toBeNull();
    engine.dispose();
  });

  it('a failed GET /me is the idea\'s failed try: one request, attempts and backoff as for the send', async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const { api, log } = loggedApi(rig, (_m, path) => (path === '/me' ? new Response(null, { status: 503 }) : undefined));
    const engine = rig.engine(store, { api, refreshIntervalMs: 1e12 });
    const [idea] = await queueIdeas(store, rig.clock, 1);
    expect(await engine.start()).toEqual({ sent: 0, stoppedBy: 'retry' });
    expect(log).toEqual(['GET /me']);
    expect(await store.get(idea!.id)).toMatchObject({ state: 'queued', attempts: 1, lastFailure: { kind: 'retry', status: 503 } });
    engine.dispose();
  });

  it('signed out: GET /me answers 401 and sync pauses for sign-in, with the intranet\'s sign-in address', async () => {
    const { rig, store, engine, log } = await setUp();
    rig.server.signedIn = false;
    await queueIdeas(store, rig.clock, 1);
    expect(await engine.start()).toEqual({ sent: 0, stoppedBy: 'auth' });
    await engine.whenIdle();
    expect(log).toEqual(['GET /me']);
    expect(engine.getState()).toMatchObject({ paused: 'auth', signInUrl: 'https://intra.example/logga-in' });
    engine.dispose();
  });

  it('lifts the pause once nothing waits any more (the ideas were taken back)', async () => {
    const { rig, store, engine } = await setUp();
    const [waiting] = await pausedForBertil(rig, store, engine, 1, 'Väntande');
    expect(engine.getState().paused).toBe('account');
    await store.update(waiting!.id, (r) => ({ ...r, state: 'draft' }));
    await engine.runOnce();
    await engine.whenIdle();
    expect(engine.getState().paused).toBeUndefined();
    engine.dispose();
  });

  it('a GET /me that failed does not count as asked: a probe past the failing head, or a stuck idea, asks again', async () => {
    for (const fault of ['500 while the head is in an outage streak', 'one network blip before stuck ideas'] as const) {
      const rig = createRig({ rate: 0 });
      const store = await openTestStore(new IDBFactory());
      let failMe = false;
      const { api, log } = loggedApi(rig, (_m, path) => {
        if (path !== '/me' || !failMe) return undefined;
        if (fault.startsWith('one')) failMe = false;
        return new Response(null, { status: 500 });
      });
      const engine = rig.engine(store, { api, refreshIntervalMs: 1e12 });
      rig.server.user = ANNA;
      await queueIdeas(store, rig.clock, 1, 'Första');
      await engine.start();
      await engine.whenIdle();
      const waiting = await queueIdeas(store, rig.clock, 2, 'Annas');
      const failed = { kind: 'retry' as const, at: rig.clock.now(), status: 500 };
      if (fault.startsWith('500')) await store.update(waiting[0]!.id, (r) => ({ ...r, attempts: 3, lastFailure: failed }));
      else for (const w of waiting) await store.update(w.id, (r) => ({ ...r, stuck: true, attempts: 4, lastFailure: failed }));
      rig.server.user = BERTIL;
      failMe = true;
      log.length = 0;
      await engine.runOnce();
      await engine.whenIdle();
      expect([...rig.server.authors.values()], fault).toEqual(['anna']); // before: the next idea went as Bertil
      expect(log.filter((l) => l.startsWith('PUT')), fault).toEqual([]);
      engine.dispose();
    }
  });

  it('while paused for another account, a trigger asks GET /me without claiming or writing any idea', async () => {
    const { rig, store, engine, log } = await setUp();
    const [waiting] = await pausedForBertil(rig, store, engine, 1, 'Väntande');
    const before = await store.get(waiting!.id);
    log.length = 0;
    for (let i = 0; i < 3; i++) {
      rig.clock.advance(1_000);
      await engine.runOnce();
    }
    await engine.whenIdle();
    expect(log).toEqual(['GET /me', 'GET /me', 'GET /me']);
    expect(await store.get(waiting!.id)).toEqual(before);
    engine.dispose();
  });
});
