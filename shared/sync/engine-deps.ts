/**
 * What the engine's parts (the drain, the refresh, the queue steps) get from its dependencies,
 * built afresh for each run or refresh from SyncEngineDeps and the engine's random source.
 */
import { withClockTimeout, type AttemptDeps } from './attempt';
import type { Random } from './backoff';
import type { SyncEngineDeps } from './engine-types';

/** How long a request may run before it is abandoned (and retried later): 60 s unless configured. */
export function requestTimeoutMs(deps: Pick<SyncEngineDeps, 'requestTimeoutMs'>): number {
  return deps.requestTimeoutMs ?? 60_000;
}

/** For one request and its outcome's write (./attempt.ts), and the refresh's requests; `disposed`: the engine's. */
export function attemptDeps(deps: SyncEngineDeps, random: Random, disposed?: () => boolean): AttemptDeps {
  return {
    disposed,
    store: deps.store,
    api: deps.api,
    random,
    now: () => deps.clock.now(),
    online: deps.online,
    withTimeout: (request) => withClockTimeout(deps.clock, requestTimeoutMs(deps), request),
  };
}
