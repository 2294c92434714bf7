#!/usr/bin/env node
/**
 * `npm run test:e2e` after the build: the real-Chromium files in two phases, so that `npm test` stays well under
 * ten minutes on two cores.
 *
 * Phase 1, two lanes side by side. Most files spend their time waiting (for Chromium, the intranet, a retry), so two
 * vitest processes share the machine, each running its files one after another:
 *  - the extension lane: every file that loads the extension (`extension-*`, the hostile corpus). They run one at a
 *    time because the options file writes Chromium's machine-wide managed policy for the extension's (pinned) id
 *    (/etc/chromium/policies/managed), which must not reach another extension test;
 *  - the page lane: the widget, intranet-page and build files, which never load the extension. The build file only
 *    reads dist/widget.
 *  The two lanes take about the same time (about 3 min each on two cores).
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
const EXTENSION_LANE = [/^extension-/, /^crash-hostile-inputs\./];

const files = readdirSync('tests/e2e').filter((f) => f.endsWith('.e2e.ts')).sort();
const alone = files.filter((f) => ALONE.some((re) => re.test(f)));
const extensionLane = files.filter((f) => !alone.includes(f) && EXTENSION_LANE.some((re) => re.test(f)));
const pageLane = files.filter((f) => !alone.includes(f) && !extensionLane.includes(f));

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

console.log(`test:e2e: extension lane (${extensionLane.length} files) beside page lane (${pageLane.length} files), then ${alone.length} files alone`);
const lanes = await Promise.all([vitest('extension', extensionLane), vitest('page', pageLane)]);
if (lanes.some((code) => code !== 0)) process.exit(1);
process.exit(await vitest('alone', alone));
