/**
 * The widget's cost to its host page: the intranet's own challenge page (inline widget, the heavier
 * mode: the form shows at once) loaded with the widget and — the same HTML with the widget's
 * `<script>` and element removed, from a server of our own — without it.
 *
 * Per load, in a fresh tab: the renderer's main-thread script time (CDP `Performance.getMetrics`
 * `ScriptDuration` in `threadTicks`, i.e. the main thread's CPU time, so other processes on a busy
 * machine do not inflate it; read before navigating and again once the page has settled: the load
 * event plus one second, so the widget's deferred start — IndexedDB, first sync — counts too), and
 * the long tasks (PerformanceObserver `longtask`, installed before any page script; wall time) over
 * the same span. `TaskDuration` (all main-thread work: parsing, style, layout) goes to the samples.
 * Loads alternate without/with, after one warm-up pair, in one browser context: warm, as a page
 * visited before (HTTP cache, and V8's code cache for the widget).
 *
 * The same again cold, as on a first visit: each load in a new browser context (no HTTP cache, no
 * code cache, no IndexedDB yet) with the signed-in session's cookies, in a second Chromium.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { median, progress, round, sleep, summary } from './stats';
import type { BenchBrowser } from './world';

/** The two pages to load: the intranet's challenge page, and the same HTML without the widget. */
interface HostPages {
  with: string;
  without: string;
  close(): Promise<void>;
}

/**
 * The intranet serves the page with the widget itself, and a server of our own serves the same
 * HTML without it (a `<base>` keeps its stylesheet on the intranet). Not through Playwright's
 * routing: a routed context loads without the HTTP cache, and so without V8's code cache.
 */
async function hostPages(warm: BrowserContext, intranetUrl: string): Promise<HostPages> {
  const withUrl = `${intranetUrl}/utmaningar/farre-pappersblanketter`;
  const cookie = (await warm.cookies(intranetUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const html = await (await fetch(withUrl, { headers: { Cookie: cookie } })).text();
  const without = html
    .replace(/<script type="module" src="\/widget\/idesluss-widget\.js"><\/script>\n?/, '')
    .replace(/<idesluss-widget[^>]*><\/idesluss-widget>/, '')
    .replace('<head>', `<head><base href="${intranetUrl}/">`);
  if (without === html || without.includes('idesluss-widget') || !without.includes('<base ')) throw new Error('host page: could not remove the widget from the challenge page');
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(without);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    with: withUrl,
    without: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function observeLongTasks(): void {
  const tasks: number[] = [];
  (globalThis as unknown as { __benchLongTasks: number[] }).__benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** One load: main-thread script and task ms (thread CPU time) and the long tasks' durations. */
async function load(context: BrowserContext, url: string): Promise<{ scriptMs: number; taskMs: number; longTasks: number[] }> {
  const page = await context.newPage();
  await page.addInitScript(observeLongTasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: ms('ScriptDuration'), task: ms('TaskDuration') };
  };
  try {
    const before = await read();
    await page.goto(url, { waitUntil: 'load' });
    await sleep(1000);
    const after = await read();
    const longTasks = await page.evaluate(() => (globalThis as unknown as { __benchLongTasks: number[] }).__benchLongTasks);
    return { scriptMs: after.script - before.script, taskMs: after.task - before.task, longTasks };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

export interface HostFigures {
  host_script_ms_without: number;
  host_script_ms_with: number;
  widget_added_script_ms: number;
  widget_long_tasks: number;
  widget_long_tasks_max: number;
  /** Cold loads (first visit): the added script time, and the long tasks over all loads with and without the widget. */
  widget_added_script_ms_cold: number;
  widget_long_tasks_cold_total: number;
  host_long_tasks_cold_total_without: number;
  samples: Record<string, unknown>;
}

/** `reps` cold loads of each variant, alternating after one warm-up pair, each in a new context of a second Chromium. */
async function coldLoads(warm: BrowserContext, intranetUrl: string, pages: HostPages, reps: number) {
  const cookies = await warm.cookies(intranetUrl);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, '--lang=sv-SE'] });
  const result = { with: [] as { scriptMs: number; longTasks: number[] }[], without: [] as { scriptMs: number; longTasks: number[] }[] };
  try {
    for (let i = -1; i < reps; i++) {
      for (const variant of ['without', 'with'] as const) {
        const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1100, height: 800 } });
        try {
          await context.addCookies(cookies);
          const measured = await load(context, pages[variant]);
          if (i >= 0) result[variant].push(measured); // the first pair warms the browser up
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return result;
}

/** The host page's script time without and with the widget, and the widget's long tasks. */
export async function benchHostPage(browser: BenchBrowser, intranetUrl: string, reps: number): Promise<HostFigures> {
  const pages = await hostPages(browser.context, intranetUrl);
  try {
    return await measure(browser, intranetUrl, pages, reps);
  } finally {
    await pages.close();
  }
}

async function measure(browser: BenchBrowser, intranetUrl: string, pages: HostPages, reps: number): Promise<HostFigures> {
  const withMs: number[] = [];
  const withoutMs: number[] = [];
  const longWith: number[] = [];
  const longWithout: number[] = [];
  const longestWith: number[] = [];
  const taskWith: number[] = [];
  const taskWithout: number[] = [];
  for (let i = -1; i < reps; i++) {
    const a = await load(browser.context, pages.without);
    const b = await load(browser.context, pages.with);
    if (i < 0) continue; // warm-up
    withoutMs.push(a.scriptMs);
    withMs.push(b.scriptMs);
    taskWithout.push(a.taskMs);
    taskWith.push(b.taskMs);
    longWithout.push(a.longTasks.length);
    longWith.push(b.longTasks.length);
    longestWith.push(Math.max(0, ...b.longTasks));
  }
  const added = median(withMs) - median(withoutMs);
  progress(`host script: without ${round(median(withoutMs))} ms, with ${round(median(withMs))} ms; long tasks with widget (median) ${median(longWith)}`);
  const cold = await coldLoads(browser.context, intranetUrl, pages, reps);
  const coldScript = (variant: 'with' | 'without') => median(cold[variant].map((l) => l.scriptMs));
  const coldLong = (variant: 'with' | 'without') => cold[variant].flatMap((l) => l.longTasks);
  progress(`host script, cold: without ${round(coldScript('without'))} ms, with ${round(coldScript('with'))} ms; long tasks with ${coldLong('with').length}, without ${coldLong('without').length} in ${reps} loads each`);
  return {
    host_script_ms_without: round(median(withoutMs)),
    host_script_ms_with: round(median(withMs)),
    widget_added_script_ms: round(added),
    widget_long_tasks: median(longWith),
    widget_long_tasks_max: Math.max(...longWith),
    widget_added_script_ms_cold: round(coldScript('with') - coldScript('without')),
    widget_long_tasks_cold_total: coldLong('with').length,
    host_long_tasks_cold_total_without: coldLong('without').length,
    samples: {
      host_script_ms_cold_without: summary(cold.without.map((l) => l.scriptMs)),
      host_script_ms_cold_with: summary(cold.with.map((l) => l.scriptMs)),
      long_tasks_cold_with_widget_ms: coldLong('with').map(round),
      long_tasks_cold_without_widget_ms: coldLong('without').map(round),
      host_task_ms_without: summary(taskWithout),
      host_task_ms_with: summary(taskWith),
      host_script_ms_without: summary(withoutMs),
      host_script_ms_with: summary(withMs),
      long_tasks_with_widget_per_load: longWith,
      long_tasks_without_widget_per_load: longWithout,
      longest_task_with_widget_ms: summary(longestWith),
    },
  };
}
