/**
 * Sign-in throttling: after `maxFailures` wrong passwords for one username within `windowMs`, that
 * username gets 429 with `Retry-After` until the window has passed. In memory (a restart forgets
 * it), keyed by the normalised username so guessing one account cannot lock out others.
 */
export interface LoginThrottle {
  /** Seconds to wait before the next try, or 0 when a try is allowed now. */
  retryAfter(username: string): number;
  fail(username: string): void;
  succeed(username: string): void;
}

/** Creates a throttle over an injected clock. */
export function createLoginThrottle(now: () => number, maxFailures = 10, windowMs = 15 * 60 * 1000): LoginThrottle {
  const failures = new Map<string, number[]>();
  const key = (username: string) => username.trim().toLowerCase().slice(0, 100);
  const recent = (username: string) => (failures.get(key(username)) ?? []).filter((t) => t > now() - windowMs);
  return {
    retryAfter(username) {
      const list = recent(username);
      if (list.length < maxFailures) return 0;
      return Math.max(1, Math.ceil((list[list.length - maxFailures]! + windowMs - now()) / 1000));
    },
    fail(username) {
      if (failures.size > 10_000) failures.clear();
      failures.set(key(username), [...recent(username), now()]);
    },
    succeed(username) {
      failures.delete(key(username));
    },
  };
}
