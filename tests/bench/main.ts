/**
 * The browser half of `npm run bench` (scripts/bench.mjs runs it with tsx after making sure the
 * build exists): every timing in real Chromium against the real reference intranet on 127.0.0.1,
 * plus the herd simulation. Writes one JSON object `{ figures, samples, machine, settings }` to `--out`.
 *
 *   npx tsx tests/bench/main.ts --out /tmp/b.json [--reps 15] [--drain-reps 5] [--autosave-keys 100]
 *                               [--herd-seeds 9] [--inbox-ideas 50000] [--only popup,list,autosave,drain,host,herd,inbox]
 *
 * Benches run one after another (never two browsers at once); each alternates its A/B variants.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { chromiumPath } from '../e2e/support/chromium';
import { autosaveFigures, benchAutosavePopup, benchAutosaveWidget } from './autosave';
import { prepareBenchBuild } from './extension-copy';
import { benchHerd } from './herd';
import { benchHostPage } from './host-page';
import { benchInbox } from './inbox';
import { benchListReady, benchPopupReady } from './popup';
import { progress } from './stats';
import { benchSyncDrain } from './sync-drain';
import { launchBenchExtension, launchWidgetBrowser, startBenchIntranet } from './world';

export const GROUPS = ['popup', 'list', 'autosave', 'drain', 'host', 'herd', 'inbox'] as const;
type Group = (typeof GROUPS)[number];

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    reps: { type: 'string', default: '15' },
    'drain-reps': { type: 'string', default: '5' },
    'autosave-keys': { type: 'string', default: '100' },
    'herd-seeds': { type: 'string', default: '9' },
    'inbox-ideas': { type: 'string', default: '50000' },
    only: { type: 'string' },
  },
});
const settings = {
  reps: Number(values.reps),
  drainReps: Number(values['drain-reps']),
  autosaveKeys: Number(values['autosave-keys']),
  herdSeeds: Number(values['herd-seeds']),
  inboxIdeas: Number(values['inbox-ideas']),
  only: values.only ? (values.only.split(',') as Group[]) : [...GROUPS],
};
const unknown = settings.only.filter((g) => !GROUPS.includes(g));
if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${GROUPS.join(', ')})`);
const wants = (g: Group) => settings.only.includes(g);

const figures: Record<string, number | string> = {};
const samples: Record<string, unknown> = {};
/** Moves a bench result's keys into `figures`, and its `samples` into `samples`. */
function take(result: { samples: object }): void {
  const { samples: s, ...rest } = result;
  Object.assign(figures, rest);
  Object.assign(samples, s);
}

const machine: Record<string, unknown> = {
  cpus: cpus().length,
  cpu_model: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  platform: `${process.platform} ${release()}`,
  node: process.version,
  chromium_binary: chromiumVersion(),
  loadavg_start: loadavg().map((l) => Math.round(l * 100) / 100),
};

/** `chromium --version` (e.g. "Chromium 156.0.8078.108 built on Debian …"), or the path when it cannot say. */
function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return chromiumPath();
  }
}

const build = await prepareBenchBuild();
const intranet = await startBenchIntranet(build);
try {
  let popupLatencies: number[] | undefined;
  if (wants('popup') || wants('list') || wants('autosave') || wants('drain')) {
    const ext = await launchBenchExtension(build, intranet);
    machine.chromium = ext.version;
    try {
      if (wants('popup')) take(await benchPopupReady(ext, settings.reps));
      if (wants('list')) take(await benchListReady(ext, settings.reps));
      if (wants('autosave')) popupLatencies = await benchAutosavePopup(ext, settings.autosaveKeys);
      if (wants('drain')) take(await benchSyncDrain(ext, intranet, settings.drainReps));
    } finally {
      await ext.close();
    }
  }
  if (wants('host') || wants('autosave')) {
    const browser = await launchWidgetBrowser(intranet);
    machine.chromium ??= browser.version;
    try {
      if (wants('host')) take(await benchHostPage(browser, intranet.url, settings.reps));
      if (wants('autosave')) {
        const widget = await benchAutosaveWidget(browser, `${intranet.url}/utmaningar/farre-pappersblanketter`, settings.autosaveKeys);
        take(autosaveFigures(popupLatencies!, widget));
      }
    } finally {
      await browser.close();
    }
  }
  if (wants('herd')) take(benchHerd(settings.herdSeeds));
  if (wants('inbox')) take(await benchInbox(settings.inboxIdeas, settings.reps));
} finally {
  await intranet.close();
  build.remove();
}
machine.loadavg_end = loadavg().map((l) => Math.round(l * 100) / 100);

const report = { figures, samples, machine, settings };
if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
progress('done');
