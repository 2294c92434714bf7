import { describe, expect, it } from 'vitest';
import { BACKOFF, fullJitter, isOutage, planAfterSuccess, retryDelay } from './backoff';
import { classifyError, classifyStatus } from './classify';
import { ApiError } from '../api/errors';

const max = () => 0.999_999_999;
const min = () => 0;

describe('backoff', () => {
  it('is full jitter: random(0, min(cap, base·2^attempt))', () => {
    expect(fullJitter(0, max)).toBe(1999);
    expect(fullJitter(3, max)).toBe(15_999);
    expect(fullJitter(30, max)).toBe(BACKOFF.capMs - 1);
    expect(fullJitter(5, min)).toBe(0);
    expect(fullJitter(1, () => 0.5)).toBe(2000);
  });

  it('retries blips quickly, spreads the first outage retry over the cap, then keeps one try per cap', () => {
    expect(retryDelay(1, max)).toBeLessThan(2000);
    expect(retryDelay(2, max)).toBeLessThan(4000);
    expect(isOutage(2)).toBe(false);
    expect(isOutage(3)).toBe(true);
    expect(retryDelay(3, () => 0.5)).toBe(BACKOFF.capMs / 2);
    expect(retryDelay(4, min)).toBe(BACKOFF.capMs);
    expect(retryDelay(400, min)).toBe(BACKOFF.capMs); // nothing grows without bound, nothing expires
  });

  it('lets Retry-After win when it is longer', () => {
    expect(retryDelay(1, max, 30_000)).toBe(30_000);
    expect(retryDelay(4, min, 1000)).toBe(BACKOFF.capMs);
  });

  it('paces the drain after an outage, shrinking the pause as the window closes', () => {
    const now = 1_000_000;
    expect(planAfterSuccess(now, 0, 0, max)).toEqual({ pacingUntil: 0, nextAt: undefined });
    const opened = planAfterSuccess(now, 3, 0, max);
    expect(opened.pacingUntil).toBe(now + BACKOFF.paceWindowMs);
    expect(opened.nextAt! - now).toBe(BACKOFF.paceMs - 1);
    const late = planAfterSuccess(now + BACKOFF.paceWindowMs / 2, 0, opened.pacingUntil, max);
    expect(late.nextAt! - (now + BACKOFF.paceWindowMs / 2)).toBeLessThanOrEqual(BACKOFF.paceMs / 2);
    expect(planAfterSuccess(opened.pacingUntil, 0, opened.pacingUntil, max).nextAt).toBeUndefined();
  });

  it('a window opened while the clock ran ahead paces no longer than a window opened now', () => {
    const now = 1_000_000_000;
    const aheadByTwoHours = now + 2 * 60 * 60_000 + BACKOFF.paceWindowMs;
    const plan = planAfterSuccess(now, 0, aheadByTwoHours, max);
    expect(plan.pacingUntil).toBe(now + BACKOFF.paceWindowMs);
    expect(plan.nextAt! - now).toBeLessThan(BACKOFF.paceMs);
  });
});

describe('classify', () => {
  it.each([
    [undefined, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [401, 'auth'],
    [403, 'auth'],
    [409, 'conflict'],
    [400, 'reject'],
    [404, 'reject'],
    [413, 'reject'],
    [415, 'reject'],
    [422, 'reject'],
  ])('status %s is %s', (status, kind) => {
    expect(classifyStatus(status)).toBe(kind);
  });

  it('retries no response, aborts, unreadable 2xx bodies and unknown errors', () => {
    const at = { method: 'PUT', url: '/ideas/x' };
    expect(classifyError(new ApiError({ kind: 'network', ...at }))).toBe('retry');
    expect(classifyError(new ApiError({ kind: 'aborted', ...at }))).toBe('retry');
    expect(classifyError(new ApiError({ kind: 'invalid-body', status: 201, ...at }))).toBe('retry');
    expect(classifyError(new ApiError({ kind: 'redirect', status: 302, ...at }))).toBe('auth');
    expect(classifyError(new ApiError({ kind: 'http', status: 422, ...at }))).toBe('reject');
    expect(classifyError(new Error('bug'))).toBe('retry');
  });
});
