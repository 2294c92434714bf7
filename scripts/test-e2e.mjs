#!/usr/bin/env node
/**
 * `npm run test:e2e` after the build: the real-Chromium files in two phases, to keep `npm test` near or under ten
 * minutes on two cores (about 5 minutes of e2e on 2026-11-28; on a slower machine on 2026-11-29, about 9 minutes
 * with every file in Chromium and 7–8.5 with the page files in the headless shell).
 *
 * Phase 1, two lanes side by side: two vitest processes share the machine, each running its files one after another.
 * Three lanes took as long as two on two cores (2026-11-29): the lanes are bound by the processor, not by waiting. The
 * page files run in Chromium's headless shell when it is installed, which takes a third less processor time
 * (docs/adr/023-e2e-time.md). Running phase 2 beside the lanes with the lanes under `nice` gained nothing: Chromium
 * run as root sets its processes' priority back.
 * Files go to lanes by their usual cost (`SECONDS`; a file not listed counts as 20 s), longest first, each to
 * the lane with the least so far, so the lanes end at about the same time. Extension files may share the machine: the
 * only file that writes Chromium's machine-wide managed policy (extension-options) writes it for a copy of the
 * extension under an id of its own, which no other test loads.
 * Phase 2, one file at a time, alone on the machine: the files that cut processes at chosen milliseconds (the crash
 * files, the autosave file) and the focus file, which races a "take back" against a send in flight (it failed 1 run
 * in 3 when sharing the machine).
 *
 * Each lane's lines are printed as they come, prefixed with the lane's name. A single file still runs on its own with
 * `npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/<file>`.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

const ALONE = [/^crash-(browser-kill|intranet-kill|popup-close)\./, /^extension-autosave\./, /^widget-focus\./];
const LANES = 2;
/**
 * Processor seconds per file, each run alone on two cores (2026-11-29, page files in the headless shell); only their
 * proportions matter. Processor time, not wall time: the lanes are bound by the processor.
 */
const SECONDS = {
  'crash-hostile-inputs': 100, 'extension-popup': 91, 'extension-sync': 73, 'extension-options': 55, 'widget-offline': 45,
  'widget-a11y': 44, 'intranet-pages': 42, 'widget-drafts': 27, 'widget-ui': 18, 'widget-conflict': 17, 'widget-account': 15,
  'widget-plain-http': 13, 'widget-element': 12, 'widget-build': 12, 'extension-context-menu': 10, 'extension-manifest': 10,
  'widget-tabs': 9, 'firefox-extension': 20, 'firefox-widget': 19, 'extension-cookie-scope': 5, 'intranet-inbox-pager': 6, 'webkit-widget': 18, 'webkit-intranet': 8,
};
const seconds = (file) => SECONDS[file.replace(/\.e2e\.ts$/, '')] ?? 20;

const files = readdirSync('tests/e2e').filter((f) => f.endsWith('.e2e.ts')).sort();
const alone = files.filter((f) => ALONE.some((re) => re.test(f)));
const lanes = Array.from({ length: LANES }, () => ({ files: [], seconds: 0 }));
for (const file of files.filter((f) => !alone.includes(f)).sort((a, b) => seconds(b) - seconds(a))) {
  const lane = lanes.reduce((least, l) => (l.seconds < least.seconds ? l : least));
  lane.files.push(file);
  lane.seconds += seconds(file);
}

/** Runs the files one after another in one vitest process; resolves with its exit code. */
function vitest(name, list) {
  const args = ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', ...list.map((f) => `tests/e2e/${f}`)];
  const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = Date.now();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  return new Promise((resolve) => {
    child.on('close', (code) => {
      console.log(`[${name}] ── ${list.length} files, ${Math.round((Date.now() - started) / 1000)} s, exit ${code} ──`);
      resolve(code ?? 1);
    });
  });
}

console.log(`test:e2e: ${LANES} lanes (${lanes.map((l) => l.files.length).join(', ')} files) side by side, then ${alone.length} files alone`);
const codes = await Promise.all(lanes.map((lane, i) => vitest(`lane ${i + 1}`, lane.files)));
if (codes.some((code) => code !== 0)) process.exit(1);
process.exit(await vitest('alone', alone));
