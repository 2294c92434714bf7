/**
 * Overload protection (DESIGN section 7): when more API requests are in flight than the server
 * should take on, answer 503 with `Retry-After` at once instead of queueing, so 42,000 clients
 * coming back after an outage spread out. The clients wait at least that long.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { problem } from './problem';

export const DEFAULT_MAX_IN_FLIGHT = 256;
/**
 * Requests one account may have in flight at once. A client sends its ideas one at a time, one run per origin (the
 * sync engine's lock), beside a few reads: a person with the extension, two intranet tabs and a second computer stays
 * far below it. Without it one account could hold every shared place (a script, or bodies sent a byte at a time).
 */
export const DEFAULT_MAX_IN_FLIGHT_PER_USER = 16;

/** Limits concurrent API requests to `max`; the excess gets 503 + `Retry-After: retryAfterSeconds`. */
export function overloadGuard(max: number, retryAfterSeconds = 5): MiddlewareHandler<AppEnv> {
  let inFlight = 0;
  return async (c, next) => {
    if (inFlight >= max) {
      return problem(c, 503, 'overloaded', 'The intranet is busy. Try again later.', {}, { 'Retry-After': String(retryAfterSeconds) });
    }
    inFlight++;
    try {
      await next();
    } finally {
      afterBody(c, () => inFlight--);
    }
  };
}

/**
 * Limits the API requests one signed-in account has in flight to `max`; the excess gets 429 + `Retry-After`, which
 * clients retry like a 503. Requests without a session are not counted here (they are answered 401 at once). Mount
 * after the session middleware and `overloadGuard`.
 */
export function perUserGuard(max: number, retryAfterSeconds = 5): MiddlewareHandler<AppEnv> {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const user = c.get('session')?.user.id;
    if (user === undefined) return next();
    const count = inFlight.get(user) ?? 0;
    if (count >= max) {
      return problem(c, 429, 'too-many-requests', 'Too many requests from this account at once. Try again later.', {}, { 'Retry-After': String(retryAfterSeconds) });
    }
    inFlight.set(user, count + 1);
    try {
      await next();
    } finally {
      afterBody(c, () => {
        const left = (inFlight.get(user) ?? 1) - 1;
        if (left > 0) inFlight.set(user, left);
        else inFlight.delete(user);
      });
    }
  };
}

/**
 * Gives a request's place back once its response is out: at once, or for a body streamed a chunk at a time when the
 * stream has ended or been cancelled (`bodyDone`). A HEAD's body is dropped unread, so it never ends: at once too.
 */
function afterBody(c: Context<AppEnv>, release: () => void): void {
  const done = c.req.method === 'HEAD' ? undefined : c.get('bodyDone');
  if (done) void done.then(release, release);
  else release();
}
