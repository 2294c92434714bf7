/**
 * Wiring for sync tests: a real DraftStore over fake-indexeddb, the fake server behind a faulty
 * fetch, the real API client, a fake clock and a seeded random source. Not part of the runtime API.
 */
import type { IDBFactory } from 'fake-indexeddb';
import { createIdeasApi } from '../../api/client';
import type { DraftRecord } from '../../domain/draft';
import { emptyContent } from '../../domain/idea';
import { openDraftStore } from '../../storage/draft-store';
import type { DraftStore } from '../../storage/types';
import { SyncEngine, type SyncEngineDeps } from '../sync-engine';
import { FakeClock } from './fake-clock';
import { createFaultyFetch, type FaultyFetchOptions } from './faulty-fetch';
import { FakeIdeasServer } from './fake-server';

/** A repeatable random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dbCounter = 0;

/** Opens a store on a fresh (or the given) database name in `factory`. */
export async function openTestStore(factory: IDBFactory, name = `sync-test-${++dbCounter}`): Promise<DraftStore & { name: string }> {
  const store = await openDraftStore({ name, indexedDB: factory as unknown as globalThis.IDBFactory });
  return Object.assign(store, { name });
}

/** Creates `count` queued drafts, submitted one second apart, titled `${prefix} n`. */
export async function queueIdeas(store: DraftStore, clock: FakeClock, count: number, prefix = 'Idé'): Promise<DraftRecord[]> {
  const drafts: DraftRecord[] = [];
  for (let i = 0; i < count; i++) {
    const created = await store.create({ ...emptyContent('sv'), title: `${prefix} ${i}`, description: `Beskrivning ${i}` }, clock.now());
    const queued = await store.update(created.id, (r) => ({ ...r, state: 'queued', queuedAt: clock.now() + i, updatedAt: clock.now() }), { durability: 'strict' });
    drafts.push(queued!);
  }
  return drafts;
}

export interface Rig {
  server: FakeIdeasServer;
  clock: FakeClock;
  faults: ReturnType<typeof createFaultyFetch>;
  engine(store: DraftStore, overrides?: Partial<SyncEngineDeps>): SyncEngine;
}

/** The server, clock and faulty fetch shared by every engine ("tab") of one test. */
export function createRig(fault: Omit<FaultyFetchOptions, 'random'> & { seed?: number }): Rig {
  const server = new FakeIdeasServer();
  const clock = new FakeClock();
  const random = seededRandom(fault.seed ?? 1);
  const faults = createFaultyFetch(server, { ...fault, random });
  const api = createIdeasApi({ baseUrl: 'https://intra.example/api/idesluss/v1', fetch: faults.fetch, clientName: 'idesluss-test/0.1.0', now: () => clock.now() });
  return {
    server,
    clock,
    faults,
    engine: (store, overrides = {}) =>
      new SyncEngine({ store, api, clock, random, locks: null, onError: (e) => { throw e; }, ...overrides }),
  };
}

/**
 * Drives engines on the fake clock until nothing is scheduled before `until`: waits for runs to
 * finish, signs in again when sync paused for auth (the user did), fires the next timer.
 */
export async function drive(rig: Rig, engines: SyncEngine[], until = Number.POSITIVE_INFINITY, maxSteps = 100_000): Promise<number> {
  let steps = 0;
  for (; steps < maxSteps; steps++) {
    await Promise.all(engines.map((e) => e.whenIdle()));
    if (engines.some((e) => e.getState().paused === 'auth')) {
      rig.server.signedIn = true;
      // Its `GET /me` meets the faults too: a failed one leaves the pause, and the next step asks again.
      await Promise.all(engines.map((e) => e.resumeAfterSignIn().catch(() => undefined)));
      continue;
    }
    if (!rig.clock.fireNext(until)) break;
  }
  await Promise.all(engines.map((e) => e.whenIdle()));
  return steps;
}
