/**
 * One sync run per origin at a time (DESIGN section 6).
 *
 * - Web Locks (`navigator.locks`) where present: the lock spans every tab, worker and extension page
 *   of the origin, and the browser releases it when a context dies (an MV3 worker killed
 *   mid-request does not hold it forever).
 * - Elsewhere (a widget on a plain-http intranet page has no Web Locks: it is a secure-context
 *   feature): an in-process mutex keyed by name, plus a BroadcastChannel notice when a run ends so
 *   other tabs re-plan. Across tabs the fallback cannot exclude; the per-row queued → sending
 *   compare-and-set in one IndexedDB transaction still stops two tabs sending the same row, and the
 *   server's idempotency makes the rare double send after a crash harmless.
 */

/** The part of `LockManager` we use; tests inject a small implementation. */
export interface LocksLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
  /** `request` with `ifAvailable`: runs `callback` only when no context holds `name`, else resolves undefined. */
  tryRequest?<T>(name: string, callback: () => Promise<T>): Promise<T | undefined>;
}

/** The part of `BroadcastChannel` we use for "a run finished" notices. */
export interface RunChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface SingleFlight {
  /** Runs `fn` while holding the origin's sync lock; waits for a run elsewhere to finish first. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** True when runs exclude each other across contexts (Web Locks), false for the fallback. */
  readonly crossContext: boolean;
  /**
   * Web Locks only: runs `fn` holding lock `name` (another than the sync lock) when no context of the
   * origin holds it, else resolves undefined. The browser releases it when its holder's context dies.
   */
  readonly tryRun?: <T>(name: string, fn: () => Promise<T>) => Promise<T | undefined>;
  /** Calls `listener` when a run finished in another context (fallback only); returns unsubscribe. */
  onRemoteRun(listener: () => void): () => void;
  close(): void;
}

export interface SingleFlightOptions {
  /** Default `globalThis.navigator.locks` when present; `null` forces the fallback. */
  locks?: LocksLike | null;
  /** Default `new BroadcastChannel(name)` when present. */
  createChannel?: (name: string) => RunChannel | undefined;
}

const mutexTails = new Map<string, Promise<unknown>>();

/** An in-process mutex: callers with the same name run one after another, in call order. */
export function withMutex<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const previous = mutexTails.get(name) ?? Promise.resolve();
  const result = previous.then(fn, fn);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  mutexTails.set(name, tail);
  void tail.then(() => {
    if (mutexTails.get(name) === tail) mutexTails.delete(name);
  });
  return result;
}

/** Creates the single-flight guard for lock `name` (e.g. `idesluss-sync`). One per engine. */
export function createSingleFlight(name: string, options: SingleFlightOptions = {}): SingleFlight {
  const locks = options.locks === undefined ? defaultLocks() : options.locks ?? undefined;
  if (locks) {
    const tryRun = locks.tryRequest?.bind(locks);
    return { crossContext: true, run: (fn) => locks.request(name, fn), tryRun, onRemoteRun: () => () => undefined, close: () => undefined };
  }
  const channel = (options.createChannel ?? defaultChannel)(name);
  const listeners = new Set<() => void>();
  channel?.addEventListener('message', (event) => {
    if ((event.data as { kind?: unknown } | null)?.kind === 'run-finished') for (const listener of [...listeners]) listener();
  });
  return {
    crossContext: false,
    async run(fn) {
      try {
        return await withMutex(name, fn);
      } finally {
        try {
          channel?.postMessage({ kind: 'run-finished' });
        } catch {
          // Closed by `close()` (the engine was disposed mid-run): the run's own result stands.
        }
      }
    },
    onRemoteRun(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}

function defaultLocks(): LocksLike | undefined {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (!locks || typeof locks.request !== 'function') return undefined;
  return {
    request: (name, callback) => locks.request(name, callback) as Promise<never>,
    tryRequest: (name, callback) => locks.request(name, { ifAvailable: true }, (lock) => (lock ? callback() : undefined)) as Promise<never>,
  };
}

function defaultChannel(name: string): RunChannel | undefined {
  return typeof globalThis.BroadcastChannel === 'function' ? new globalThis.BroadcastChannel(name) : undefined;
}
