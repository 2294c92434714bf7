#!/usr/bin/env node
/**
 * `npm run test:e2e` after the build: the real-Chromium files in two phases, so that `npm test` stays well under
 * ten minutes on two cores. Most files spend their time waiting (for Chromium, the intranet, a retry), so they run
 * two at a time. One at a time, afterwards, run the files that must not share the machine:
 *  - the crash files and the autosave file, which cut processes at chosen milliseconds, and the focus file, which
 *    races a "take back" against a send in flight (it failed 1 run in 3 when sharing the machine);
 *  - the options file, which writes Chromium's machine-wide managed policy (/etc/chromium/policies/managed);
 *  - the widget build file, which rebuilds dist/widget, served to the other widget files.
 * A single file still runs on its own with `npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/<file>`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const ALONE = [/^crash-/, /^extension-autosave\./, /^extension-options\./, /^widget-build\./, /^widget-focus\./];
const files = readdirSync('tests/e2e').filter((f) => f.endsWith('.e2e.ts')).sort();
const alone = files.filter((f) => ALONE.some((re) => re.test(f)));
const together = files.filter((f) => !alone.includes(f));

function vitest(list, extra) {
  const args = ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', ...extra, ...list.map((f) => `tests/e2e/${f}`)];
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log(`test:e2e: ${together.length} files two at a time, then ${alone.length} one at a time`);
vitest(together, ['--fileParallelism', '--maxWorkers=2']);
vitest(alone, []);
