/**
 * The popup's start-up, measured in the page against its own navigation start (`performance.now()`):
 *
 * - ready: from opening the page until the title field has focus *and accepts a key*: from before
 *   the navigation starts the bench types `x` every 3 ms; the time of the first `input` event on
 *   `#title` is the ready time. The same for `blank.html`, an extension page with one bare
 *   autofocused input (../extension-copy.ts).
 * - list: from opening until the drafts list is in the DOM (`ul.drafts` with every seeded draft, or
 *   its first items and "show more" for a long list, or the "no ideas yet" line) and the next frame has been produced (rAF, then a task) — with 1,000
 *   drafts and with none.
 *
 * Popup and blank runs alternate so that a busy moment of the machine hits both alike.
 */
import type { CDPSession, Page } from 'playwright-core';
import { median, progress, ratio, round, sleep, summary } from './stats';
import type { BenchExtension } from './world';

interface Marks {
  inputAt?: number;
  listAt?: number;
  listPaintedAt?: number;
}

/**
 * Installed before any script of the page runs: records the first input and when the list appears.
 * (No named inner functions: tsx would wrap them in a helper the page does not have.)
 */
function instrument(expectDrafts: number): void {
  const marks: Marks = {};
  (globalThis as unknown as { __benchMarks: Marks }).__benchMarks = marks;
  document.addEventListener('input', (event) => {
    if (marks.inputAt === undefined && (event.target as Element | null)?.id === 'title') marks.inputAt = performance.now();
  }, true);
  if (expectDrafts < 0) return;
  const observer = new MutationObserver(() => {
    if (marks.listAt !== undefined) return;
    const listed = expectDrafts === 0
      ? document.querySelector('section[aria-labelledby="list-heading"] > p') !== null
      : document.querySelectorAll('ul.drafts > li').length >= expectDrafts || document.querySelector('[data-show-more]') !== null;
    if (!listed) return;
    marks.listAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (marks.listPaintedAt = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Opens `path` in a new tab with the marks installed; `beforeNavigation` runs once the tab exists
 * (e.g. to start typing). The caller closes the page.
 */
async function open(ext: BenchExtension, path: string, expectDrafts = -1, beforeNavigation?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await ext.context.newPage();
  await page.addInitScript(instrument, expectDrafts);
  await beforeNavigation?.(page);
  await page.goto(ext.url(path), { waitUntil: 'commit' });
  return page;
}

const marks = (page: Page) => page.evaluate(() => (globalThis as unknown as { __benchMarks?: Marks }).__benchMarks ?? {});

/**
 * Types `x` into the page every 3 ms from before its navigation starts (CDP `char` key events,
 * not awaited one by one, so a busy main thread gets them queued as a hurried user's keys would be)
 * until the title field takes one; returns the page-relative ms of that first input.
 */
async function readyTime(ext: BenchExtension, path: string): Promise<number> {
  let typing = true;
  let timer: ReturnType<typeof setInterval> | undefined;
  let cdp: CDPSession | undefined;
  // Typing starts before the navigation: keys that reach the old blank document are harmless.
  const page = await open(ext, path, -1, async (tab) => {
    const session = await ext.context.newCDPSession(tab);
    cdp = session;
    timer = setInterval(() => {
      if (typing) void session.send('Input.dispatchKeyEvent', { type: 'char', text: 'x' }).catch(() => undefined);
    }, 3);
  });
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { inputAt } = await marks(page);
      if (inputAt !== undefined) return inputAt;
      if (Date.now() > deadline) throw new Error(`${path}: the title field never took a key`);
      await sleep(5);
    }
  } finally {
    typing = false;
    clearInterval(timer);
    await cdp?.detach().catch(() => undefined);
    await page.close();
  }
}

/** Opens the popup and waits for the list; returns the page-relative ms until it was painted. */
async function listTime(ext: BenchExtension, drafts: number): Promise<number> {
  const page = await open(ext, 'popup.html', drafts);
  try {
    await page.waitForFunction(() => (globalThis as unknown as { __benchMarks: Marks }).__benchMarks.listPaintedAt !== undefined, null, { timeout: 30_000 });
    return (await marks(page)).listPaintedAt!;
  } finally {
    await page.close();
  }
}

export interface PopupFigures {
  popup_ready_ms: number;
  blank_ready_ms: number;
  popup_ready_ratio: number;
  samples: Record<string, ReturnType<typeof summary>>;
}

/** popup_ready_ms / blank_ready_ms over `reps` alternating runs (after one unrecorded warm-up of each). */
export async function benchPopupReady(ext: BenchExtension, reps: number): Promise<PopupFigures> {
  const popup: number[] = [];
  const blank: number[] = [];
  for (let i = -1; i < reps; i++) {
    await ext.bench('reset');
    const p = await readyTime(ext, 'popup.html');
    const b = await readyTime(ext, 'blank.html');
    if (i >= 0) {
      popup.push(p);
      blank.push(b);
    }
  }
  await ext.bench('reset');
  progress(`popup ready ${round(median(popup))} ms, blank ${round(median(blank))} ms`);
  return {
    popup_ready_ms: round(median(popup)),
    blank_ready_ms: round(median(blank)),
    popup_ready_ratio: ratio(median(popup), median(blank)),
    samples: { popup_ready_ms: summary(popup), blank_ready_ms: summary(blank) },
  };
}

export interface ListFigures {
  list_1000_ready_ms: number;
  list_0_ready_ms: number;
  list_ready_ratio: number;
  samples: Record<string, ReturnType<typeof summary>>;
}

/** list_1000_ready_ms / list_0_ready_ms: blocks of runs with 1,000 drafts and with none, alternating. */
export async function benchListReady(ext: BenchExtension, reps: number, count = 1000): Promise<ListFigures> {
  const full: number[] = [];
  const empty: number[] = [];
  for (let i = -1; i < reps; i++) {
    await ext.bench('reset');
    const e = await listTime(ext, 0);
    await ext.bench('seed', count, 'draft', `Lista ${i}`);
    const f = await listTime(ext, count);
    if (i >= 0) {
      empty.push(e);
      full.push(f);
    }
  }
  await ext.bench('reset');
  progress(`list ready: ${count} drafts ${round(median(full))} ms, none ${round(median(empty))} ms`);
  return {
    list_1000_ready_ms: round(median(full)),
    list_0_ready_ms: round(median(empty)),
    list_ready_ratio: ratio(median(full), median(empty)),
    samples: { list_1000_ready_ms: summary(full), list_0_ready_ms: summary(empty) },
  };
}
