#!/usr/bin/env node
/**
 * `npm run chaos`: the crash suite of issue 6 with the large counts — the same files that
 * `npm test` runs with small ones (tests/e2e/crash-*.e2e.ts):
 *
 *   - the popup closed at a random moment while typing, 100 times;
 *   - Chromium killed with SIGKILL while typing and syncing and relaunched on its profile, 20 times;
 *   - the intranet killed and restarted mid-sync, 3 rounds of 20 ideas;
 *   - the hostile corpus through the popup and the widget (every text entry into both).
 *
 * Builds first (like `npm run test:e2e`; IDESLUSS_SKIP_BUILD=1 skips it), runs the files one at a
 * time, prints a summary and writes it to reports/chaos.json. Every file prints its seed; replay
 * one with `IDESLUSS_CRASH_SEED=<seed> npm run chaos -- tests/e2e/crash-browser-kill.e2e.ts`.
 * Single counts: IDESLUSS_CRASH_POPUP_RUNS, IDESLUSS_CRASH_KILL_RUNS, IDESLUSS_CRASH_INTRANET_RUNS.
 * Exit code: vitest's (non-zero when any run lost a keystroke or sent an idea twice).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['tests/e2e/crash-'];

if (process.env.IDESLUSS_SKIP_BUILD !== '1') {
  console.log('> npm run build');
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('chaos: the build failed (IDESLUSS_SKIP_BUILD=1 runs against the existing build).');
    process.exit(build.status ?? 1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'idesluss-chaos-'));
const figuresFile = join(work, 'figures.jsonl');
const vitestJson = join(work, 'vitest.json');
const started = Date.now();
const run = spawnSync(
  npx,
  ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, IDESLUSS_CHAOS_SCALE: 'chaos', IDESLUSS_CRASH_REPORT: figuresFile } },
);
const wallMs = Date.now() - started;

const figures = existsSync(figuresFile)
  ? readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
const perFile = existsSync(vitestJson)
  ? JSON.parse(readFileSync(vitestJson, 'utf8')).testResults.map((r) => ({
      file: relative(root, r.name),
      status: r.status,
      seconds: Math.round((r.endTime - r.startTime) / 100) / 10,
      failed: r.assertionResults.filter((a) => a.status === 'failed').map((a) => a.title),
    }))
  : [];
rmSync(work, { recursive: true, force: true });

const n = (value) => (typeof value === 'number' ? value.toLocaleString('en-US') : (value ?? '–'));
/** What else each suite measured, in a few words. */
const notes = (f) => {
  switch (f.suite) {
    case 'popup-close':
      return `${n(f.uncertain)} keystrokes < 50 ms before a close, ${n(f.keptUncertain)} of them kept too`;
    case 'browser-kill':
      return `${f.killedMidSync}/${f.runs} kills mid-sync, ${f.storedThenResent} ideas stored-then-resent, queue resumed ≤ ${n(f.resumeMsMax)} ms after relaunch`;
    case 'intranet-kill':
      return `${f.storedAtKill} stored before the kills, ${f.inFlightAtKill} after; ${f.sendNowPressed} round(s) needed "Skicka nu"`;
    case 'hostile-inputs':
      return `${f.entries} inputs: ${f.listedAsText} listed as text, ${f.refusedWithMessage} refused with a message; nothing ran`;
    default:
      return '';
  }
};
console.log('\nIdésluss crash suite (npm run chaos)\n');
const rows = [['suite', 'seed', 'runs', 'keystrokes checked', 'lost', 'ideas sent', 'on the intranet', 'duplicates', 'notes']];
for (const f of figures) {
  rows.push([f.suite, String(f.seed), n(f.runs), n(f.keystrokesChecked), n(f.lost), n(f.ideasSubmitted), n(f.ideasOnIntranet), n(f.duplicates), notes(f)]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('');
for (const f of perFile) console.log(`${f.status === 'passed' ? 'ok  ' : 'FAIL'}  ${f.file}  ${f.seconds} s${f.failed.length ? `  (${f.failed.join('; ')})` : ''}`);
console.log(`\nwall time ${Math.round(wallMs / 1000)} s; vitest exit code ${run.status}`);

mkdirSync(resolve(root, 'reports'), { recursive: true });
writeFileSync(
  resolve(root, 'reports/chaos.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, wallSeconds: Math.round(wallMs / 1000), passed: run.status === 0, files: perFile, figures }, null, 2)}\n`,
);
console.log('written: reports/chaos.json');
process.exit(run.status ?? 1);
