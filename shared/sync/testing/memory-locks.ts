/**
 * A small Web Locks stand-in for tests: exclusive locks by name, granted in request order, shared
 * by every "tab" that receives the same instance (as the browser's LockManager is per origin).
 */
import type { LocksLike } from '../single-flight';

export function createMemoryLocks(): LocksLike & { held: Set<string> } {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  const request = <T>(name: string, callback: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = async () => {
      if (held.has(name)) throw new Error(`lock ${name} granted twice`);
      held.add(name);
      try {
        return await callback();
      } finally {
        held.delete(name);
      }
    };
    const result = previous.then(run, run);
    tails.set(name, result.catch(() => undefined));
    return result;
  };
  return {
    held,
    request,
    // `ifAvailable`: refused while held; a request queued behind a holder implies one is held.
    tryRequest: <T>(name: string, callback: () => Promise<T>) => (held.has(name) ? Promise.resolve(undefined) : request(name, callback)),
  };
}
