/**
 * Autosave latency: from a keystroke to the draft being committed in IndexedDB, in the popup and in
 * the widget, measured inside the page on one clock (`performance.now()`):
 *
 * - the keystroke: the `keydown` event's `timeStamp` (when the browser received the key);
 * - the commit: the `complete` event of the first readwrite transaction on the `drafts` store opened
 *   after that key. The bench sees it by wrapping `IDBDatabase.prototype.transaction` in an init
 *   script (bench-side only; no production hook). The store's change notice on the BroadcastChannel
 *   is *not* used: it is posted after the local listeners have started their re-reads, and arrives
 *   up to tens of milliseconds after the commit.
 *
 * Keys are typed one at a time into the title field; after each the bench waits for its commit and
 * a 100 ms pause (a fast typist), so every key is measured on its own write.
 */
import type { Page } from 'playwright-core';
import { percentile, progress, round, sleep, summary } from './stats';
import type { BenchBrowser, BenchExtension } from './world';

/** The pause after each key's commit: a fast typist, about ten keys a second. */
const TYPING_GAP_MS = 100;

/** Each client is measured over this many fresh pages, `keys / ROUNDS` keys each. */
const ROUNDS = 4;

interface AutosaveLog {
  keys: number[];
  /** Readwrite transactions on `drafts`: when opened, and when complete (undefined until then). */
  writes: { openedAt: number; doneAt?: number }[];
}

/** Installed before the page's scripts: records keydown times and draft write transactions. */
function instrument(): void {
  const log: AutosaveLog = { keys: [], writes: [] };
  (globalThis as unknown as { __benchAutosave: AutosaveLog }).__benchAutosave = log;
  document.addEventListener('keydown', (event) => log.keys.push(event.timeStamp), true);
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = transaction.apply(this, args);
    const [scope, mode] = args;
    if (mode === 'readwrite' && (scope === 'drafts' || (Array.isArray(scope) && scope.includes('drafts')))) {
      const write: AutosaveLog['writes'][number] = { openedAt: performance.now() };
      log.writes.push(write);
      tx.addEventListener('complete', () => (write.doneAt = performance.now()));
    }
    return tx;
  };
}

/** Types `keys` characters, one per commit; returns each key's latency in ms. */
async function typeAndMeasure(page: Page, keys: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(i % 10 === 9 ? 'Space' : 'a');
    const latency = await page.waitForFunction(() => {
      const { keys: k, writes } = (globalThis as unknown as { __benchAutosave: AutosaveLog }).__benchAutosave;
      const key = k.at(-1);
      const write = key === undefined ? undefined : writes.find((w) => w.openedAt >= key);
      return write?.doneAt === undefined ? false : write.doneAt - key!;
    }, null, { timeout: 10_000, polling: 5 });
    latencies.push((await latency.jsonValue()) as number);
    await sleep(TYPING_GAP_MS);
  }
  return latencies;
}

export interface AutosaveFigures {
  autosave_popup_p50_ms: number;
  autosave_popup_p95_ms: number;
  autosave_widget_p50_ms: number;
  autosave_widget_p95_ms: number;
  autosave_p50_ms: number;
  autosave_p95_ms: number;
  samples: Record<string, ReturnType<typeof summary>>;
}

/** Popup latencies: a fresh popup (no drafts) per round, `keys` keys in all. */
export async function benchAutosavePopup(ext: BenchExtension, keys: number): Promise<number[]> {
  const all: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await ext.bench('reset');
    const page = await ext.context.newPage();
    await page.addInitScript(instrument);
    await page.goto(ext.url('popup.html'));
    await page.locator('#app #title:focus').waitFor({ timeout: 15_000 }); // the app's field, not the static early one
    await sleep(300); // let start-up work (challenge fetch, list) settle: measure typing, not start-up
    all.push(...(await typeAndMeasure(page, Math.ceil(keys / ROUNDS))));
    await page.close();
  }
  await ext.bench('reset');
  progress(`autosave popup: p50 ${round(percentile(all, 50))} ms, p95 ${round(percentile(all, 95))} ms (${all.length} keys)`);
  return all;
}

/** Widget latencies: the inline widget on the intranet's challenge page, a fresh page per round. */
export async function benchAutosaveWidget(browser: BenchBrowser, url: string, keys: number): Promise<number[]> {
  const all: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const page = await browser.context.newPage();
    await page.addInitScript(instrument);
    await page.goto(url);
    const widget = page.locator('idesluss-widget').first();
    await widget.locator('[part~="status"]').waitFor({ state: 'attached' });
    await widget.evaluate((el) => (el as unknown as { ctl: { start(): Promise<void> } }).ctl.start());
    await widget.locator('#title').fill('');
    await widget.locator('#title').focus();
    await sleep(300);
    all.push(...(await typeAndMeasure(page, Math.ceil(keys / ROUNDS))));
    await page.close();
  }
  progress(`autosave widget: p50 ${round(percentile(all, 50))} ms, p95 ${round(percentile(all, 95))} ms (${all.length} keys)`);
  return all;
}

/** The figures from both clients' latencies; autosave_p50/p95_ms are the worse of the two. */
export function autosaveFigures(popup: number[], widget: number[]): AutosaveFigures {
  const p = (s: number[], q: number) => round(percentile(s, q));
  return {
    autosave_popup_p50_ms: p(popup, 50),
    autosave_popup_p95_ms: p(popup, 95),
    autosave_widget_p50_ms: p(widget, 50),
    autosave_widget_p95_ms: p(widget, 95),
    autosave_p50_ms: Math.max(p(popup, 50), p(widget, 50)),
    autosave_p95_ms: Math.max(p(popup, 95), p(widget, 95)),
    samples: { autosave_popup_ms: summary(popup), autosave_widget_ms: summary(widget) },
  };
}
