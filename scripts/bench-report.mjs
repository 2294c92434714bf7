/**
 * The report side of `npm run bench`: the targets of the proof issue (issue 6), the table printed and
 * written into the README between `<!-- bench:start -->` and `<!-- bench:end -->`, and a sentence on
 * every missed target saying what is planned. Timings are reported here, never asserted in tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BUDGET_GZIP, CEILING_GZIP } from './widget-size.mjs';

/** Every key in table order; `max` is the target (value ≤ max), absent when the issue sets none. */
export const ROWS = [
  { key: 'widget_gzip_bytes', max: BUDGET_GZIP, note: 'widget budget' },
  { key: 'widget_brotli_bytes' },
  { key: 'popup_js_gzip_bytes' },
  { key: 'popup_ready_ms' },
  { key: 'blank_ready_ms' },
  { key: 'popup_ready_ratio', max: 1.5 },
  { key: 'host_script_ms_without' },
  { key: 'host_script_ms_with' },
  { key: 'widget_added_script_ms', max: 10 },
  { key: 'widget_long_tasks', max: 0 },
  { key: 'widget_added_script_ms_cold' },
  { key: 'widget_long_tasks_cold_total', max: 0 },
  { key: 'host_long_tasks_cold_total_without' },
  { key: 'autosave_popup_p50_ms' },
  { key: 'autosave_popup_p95_ms', max: 20 },
  { key: 'autosave_widget_p50_ms' },
  { key: 'autosave_widget_p95_ms', max: 20 },
  { key: 'autosave_p50_ms' },
  { key: 'autosave_p95_ms', max: 20 },
  { key: 'sync_drain_1000_ms' },
  { key: 'raw_put_1000_ms' },
  { key: 'sync_drain_ratio', max: 1.3 },
  { key: 'list_1000_ready_ms' },
  { key: 'list_0_ready_ms' },
  { key: 'list_ready_ratio' },
  { key: 'herd_peak_over_steady', max: 2 },
  { key: 'inbox_ideas' },
  { key: 'inbox_page_ms' },
  { key: 'inbox_deep_page_ms' },
  { key: 'inbox_status_filter_ms' },
  { key: 'inbox_search_ms' },
  { key: 'inbox_title_order_ms' },
  { key: 'inbox_title_order_kept_ms' },
  { key: 'inbox_export_ms' },
  { key: 'inbox_export_max_stall_ms' },
];

/**
 * What is planned when a target is missed: one sentence per target key, from what the bench and
 * its traces showed. Edit these when the plan changes; they are printed only for a miss.
 */
export const PLANS = {
  widget_gzip_bytes:
    'Lit-html, idb, signals-core and Valibot plus the shared core (together about 20 KB; `node scripts/widget-attribution.mjs` gives today\'s shares) are over the budget before a byte of form, styles or messages, so it cannot be met by trimming while the widget runs the same core as the extension (docs/adr/001-layering.md). Done: lit-html on a small base class instead of LitElement (−1.9 KB), a terser pass and idb without its async iterators (−550 B). The growth since the first build (29,182 B) bought fixes that keep typed text from being lost, make the widget usable by keyboard and screen reader, and say why an idea waits; each is argued in docs/adr/007-widget-build-and-budget.md. Left: raw IndexedDB helpers instead of what is left of idb (about −0.4 KB) and smaller trims; meeting 16 KB needs a smaller core for the page, which this project has decided against. A ceiling gate (' + `${CEILING_GZIP.toLocaleString('en-GB')} B` + ') keeps the widget from growing unnoticed.',
  popup_ready_ratio:
    'popup.html holds a static title field that takes keys while the bundle loads, and the stylesheet is inlined (docs/adr/008-popup-takes-keys-early.md); what is left is the bundle competing with the first keys for the main thread: next, load the bundle after the first frame.',
  widget_added_script_ms:
    'Down from 9–10.7 ms with V8\'s explicit compile hint (docs/adr/018-widget-compile-hints.md: every function compiled while the module streams in and kept in the code cache). What is left is the module\'s evaluation and first render (about 4.7 ms) and the idle start; planned: profile the idle start\'s first sync run. The eighteenth session\'s length hints under the fields cost a little of it: isolated runs (`npm run bench -- --only host`) gave 9.7 ms before them and 10.0 and 10.6 ms after, at loads of 1.6–3.2.',
  widget_long_tasks_cold_total:
    'On a first visit (a new browser context: no HTTP or code cache, no IndexedDB) the form\'s first render has a task of its own, the module compiles off the main thread, and the person\'s idea list is not fetched while nothing sent from this browser needs a status (docs/adr/018-widget-compile-hints.md). A run after the drain had sent thousands of ideas as this user had 10 long tasks in 15 cold loads before that last change; the eighteenth session\'s first build of the length hints had 15, one a load, from Intl\'s first number format in the first render, now gone (docs/adr/018). Traces of the few left in other runs found the page\'s own tasks (the navigation\'s commit, the first frame\'s style and layout) stretched on two busy cores. Planned: measure on a machine with more cores before changing the widget for it.',
  widget_long_tasks:
    'Planned: find the long task in a trace of the host page and split the widget\'s start so that no task reaches 50 ms.',
  autosave_popup_p95_ms:
    'On a quiet machine 17–19.5 ms (2026-11-29); right after `npm test`, with the load average at 3–4, 24–34 ms. Profiled per keystroke: about 1 ms to the keydown, 2 ms to the `input` handler, which opens the transaction; the get\'s answer then waits behind the frame that follows the keystroke (4–5 ms), and the put and commit take 2 ms. The re-reads a change notice starts come after the commit. Tried and dropped (within the noise over 6 runs of 240 keys): committing without waiting for the put\'s success, and opening the transaction before the view\'s render. Planned: measure on a machine with more cores before changing the write.',
  autosave_widget_p95_ms:
    'As for the popup: the get\'s answer waits behind the frame that follows the keystroke.',
  autosave_p95_ms: 'See the popup and widget rows.',
  sync_drain_ratio:
    'Down from 15.2 (badge counted through an index), 2.1 (one write transaction per idea) and 1.7–1.95 (that transaction in series with every request) to 1.2–1.3 with batched claims (docs/adr/004-sync-backoff.md, "Batched claims"); what is left is the engine\'s handling of each response and the batch\'s one transaction, and on this shared two-core machine a run can land just above 1.3.',
  herd_peak_over_steady: 'Planned: revisit the retry and pacing schedule with the simulation (docs/adr/004-sync-backoff.md).',
};

