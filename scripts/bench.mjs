#!/usr/bin/env node
/**
 * `npm run bench`: the figures of the proof issue (issue 6) from one run on one machine.
 *
 *   npm run bench                              build if missing, measure everything, print the table,
 *                                              write reports/bench.json, update the README's table
 *   npm run bench -- --build                   rebuild the extension and the widget first
 *   npm run bench -- --reps 25 --drain-reps 7  more repetitions (defaults: 15, 5; see tests/bench/main.ts)
 *   npm run bench -- --only popup,host         a part only: writes reports/bench.partial.json, README untouched
 *   npm run bench -- --only inbox --inbox-ideas 100000   the inbox on a bigger database (default 50,000 ideas)
 *
 * Steps: make sure `.output/chrome-mv3` (for 127.0.0.1) and `dist/widget` exist — the widget is built
 * with Vite directly, so its size gate cannot stop the bench (sizes are measured independently, by
 * ./bench-sizes.mjs); then tests/bench/main.ts (tsx) runs the real-Chromium benches and the herd
 * simulation; then ./bench-report.mjs prints the table and writes the report and the README.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureSizes } from './bench-sizes.mjs';
import { PLANS, readmeBlock, ROWS, textTable, updateReadme } from './bench-report.mjs';

const { values } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    reps: { type: 'string' },
    'drain-reps': { type: 'string' },
    'autosave-keys': { type: 'string' },
    'herd-seeds': { type: 'string' },
    'inbox-ideas': { type: 'string' },
    only: { type: 'string' },
  },
});

/** Runs a command in the repository, inheriting stdio; exits on failure. */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`bench: \`${command} ${args.join(' ')}\` failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const manifestPath = '.output/chrome-mv3/manifest.json';
const widgetFile = 'dist/widget/idesluss-widget.js';

/** True when the built extension may reach the bench's intranet on 127.0.0.1. */
function extensionTargetsLoopback() {
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return (manifest.host_permissions ?? []).includes('http://127.0.0.1/*');
}

function ensureBuild() {
  // The bench's intranet runs on 127.0.0.1: build the default (test) target, whatever the shell says.
  const env = { ...process.env };
  delete env.IDESLUSS_INTRANET;
  if (values.build || !extensionTargetsLoopback()) {
    console.error(values.build ? 'bench: building the extension' : `bench: ${manifestPath} is missing or not built for 127.0.0.1; building`);
    run(npx, ['wxt', 'build'], env);
  }
  if (values.build || !existsSync(widgetFile)) {
    console.error(values.build ? 'bench: building the widget' : `bench: ${widgetFile} is missing; building`);
    run(npx, ['vite', 'build', '--config', 'widget/vite.config.ts'], env);
  }
}

ensureBuild();
const sizes = measureSizes({ widgetFile, extensionDir: '.output/chrome-mv3' });

const work = mkdtempSync(join(tmpdir(), 'idesluss-bench-'));
const out = join(work, 'browser.json');
const pass = ['reps', 'drain-reps', 'autosave-keys', 'herd-seeds', 'inbox-ideas', 'only'].flatMap((k) => (values[k] ? [`--${k}`, values[k]] : []));
run(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'tests/bench/main.ts', '--out', out, ...pass]);
const browser = JSON.parse(readFileSync(out, 'utf8'));
rmSync(work, { recursive: true, force: true });

const figures = { ...sizes.figures, ...browser.figures };
const ordered = Object.fromEntries([
  ...ROWS.filter((r) => r.key in figures).map((r) => [r.key, figures[r.key]]),
  ...Object.entries(figures).filter(([k]) => !ROWS.some((r) => r.key === k)),
]);
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const report = {
  ...ordered,
  generated_at: new Date().toISOString(),
  command,
  machine: browser.machine,
  settings: browser.settings,
  targets: Object.fromEntries(ROWS.filter((r) => r.max !== undefined).map((r) => [r.key, { max: r.max }])),
  missed: ROWS.filter((r) => r.max !== undefined && typeof figures[r.key] === 'number' && figures[r.key] > r.max).map((r) => r.key),
  plans: PLANS,
  samples: { ...sizes.samples, ...browser.samples },
};

const partial = Boolean(values.only);
mkdirSync('reports', { recursive: true });
const reportPath = partial ? 'reports/bench.partial.json' : 'reports/bench.json';
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
const m = report.machine;
console.log(`\nIdésluss bench — ${m.cpus} CPUs (${m.cpu_model}), ${m.chromium_binary ?? m.chromium}, Node ${m.node}, load ${m.loadavg_start.join('/')} → ${m.loadavg_end.join('/')}\n`);
console.log(textTable(figures));
console.log(`\nwrote ${reportPath}`);
if (!partial) {
  updateReadme('README.md', readmeBlock({ ...report, figures }));
  console.log('updated the table in README.md');
}
