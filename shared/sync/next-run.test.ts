/**
 * When the engine's next run is due (./next-run.ts): the wait after runs that failed outright, and
 * when rows left `sending` can be recovered.
 */
import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import type { DraftStore } from '../storage/types';
import { BACKOFF } from './backoff';
import { FAILED_RUN_CAP_MS, orphansRecoverableAt, runDelay } from './next-run';
import { claimLifetimeMs } from './transitions';

const max = () => 0.999_999_999;
const never = () => {
  throw new Error('no random draw without a failed run');
};

describe('runDelay', () => {
  it('waits for the time the run is due, and never a negative time', () => {
    expect(runDelay(5000, 1000, 0, never)).toBe(4000);
    expect(runDelay(1000, 5000, 0, never)).toBe(0);
  });

  it('after runs that failed outright, waits as after failed requests, from 2 s up to 30 s', () => {
    expect(runDelay(1000, 1000, 1, max)).toBe(BACKOFF.baseMs - 1);
    expect(runDelay(1000, 1000, 2, max)).toBe(2 * BACKOFF.baseMs - 1);
    expect(runDelay(1000, 1000, 40, max)).toBe(FAILED_RUN_CAP_MS - 1);
    expect(FAILED_RUN_CAP_MS).toBeLessThan(BACKOFF.capMs); // a local fault, not the 15-minute outage cap
    expect(runDelay(1000, 1000, 3, () => 0.5)).toBe(2 * BACKOFF.baseMs); // half of 2 s · 2²
  });

  it('keeps the later of the due time and the failed-run wait', () => {
    expect(runDelay(61_000, 1000, 40, max)).toBe(60_000);
    expect(runDelay(2000, 1000, 40, max)).toBe(FAILED_RUN_CAP_MS - 1);
  });
});

describe('orphansRecoverableAt', () => {
  const clock = { now: () => 10_000, setTimeout: () => () => undefined };
  const storeWith = (sending: Partial<DraftRecord>[]) => ({ listByState: async () => sending }) as unknown as DraftStore;

  it('is undefined without rows left `sending`', async () => {
    expect(await orphansRecoverableAt({ store: storeWith([]), clock }, true)).toBeUndefined();
    expect(await orphansRecoverableAt({ store: storeWith([]), clock }, false)).toBeUndefined();
  });

  it('is now under Web Locks, where every `sending` row found inside the lock is orphaned', async () => {
    expect(await orphansRecoverableAt({ store: storeWith([{ updatedAt: 9000 }]), clock }, true)).toBe(10_000);
  });

  it('without Web Locks, is when the oldest claim has outlived its request timeout (default 60 s, or the configured one)', async () => {
    const store = storeWith([{ updatedAt: 9000 }, { updatedAt: 4000 }, { updatedAt: 7000 }]);
    expect(await orphansRecoverableAt({ store, clock }, false)).toBe(4000 + claimLifetimeMs(60_000));
    expect(await orphansRecoverableAt({ store, clock, requestTimeoutMs: 5000 }, false)).toBe(4000 + claimLifetimeMs(5000));
  });
});
