/**
 * A small Web Locks stand-in for tests: exclusive locks by name, granted in request order, shared
 * by every "tab" that receives the same instance (as the browser's LockManager is per origin).
 */
import type { LocksLike } from '../single-flight';

export function createMemoryLocks(): LocksLike & { held: Set<string> } {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  return {
    held,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
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
    },
  };
}
