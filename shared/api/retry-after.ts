/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. Sent with 429 and 503 by
 * the reference intranet and by Microsoft Graph; the sync engine waits at least this long.
 */

/**
 * Parses a `Retry-After` value into a delay in ms from `nowMs`. Returns undefined for a missing or
 * malformed value; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Only the IMF-fixdate shape and its obsolete relatives carry a weekday/month name; refuse bare numbers with signs etc.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
