/**
 * Failure classification (DESIGN section 6): every failed request maps to exactly one way of
 * handling it. Anything unknown is retried — never dropped — because the server's idempotency
 * makes a repeated PUT harmless while a dropped idea is lost.
 */
import type { FailureKind } from '../domain/draft';
import { ApiError } from '../api/errors';

/**
 * Classifies an HTTP status, or undefined for "no response at all".
 * retry: no response, 408, 429, 5xx · auth: 401, 403 · conflict: 409 · reject: any other 4xx.
 */
export function classifyStatus(status: number | undefined): FailureKind {
  if (status === undefined) return 'retry';
  if (status === 401 || status === 403) return 'auth';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'reject';
  return 'retry';
}

/**
 * Classifies anything a request threw. A 2xx with an unreadable body is `retry`: the write probably
 * landed, and the idempotent PUT will answer 200 with the same idea next time. A redirect is `auth`:
 * the API never redirects, a sign-in gateway in front of it does.
 */
export function classifyError(error: unknown): FailureKind {
  if (!(error instanceof ApiError)) return 'retry';
  if (error.kind === 'redirect') return 'auth';
  if (error.kind !== 'http') return 'retry';
  return classifyStatus(error.status);
}