const fmt = (key, value) => {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not measured';
  if (key.endsWith('_bytes')) return `${value.toLocaleString('en-US')} B`;
  if (/_ms(_|$)/.test(key)) return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
  return String(value);
};
const target = (row) => {
  if (row.max === undefined) return '—';
  return `${row.max === 0 ? '' : '≤ '}${fmt(row.key, row.max)}${row.note ? ` (${row.note})` : ''}`;
};

/** 'met' | 'missed' | '—' (no target) | 'not measured'. */
export function status(row, figures) {
  const value = figures[row.key];
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not measured';
  if (row.max === undefined) return '—';
  return value <= row.max ? 'met' : 'missed';
}

/** The table as Markdown. */
export function markdownTable(figures) {
  const lines = ['| key | value | target | |', '|---|---:|---|---|'];
  for (const row of ROWS) {
    const s = status(row, figures);
    lines.push(`| \`${row.key}\` | ${fmt(row.key, figures[row.key])} | ${target(row)} | ${s === 'missed' ? '**missed**' : s} |`);
  }
  return lines.join('\n');
}

/** The table for a terminal. */
export function textTable(figures) {
  const cells = ROWS.map((row) => [row.key, fmt(row.key, figures[row.key]), target(row), status(row, figures)]);
  const width = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c) => `${c[0].padEnd(width[0])}  ${c[1].padStart(width[1])}  ${c[2].padEnd(width[2])}  ${c[3]}`).join('\n');
}

/** One line per missed target with its plan. */
export function missNotes(figures) {
  return ROWS.filter((row) => status(row, figures) === 'missed').map(
    (row) => `- **\`${row.key}\`** ${fmt(row.key, figures[row.key])} against ${target(row)}. ${PLANS[row.key] ?? 'Planned: investigate.'}`,
  );
}

/** The Markdown between the README's bench markers. */
export function readmeBlock(report) {
  const { machine: m, settings: s, figures } = report;
  const busy = Math.max(...(m.loadavg_start ?? [0]), ...(m.loadavg_end ?? [0])) > m.cpus / 2;
  const misses = missNotes(figures);
  return [
    `From one run of \`${report.command}\` on ${report.generated_at.slice(0, 10)}: ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, ` +
      `${m.platform}, ${m.chromium_binary ?? m.chromium}, Node ${m.node}. Medians of ${s.reps} runs (the drain: ${s.drainReps}; autosave: ${s.autosaveKeys} keys per client; ` +
      `herd: ${s.herdSeeds} seeds; inbox: ${s.inboxIdeas?.toLocaleString('en-GB') ?? '–'} ideas) unless the key names a percentile. Load average ${m.loadavg_start.join(' / ')} at the start, ` +
      `${m.loadavg_end.join(' / ')} at the end${busy ? ' — the machine was shared with other work, so timings are indicative' : ''}. ` +
      '`npm run bench` writes every sample to `reports/bench.json` on the machine that runs it (not in the repository).',
    '',
    markdownTable(figures),
    '',
    ...(misses.length > 0 ? ['Missed targets and what is planned:', '', ...misses] : ['Every target is met.']),
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the block between the bench markers in `readmePath` (adds the markers to the figures section if missing). */
export function updateReadme(readmePath, block) {
  let text = readFileSync(readmePath, 'utf8');
  if (!text.includes(START) || !text.includes(END)) {
    const close = '<!-- /section:figures -->';
    if (!text.includes(close)) throw new Error(`${readmePath}: no ${START}/${END} markers and no figures section`);
    text = text.replace(close, `${START}\n${END}\n${close}`);
  }
  const before = text.slice(0, text.indexOf(START) + START.length);
  const after = text.slice(text.indexOf(END));
  writeFileSync(readmePath, `${before}\n${block}\n${after}`);
}
