/**
 * The crash suite's plan (issue 6): run counts from the environment, the seed and a seeded PRNG,
 * the figures each file reports, and `sleep`.
 *
 * Counts: `npm test` runs the CI counts; `npm run chaos` (scripts/chaos.mjs) sets
 * `IDESLUSS_CHAOS_SCALE=chaos` for the large ones. `IDESLUSS_CRASH_POPUP_RUNS`,
 * `IDESLUSS_CRASH_KILL_RUNS` and `IDESLUSS_CRASH_INTRANET_RUNS` override single counts;
 * `IDESLUSS_CRASH_SEED` replays a run (every file prints its seed).
 */
import { appendFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------
// Counts and seed

export interface CrashCounts {
  scale: 'ci' | 'chaos';
  /** Popup closed at a random moment while typing. */
  popupRuns: number;
  /** Chromium killed with SIGKILL and relaunched on the same profile. */
  killRuns: number;
  /** Intranet killed and restarted mid-sync. */
  intranetRuns: number;
}

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return n;
}

/** The run counts: CI's by default, the large ones with `IDESLUSS_CHAOS_SCALE=chaos`. */
export function crashCounts(): CrashCounts {
  const scale = process.env.IDESLUSS_CHAOS_SCALE === 'chaos' ? 'chaos' : 'ci';
  const big = scale === 'chaos';
  return {
    scale,
    popupRuns: count('IDESLUSS_CRASH_POPUP_RUNS', big ? 100 : 15),
    killRuns: count('IDESLUSS_CRASH_KILL_RUNS', big ? 20 : 3),
    intranetRuns: count('IDESLUSS_CRASH_INTRANET_RUNS', big ? 3 : 1),
  };
}

/** The seed of this file's PRNG: `IDESLUSS_CRASH_SEED`, else a fresh one. Printed by the caller. */
export function crashSeed(): number {
  const raw = process.env.IDESLUSS_CRASH_SEED;
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`IDESLUSS_CRASH_SEED must be an integer, not "${raw}"`);
    return n >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

export interface Rng {
  seed: number;
  /** [0, 1) */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, good enough to choose moments and letters reproducibly. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

// ---------------------------------------------------------------------------------------------
// Figures: printed, and appended as JSON lines to IDESLUSS_CRASH_REPORT (read by scripts/chaos.mjs)

export interface CrashFigures {
  suite: string;
  seed: number;
  runs: number;
  [figure: string]: number | string | boolean;
}

export function reportFigures(figures: CrashFigures): void {
  console.log(`[crash] ${JSON.stringify(figures)}`);
  const file = process.env.IDESLUSS_CRASH_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(figures)}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
