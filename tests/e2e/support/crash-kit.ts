/**
 * The crash suite's toolkit (issue 6): run counts from the environment, a seeded PRNG, keystrokes
 * typed one at a time with the time each one landed, the "kept" rule, a hard kill of the real
 * Chromium process, the reference intranet as a child process that can be frozen and killed, a
 * delaying proxy, and a look into the intranet's SQLite file.
 *
 * Counts: `npm test` runs the CI counts; `npm run chaos` (scripts/chaos.mjs) sets
 * `IDESLUSS_CHAOS_SCALE=chaos` for the large ones. `IDESLUSS_CRASH_POPUP_RUNS`,
 * `IDESLUSS_CRASH_KILL_RUNS` and `IDESLUSS_CRASH_INTRANET_RUNS` override single counts;
 * `IDESLUSS_CRASH_SEED` replays a run (every file prints its seed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';

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
    popupRuns: count('IDESLUSS_CRASH_POPUP_RUNS', big ? 100 : 25),
    killRuns: count('IDESLUSS_CRASH_KILL_RUNS', big ? 20 : 4),
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

// ---------------------------------------------------------------------------------------------
// The real Chromium process behind a Playwright persistent context

function cmdlineOf(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
}

/** Every process started for the profile `userDataDir` (browser and helpers). */
export function profileProcesses(userDataDir: string): Array<{ pid: number; args: string[] }> {
  const flag = `--user-data-dir=${userDataDir}`;
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const args = cmdlineOf(entry);
    if (args?.includes(flag)) found.push({ pid: Number(entry), args });
  }
  return found;
}

