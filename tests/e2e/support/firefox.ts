/**
 * Launching Debian's Firefox ESR for the e2e tests that check the widget outside Chromium (docs/adr/032-firefox-tests.md).
 * Puppeteer drives it over WebDriver BiDi, Firefox's own remote protocol: Playwright's Firefox needs its patched
 * build, which cannot be downloaded here, and its BiDi mode asks for commands Firefox ESR 153 does not have yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer, { TimeoutError, type Browser, type Page } from 'puppeteer-core';

/** The Firefox binary: `FIREFOX_PATH`, else Debian's `firefox-esr` package. */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Firefox not found: apt-get install -y firefox-esr, or set FIREFOX_PATH.');
  return found;
}

/** A headless Firefox with a fresh profile, its UI in `locale`, with `prefs` besides the test defaults. */
export async function launchFirefox(locale = 'sv-SE', prefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Firefox 153 lets WebDriver open only http(s), file and blob pages unless started with system access; the
    // extension's own pages (moz-extension://) need it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'intl.accept_languages': locale,
      'intl.locale.requested': locale,
      // The machine has no network beyond loopback: no update checks, telemetry or remote settings.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.safebrowsing.update.enabled': false,
      ...prefs,
    },
  });
}

/** The n-th widget's shadow root is where its controls live; BiDi has no locator that pierces it, so tests ask the page. */
export async function widgetText(page: Page, selector: string, index = 0): Promise<string> {
  return page.evaluate(
    (s, i) => document.querySelectorAll('idesluss-widget')[i]?.shadowRoot?.querySelector(s)?.textContent ?? '',
    selector,
    index,
  );
}

/** The value of a field in the n-th widget. */
export async function widgetValue(page: Page, selector: string, index = 0): Promise<string> {
  return page.evaluate(
    (s, i) => (document.querySelectorAll('idesluss-widget')[i]?.shadowRoot?.querySelector(s) as HTMLInputElement | null)?.value ?? '',
    selector,
    index,
  );
}

/** Waits until the n-th widget has started (IndexedDB open, draft restored), as `ready` does in Chromium. */
export async function widgetReady(page: Page, index = 0): Promise<void> {
  await page.waitForFunction((i) => !!document.querySelectorAll('idesluss-widget')[i]?.shadowRoot?.querySelector('[part~="status"]'), {}, index);
  await page.evaluate(async (i) => {
    const el = document.querySelectorAll('idesluss-widget')[i] as unknown as { ctl: { start(): Promise<void> } };
    await el.ctl.start();
  }, index);
}

/**
 * Opens one of an add-on's own pages (`moz-extension://<host>/<path>`) in a new tab. Firefox loads it, but the load
 * moves the tab into the extensions' process and WebDriver BiDi never reports the navigation as done, so the wait is
 * on the page itself: its address and a parsed document.
 */
export async function openAddonPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 1_500 }).catch((error: unknown) => {
    if (!(error instanceof TimeoutError)) throw error;
  });
  await page.waitForFunction((u) => location.href === u && document.readyState !== 'loading', { timeout: 15_000 }, url);
  return page;
}

/** axe-core's browser build, read once. */
let axeSource: string | undefined;

/**
 * axe-core's violations on the page, one line each (rule: targets). axe is evaluated through WebDriver rather than
 * added as a `<script>`: the intranet's pages and the add-on's allow only their own scripts (CSP).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}
