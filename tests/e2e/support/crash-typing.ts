/**
 * The crash suite's keystrokes (issue 6): a field's history, random keystroke plans, keys typed
 * one at a time with the time each one landed, and the "kept" rule (50 ms before the cut).
 */
import type { Page } from 'playwright-core';
import { sleep, type Rng } from './crash-plan';

// ---------------------------------------------------------------------------------------------
// Keystrokes and the "kept" rule

/** The field's value after each keystroke, with the time the keystroke had been handled by the page. */
export interface FieldHistory {
  field: string;
  entries: Array<{ value: string; at: number; key: string }>;
}

export function startHistory(field: string, value: string, at = Date.now()): FieldHistory {
  return { field, entries: [{ value, at, key: '(opened)' }] };
}

const segmenter = new Intl.Segmenter('sv', { granularity: 'grapheme' });
function dropLastGrapheme(value: string): string {
  const parts = [...segmenter.segment(value)];
  return parts.slice(0, -1).map((s) => s.segment).join('');
}

/** Letters typed by the crash tests: Swedish letters, spaces, punctuation, a precomposed accent, an emoji. */
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖ   .,-!?0123456789é', '💡'];

export type Key = string | 'Backspace' | 'Clear';

/** A random keystroke plan: mostly letters, some Backspace, sometimes the field cleared first. */
export function planKeys(rng: Rng, length: number, options: { clearFirst?: boolean; newlines?: boolean } = {}): Key[] {
  const keys: Key[] = options.clearFirst ? ['Clear'] : [];
  for (let i = 0; i < length; i++) {
    if (i > 2 && rng.chance(0.08)) keys.push('Backspace');
    else if (options.newlines && rng.chance(0.04)) keys.push('\n');
    else keys.push(rng.pick(ALPHABET));
  }
  return keys;
}

/**
 * Types `keys` into the focused field one at a time, recording the field's value after each key
 * and the time the page had handled it (Playwright resolves once the renderer processed the input
 * event, which is when the page's `input` handler has run). Stops quietly when the page goes away
 * (closed or its browser killed): that is the point of these tests.
 */
export async function typeKeys(
  page: Page,
  history: FieldHistory,
  keys: Key[],
  rng: Rng,
  gapMs: [number, number],
  onKey?: (typed: number) => void,
): Promise<void> {
  let value = history.entries.at(-1)!.value;
  let pending: { value: string; key: Key } | undefined;
  try {
    onKey?.(0);
    for (const key of keys) {
      if (key === 'Clear') {
        await page.keyboard.press('ControlOrMeta+A');
        pending = { value: '', key };
        await page.keyboard.press('Backspace');
      } else if (key === 'Backspace') {
        pending = { value: dropLastGrapheme(value), key };
        await page.keyboard.press('Backspace');
      } else if (key === '\n') {
        pending = { value: `${value}\n`, key };
        await page.keyboard.press('Enter');
      } else {
        pending = { value: value + key, key };
        await page.keyboard.type(key);
      }
      value = pending.value;
      pending = undefined;
      history.entries.push({ value, at: Date.now(), key });
      onKey?.(history.entries.length - 1);
      const gap = rng.int(gapMs[0], gapMs[1]);
      if (gap > 0) await sleep(gap);
    }
  } catch (error) {
    if (!page.isClosed() && !/closed|crash|disconnected|Target/i.test(String(error))) throw error;
    // The key in flight when the page went away may or may not have reached it: a possible
    // state, but never a committed one.
    if (pending) history.entries.push({ value: pending.value, at: Number.POSITIVE_INFINITY, key: pending.key });
  }
}

/** "Committed" = handled this long before the cut (issue 6: 50 ms). `IDESLUSS_CRASH_MARGIN_MS` probes other margins. */
export const KEPT_MARGIN_MS = Number(process.env.IDESLUSS_CRASH_MARGIN_MS ?? 50);

export interface KeptResult {
  /** Keystrokes handled 50 ms or more before the cut: these must be kept. */
  committed: number;
  /** Committed keystrokes missing from what the field shows (0 unless the product lost some). */
  lost: number;
  /** Keystrokes after that, which may or may not be kept. */
  uncertain: number;
  /** How many of those uncertain ones were kept anyway. */
  keptUncertain: number;
  /** Set when the rule is broken: names the run, the field and the text. */
  failure?: string;
}

/**
 * The rule of issue 6: after a cut (popup closed, browser killed) at `cutAt`, the field must show
 * the value it had after the last keystroke handled `marginMs` or more before the cut, or a later
 * one — never an older one, never text that was not typed.
 */
export function checkKept(label: string, history: FieldHistory, shown: string, cutAt: number, marginMs = KEPT_MARGIN_MS): KeptResult {
  const { entries } = history;
  let committedIndex = 0;
  for (let i = 0; i < entries.length; i++) if (entries[i]!.at <= cutAt - marginMs) committedIndex = i;
  const keys = entries.length - 1;
  let matched = -1;
  for (let j = entries.length - 1; j >= committedIndex; j--) {
    if (entries[j]!.value === shown) {
      matched = j;
      break;
    }
  }
  const result = { committed: committedIndex, uncertain: keys - committedIndex, keptUncertain: Math.max(0, matched - committedIndex), lost: 0 };
  if (matched >= 0) return result;
  const older = entries.findIndex((e) => e.value === shown);
  const committed = entries[committedIndex]!;
  const lost = older >= 0 ? committedIndex - older : committedIndex;
  return {
    ...result,
    lost: Math.max(1, lost),
    failure:
      `${label}: ${history.field} shows ${JSON.stringify(shown)} but keystroke ${committedIndex} of ${keys} ` +
      `(handled ${cutAt - committed.at} ms before the cut) had made it ${JSON.stringify(committed.value)}; ` +
      (older >= 0 ? `the shown text is the state after keystroke ${older}: ${lost} committed keystroke(s) lost.` : 'the shown text was never typed.') +
      ` Typed keys: ${JSON.stringify(entries.slice(1).map((e) => (e.key.length > 1 ? `[${e.key}]` : e.key)).join(''))}`,
  };
}