/** The browser process (not a renderer, GPU or utility helper) of the profile `userDataDir`. */
export function browserPid(userDataDir: string): number {
  const candidates = profileProcesses(userDataDir).filter((p) => !p.args.some((a) => a.startsWith('--type=')) && /chrom/i.test(p.args[0] ?? ''));
  if (candidates.length !== 1) throw new Error(`expected one browser process for ${userDataDir}, found ${candidates.length}`);
  return candidates[0]!.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process group of `pid` (field 5 of /proc/<pid>/stat). */
function processGroup(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/**
 * Kills Chromium with SIGKILL — no unload, no flush, no clean shutdown. Playwright starts the
 * browser as the leader of its own process group, so the signal goes to the whole group at once:
 * the browser, its storage service (where IndexedDB lives), the network service and every renderer
 * die in the same instant, as in a power cut of the browser. Then waits until the profile is free.
 * Returns the time of the kill.
 */
export async function killBrowser(pid: number, userDataDir: string): Promise<number> {
  const group = processGroup(pid);
  const at = Date.now();
  process.kill(group === pid ? -pid : pid, 'SIGKILL');
  const deadline = Date.now() + 15_000;
  while (alive(pid) || profileProcesses(userDataDir).length > 0) {
    if (Date.now() > deadline) {
      for (const p of profileProcesses(userDataDir)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await sleep(25);
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// The reference intranet as a child process (`tsx intranet/main.ts`): frozen, killed, restarted

export interface IntranetProcess {
  url: string;
  port: number;
  dataDir: string;
  /** The PID of the running server. */
  pid(): number;
  /** SIGSTOP: connections are accepted by the kernel but nothing answers (a hung server). */
  freeze(): void;
  /** SIGCONT */
  thaw(): void;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function spawnIntranet(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'intranet/main.ts'], {
    env: { ...process.env, PORT: String(port), IDESLUSS_DATA: dataDir, IDESLUSS_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`intranet exited (${code}) before listening:\n${output}`)));
  });
}

/** Starts `intranet/main.ts` as a child process on a free port with `dataDir`. */
export async function startIntranetProcess(dataDir: string): Promise<IntranetProcess> {
  const first = await spawnIntranet(0, dataDir);
  let child = first.child;
  const url = first.url;
  const port = Number(new URL(url).port);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    port,
    dataDir,
    pid: () => child.pid!,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    kill,
    async restart() {
      await kill();
      ({ child } = await spawnIntranet(port, dataDir));
    },
    async close() {
      child.kill('SIGCONT');
      await kill();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What the intranet stored, read straight from its SQLite file

export interface StoredIdeaRow {
  id: string;
  title: string;
  description: string;
  source_url: string | null;
  source_title: string | null;
  source_quote: string | null;
}

/** Every idea row in the intranet's database under `dataDir` (read-only, beside the running server). */
export function storedIdeas(dataDir: string): StoredIdeaRow[] {
  const db = new Database(join(dataDir, 'idesluss.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare('SELECT id, title, description, source_url, source_title, source_quote FROM ideas').all() as StoredIdeaRow[];
  } finally {
    db.close();
  }
}

/**
 * Exactly once: every submitted idea is on the intranet, none twice (by id, and by title, which
 * catches a second copy under another id), and nothing else is there. Throws a message listing
 * what is missing, doubled or unexpected.
 */
export function checkExactlyOnce(label: string, rows: StoredIdeaRow[], submitted: Map<string, string>): void {
  const problems: string[] = [];
  const byId = new Map<string, number>();
  const byTitle = new Map<string, number>();
  for (const row of rows) {
    byId.set(row.id, (byId.get(row.id) ?? 0) + 1);
    byTitle.set(row.title, (byTitle.get(row.title) ?? 0) + 1);
  }
  for (const [id, title] of submitted) {
    const n = byId.get(id) ?? 0;
    if (n !== 1) problems.push(`${id} (${JSON.stringify(title)}) is on the intranet ${n} times`);
    if ((byTitle.get(title) ?? 0) > 1) problems.push(`the title ${JSON.stringify(title)} is on the intranet ${byTitle.get(title)} times`);
  }
  for (const row of rows) if (!submitted.has(row.id)) problems.push(`unexpected idea ${row.id} (${JSON.stringify(row.title)})`);
  if (rows.length !== submitted.size) problems.push(`${rows.length} ideas on the intranet, ${submitted.size} submitted`);
  if (problems.length > 0) throw new Error(`${label}: not exactly once:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// A proxy in front of the intranet that delays idea PUTs, so a kill lands mid-sync

export interface DelayProxy {
  url: string;
  /** PUTs wait before going on until `release()`. */
  hold(): void;
  release(): void;
  /** Called when a PUT is forwarded to the intranet and when its answer came back (before it is passed on). */
  onPut(listener: (event: 'forwarded' | 'answered', id: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * Forwards everything to `target`; `PUT …/ideas/{id}` waits `before` ms before it is forwarded and
 * its answer `after` ms before it is passed back — the window in which the intranet has stored an
 * idea that the client does not know about yet. Upstream failures reset the client's connection.
 */
export async function startDelayProxy(target: string, delays: () => { before: number; after: number }): Promise<DelayProxy> {
  const upstream = new URL(target);
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const listeners = new Set<(event: 'forwarded' | 'answered', id: string) => void>();
  const emit = (event: 'forwarded' | 'answered', id: string) => listeners.forEach((l) => l(event, id));

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const match = req.method === 'PUT' ? /\/ideas\/([^/?]+)$/.exec(req.url ?? '') : null;
        const { before, after } = match ? delays() : { before: 0, after: 0 };
        if (match) {
          if (gate) await gate;
          if (before) await sleep(before);
          emit('forwarded', match[1]!);
        }
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer: IncomingMessage) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              void (async () => {
                if (match) {
                  emit('answered', match[1]!);
                  if (after) await sleep(after);
                }
                if (res.destroyed) return;
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(Buffer.concat(body));
              })();
            });
            answer.on('error', () => res.destroy());
          },
        );
        forward.on('error', () => res.destroy());
        forward.end(Buffer.concat(chunks));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      gate ??= new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = undefined;
      open = undefined;
    },
    onPut(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        open?.();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Submitting through the real UIs

/** Submits one idea through the popup; resolves with its draft id once it is stored as queued. */
export async function submitInPopup(popup: Page, title: string): Promise<string> {
  await popup.fill('#title', title);
  await popup.click('button[type=submit]');
  // The draft being written is in the list too: wait until it has left the `draft` state.
  const item = popup.locator('li[data-draft-id]:not([data-state=draft])', { hasText: title });
  await item.waitFor({ timeout: 15_000 });
  await popup.locator('#title:not([disabled])').waitFor();
  return (await item.getAttribute('data-draft-id'))!;
}

type Watched = HTMLElement & { crashSubmitted?: string[] };

/**
 * Submits one idea through a widget (a Locator of `<idesluss-widget>`); resolves with its draft id
 * (from the widget's `idesluss-submitted` event) once the widget lists it as queued or further.
 */
export async function submitInWidget(widget: Locator, title: string): Promise<string> {
  const before = await widget.evaluate((el: Watched) => {
    if (!el.crashSubmitted) {
      const seen: string[] = (el.crashSubmitted = []);
      el.addEventListener('idesluss-submitted', (e) => seen.push((e as CustomEvent<{ id: string }>).detail.id));
    }
    return el.crashSubmitted.length;
  });
  await widget.locator('#title').fill(title);
  await widget.locator('[part=submit]').click();
  await widget.locator('li:not(.draft)', { hasText: title }).waitFor({ timeout: 15_000 });
  const ids = await widget.evaluate((el: Watched) => el.crashSubmitted ?? []);
  if (ids.length !== before + 1) throw new Error(`submitting ${JSON.stringify(title)} in the widget gave ${ids.length - before} submitted events`);
  return ids.at(-1)!;
}
