/**
 * Overload protection (DESIGN section 7): when more API requests are in flight than the server
 * should take on, answer 503 with `Retry-After` at once instead of queueing, so 42,000 clients
 * coming back after an outage spread out. The clients wait at least that long.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { problem } from './problem';

export const DEFAULT_MAX_IN_FLIGHT = 256;

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
      inFlight--;
    }
  };
}
