/// <reference types="chrome" />
/**
 * Helpers for the extension's e2e tests: the built extension in Debian's Chromium, its pages opened
 * as tabs (`chrome-extension://<id>/popup.html`), and a look into its service worker.
 *
 * The popup is opened in a tab of its own, so the "active tab" is the popup itself; the tests tell it
 * which page it is about with `?tab=<id>` (the same parameter the context-menu fallback uses), and
 * read that tab id through the worker — the intranet's host permission lets `tabs.query` match URLs.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchChromium, type LaunchedBrowser, type LaunchOptions } from './chromium';

export interface ExtensionBrowser extends LaunchedBrowser {
  extensionId: string;
  /** The extension's service worker (re-fetched: the worker may have been restarted). */
  worker(): Promise<Worker>;
}

/** Launches Chromium with the built `.output/chrome-mv3` loaded. */
export async function launchExtension(options: Omit<LaunchOptions, 'extension'> = {}): Promise<ExtensionBrowser> {
  const browser = await launchChromium({ ...options, extension: true });
  const extensionId = browser.extensionId!;
  const worker = async () =>
    browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await browser.context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { ...browser, extensionId, worker };
}

/** Stores the intranet address as the user's setting and tells the background. */
export async function configureIntranet(browser: ExtensionBrowser, intranetUrl: string, language?: 'sv' | 'en' | 'browser'): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.evaluate(async (values) => {
    await chrome.storage.local.set(values);
    await chrome.runtime.sendMessage({ type: 'settings-changed' });
  }, language ? { intranetUrl, language } : { intranetUrl });
  await page.close();
}

/** The id Chrome gave the tab showing `url` (exact match, query string included). */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  const worker = await browser.worker();
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** Opens the popup page in a tab, optionally about the page in tab `tabId`; waits until the form is ready. */
export async function openPopup(browser: ExtensionBrowser, options: { tabId?: number; page?: Page } = {}): Promise<Page> {
  const page = options.page ?? (await browser.context.newPage());
  const query = options.tabId === undefined ? '' : `?tab=${options.tabId}`;
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${query}`);
  // The app's own field: popup.html's static early field has focus before the app has loaded.
  await page.locator('#app #title:focus').waitFor({ timeout: 15_000 });
  return page;
}

/** The toolbar badge's text, as the worker sets it. */
export async function badgeText(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Signs in to the intranet in a tab, as a user would. */
export async function signIn(context: BrowserContext, intranetUrl: string, username = 'anna', password = 'demo'): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${intranetUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.close();
}
