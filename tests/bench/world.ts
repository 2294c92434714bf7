/**
 * The bench's world: the real reference intranet on 127.0.0.1 (its own data folder, serving a copy
 * of the widget build) and Debian's Chromium, launched the way the e2e tests launch it
 * (../e2e/support/chromium.ts), optionally with the bench copy of the extension loaded, signed in
 * as anna and configured for that intranet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { configureIntranet, signIn, type ExtensionBrowser } from '../e2e/support/extension';
import { signIn as signInWidget } from '../e2e/support/widget';
import { startTestIntranet, type TestIntranet } from '../support/intranet';
import type { BenchBuild } from './extension-copy';
import type { BenchPageApi } from './page/bench-page';

export interface BenchBrowser {
  context: BrowserContext;
  /** The browser's product string from CDP `Browser.getVersion`, e.g. `Chrome/156.0.8078.108`. */
  version: string;
  close(): Promise<void>;
}

export interface BenchExtension extends BenchBrowser {
  extensionId: string;
  /** `chrome-extension://<id>/<path>` */
  url(path: string): string;
  worker(): Promise<Worker>;
  /** The bench page (same origin as the extension), opened once and kept. */
  benchPage(): Promise<Page>;
  /** Calls one method of the bench page's API. */
  bench<K extends keyof BenchPageApi>(method: K, ...args: Parameters<BenchPageApi[K]>): Promise<Awaited<ReturnType<BenchPageApi[K]>>>;
}

/** Starts the reference intranet serving the bench's widget copy. */
export function startBenchIntranet(build: BenchBuild): Promise<TestIntranet> {
  return startTestIntranet({ widgetDir: build.widgetDir });
}

/** Launches headless Chromium on a fresh profile; with `extensionDir`, loads it unpacked. */
export async function launchBenchBrowser(extensionDir?: string): Promise<BenchBrowser & { extensionId?: string }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'idesluss-bench-profile-'));
  const args = [...CHROMIUM_ARGS, '--lang=sv-SE'];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args,
    locale: 'sv-SE',
    viewport: { width: 1100, height: 800 },
  });
  let extensionId: string | undefined;
  if (extensionDir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  const probe = await context.newPage();
  const cdp = await context.newCDPSession(probe);
  const { product: version } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  await probe.close();
  return {
    context,
    version,
    extensionId,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with the bench copy of the extension, signed in to `intranet` as anna and configured for it. */
/**
 * Waits until the worker has read IT's policy once (`storage.managed`, which Chromium answers only
 * seconds after a start) and left the copy the popup reads. Until then every popup waits up to 50 ms
 * for the policy (entrypoints/lib/settings-store.ts); the bench measures the popup of a browser
 * that has been running, as a user opens it, and the README says so.
 */
async function settled(worker: Worker): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const cached = await worker.evaluate(async () => (await chrome.storage.local.get('managedCache')).managedCache !== undefined);
    if (cached) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('bench: the worker never read storage.managed within 30 s');
}

export async function launchBenchExtension(build: BenchBuild, intranet: TestIntranet): Promise<BenchExtension> {
  const browser = await launchBenchBrowser(build.extensionDir);
  const extensionId = browser.extensionId!;
  const { context } = browser;
  const worker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const asExtensionBrowser: ExtensionBrowser = { ...browser, userDataDir: '', extensionId, worker };
  await signIn(context, intranet.url);
  await configureIntranet(asExtensionBrowser, intranet.url, 'sv');
  await settled(await worker());
  let page: Page | undefined;
  const benchPage = async () => {
    if (page && !page.isClosed()) return page;
    page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/bench.html`);
    await page.waitForFunction(() => 'ideslussBench' in globalThis);
    return page;
  };
  return {
    ...browser,
    extensionId,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    worker,
    benchPage,
    async bench(method, ...args) {
      const p = await benchPage();
      return p.evaluate(
        ([m, a]) => (globalThis as unknown as { ideslussBench: Record<string, (...x: unknown[]) => unknown> }).ideslussBench[m]!(...a),
        [method, args] as [string, unknown[]],
      ) as never;
    },
  };
}

/** Chromium without the extension, signed in to the intranet (cookie session): the widget's world. */
export async function launchWidgetBrowser(intranet: TestIntranet): Promise<BenchBrowser> {
  const browser = await launchBenchBrowser();
  await signInWidget(browser.context, intranet.url);
  return browser;
}
