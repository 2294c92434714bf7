/**
 * Test helpers for the models (imported only by *.test.ts): a real IndexedDB store (fake-indexeddb)
 * wrapped to count concurrent writes and record write options, and a manual clock.
 */
import { IDBFactory } from 'fake-indexeddb';
import type { Clock } from '../domain/clock';
import { openDraftStore, type OpenDraftStoreOptions } from '../storage/draft-store';
import type { DraftStore, WriteOptions } from '../storage/types';

export interface InstrumentedStore extends DraftStore {
  stats: { writes: number; inFlight: number; maxInFlight: number; options: (WriteOptions | undefined)[] };
}

/** Opens a fresh store and wraps its writes with counters. Needs `fake-indexeddb/auto` imported. */
export async function instrumentedStore(options: OpenDraftStoreOptions = {}): Promise<InstrumentedStore> {
  const inner = await openDraftStore({ name: `models-${Math.random()}`, indexedDB: new IDBFactory(), ...options });
  const stats = { writes: 0, inFlight: 0, maxInFlight: 0, options: [] as (WriteOptions | undefined)[] };
  const counted = async <T>(run: () => Promise<T>, options?: WriteOptions): Promise<T> => {
    stats.writes++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    stats.options.push(options);
    try {
      return await run();
    } finally {
      stats.inFlight--;
    }
  };
  return {
    stats,
    get: (id) => inner.get(id),
    list: () => inner.list(),
    listByState: (state) => inner.listByState(state),
    countByState: (states) => inner.countByState(states),
    create: (content, now) => counted(() => inner.create(content, now)),
    update: (id, change, options) => counted(() => inner.update(id, change, options), options),
    updateMany: (changes, options) => counted(() => inner.updateMany(changes, options), options),
    put: (record, options) => counted(() => inner.put(record, options), options),
    delete: (id) => counted(() => inner.delete(id)),
    getChallenges: () => inner.getChallenges(),
    putChallenges: (c, at) => inner.putChallenges(c, at),
    getMeta: (key) => inner.getMeta(key),
    setMeta: (key, value) => inner.setMeta(key, value),
    close: () => inner.close(),
  };
}

/** A clock that only moves when told to. */
export function manualClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    setTimeout: () => () => undefined,
    advance: (ms) => {
      now += ms;
    },
  };
}
