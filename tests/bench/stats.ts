/**
 * Small statistics for the bench: medians and percentiles of repeated measurements, rounded for the
 * report. Timings are reported, never asserted (DESIGN section 13).
 */

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** The median. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds to `digits` decimals (default 1). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A ratio rounded to two decimals. */
export function ratio(a: number, b: number): number {
  return round(a / b, 2);
}

/** A compact summary of samples for the JSON report's `samples` section. */
export function summary(samples: readonly number[]): { n: number; min: number; p50: number; p95: number; max: number } {
  return {
    n: samples.length,
    min: round(Math.min(...samples)),
    p50: round(median(samples)),
    p95: round(percentile(samples, 95)),
    max: round(Math.max(...samples)),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Progress on stderr, so stdout stays the report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
