/**
 * What the engine's parts get from its dependencies (./engine-deps.ts): the request timeout.
 */
import { describe, expect, it } from 'vitest';
import type { IdeasApi } from '../api/types';
import type { DraftStore } from '../storage/types';
import { attemptDeps, requestTimeoutMs } from './engine-deps';
import type { SyncEngineDeps } from './engine-types';
import { FakeClock } from './testing/fake-clock';

const engineDeps = (overrides: Partial<SyncEngineDeps> = {}): SyncEngineDeps => ({
  store: {} as DraftStore,
  api: {} as IdeasApi,
  clock: new FakeClock(),
  ...overrides,
});

/** How long `withTimeout` lets a request that never answers run before its signal aborts. */
async function abortsAfter(deps: SyncEngineDeps): Promise<number> {
  const clock = deps.clock as FakeClock;
  const started = clock.now();
  let abortedAt: number | undefined;
  void attemptDeps(deps, Math.random).withTimeout(
    (signal) =>
      new Promise<void>(() => {
        signal.addEventListener('abort', () => (abortedAt = clock.now()));
      }),
  );
  while (abortedAt === undefined && clock.fireNext());
  return abortedAt! - started;
}

describe('engine deps', () => {
  it('gives a request 60 s unless the engine is configured otherwise', async () => {
    expect(requestTimeoutMs({})).toBe(60_000);
    expect(requestTimeoutMs({ requestTimeoutMs: 5000 })).toBe(5000);
    expect(await abortsAfter(engineDeps())).toBe(60_000);
    expect(await abortsAfter(engineDeps({ requestTimeoutMs: 5000 }))).toBe(5000);
  });

  it("reads the time from the engine's clock and passes its random source and network check on", () => {
    const clock = new FakeClock(1000);
    const random = () => 0.25;
    const online = () => false;
    const deps = attemptDeps(engineDeps({ clock, online }), random);
    clock.advance(500);
    expect(deps.now()).toBe(1500);
    expect(deps.random).toBe(random);
    expect(deps.online).toBe(online);
  });
});
