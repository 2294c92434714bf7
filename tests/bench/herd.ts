/**
 * The thundering herd: shared/sync/herd.ts simulates 42,000 clients after a 10-minute outage with
 * the engine's own retry and pacing decisions (docs/adr/004-sync-backoff.md). The bench runs it for
 * several seeds and reports the median peak-over-steady ratio (and the worst), beside the textbook
 * full-jitter policy for comparison. No browser: it is a simulation on a virtual clock.
 */
import { HERD_DEFAULTS, simulateHerd, type HerdFigures } from '../../shared/sync/herd';
import { seededRandom } from '../../shared/sync/testing/harness';
import { median, progress, round } from './stats';

export interface HerdBenchFigures {
  herd_peak_over_steady: number;
  herd_peak_over_steady_max: number;
  samples: { herd: { seeds: number[]; engine: HerdFigures[]; plain_full_jitter: HerdFigures } };
}

/** Runs the engine's policy for `seeds` seeds (42, 43, …) and the plain policy once. */
export function benchHerd(seeds: number): HerdBenchFigures {
  const list = Array.from({ length: seeds }, (_, i) => 42 + i);
  const engine = list.map((seed) => simulateHerd({ ...HERD_DEFAULTS, policy: 'engine', random: seededRandom(seed) }));
  const plain = simulateHerd({ ...HERD_DEFAULTS, policy: 'plain', random: seededRandom(42) });
  const ratios = engine.map((f) => f.ratio);
  progress(`herd: peak/steady median ${median(ratios)} (max ${Math.max(...ratios)}) over ${seeds} seeds; plain full jitter ${plain.ratio}`);
  return {
    herd_peak_over_steady: round(median(ratios), 2),
    herd_peak_over_steady_max: Math.max(...ratios),
    samples: { herd: { seeds: list, engine, plain_full_jitter: plain } },
  };
}
