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
    (await browser.context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`), timeout: 30_000 }));
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

/** The toolbar button's tooltip, as the worker sets it. */
export async function actionTitle(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(() => chrome.action.getTitle({}));
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

/** The real toolbar popup, driven over CDP: Playwright does not list an extension's popup among its pages. */
export interface ToolbarPopup {
  /** Evaluates `expression` in the popup (promises awaited) and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Types `text` into the focused field, as a keyboard would (CDP `Input.insertText`). */
  insertText(text: string): Promise<void>;
  /** Closes the popup, as clicking elsewhere does. */
  close(): Promise<void>;
}

/**
 * Opens the popup as the toolbar button does, over the window showing `page` (`chrome.action.openPopup()`
 * from the worker, the window focused first; unlike a click it grants no `activeTab`, so the page must be
 * one the extension may read, such as the intranet) and attaches to it through the browser's CDP session.
 */
export async function openToolbarPopup(browser: ExtensionBrowser, page: Page): Promise<ToolbarPopup> {
  await page.bringToFront();
  const tabId = await tabIdOf(browser, page.url());
  await (await browser.worker()).evaluate(async (id) => {
    const { windowId } = await chrome.tabs.get(id);
    await chrome.windows.update(windowId, { focused: true });
    await chrome.action.openPopup({ windowId });
  }, tabId);
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  let targetId: string | undefined;
  for (let i = 0; i < 100 && !targetId; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    targetId = targetInfos.find((t) => t.url.startsWith(`chrome-extension://${browser.extensionId}/popup.html`))?.targetId;
    if (!targetId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!targetId) throw new Error('the toolbar popup did not open');
  // A non-flat session: its commands travel as messages, which Playwright's CDPSession can send.
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (event.sessionId === sessionId && message.id !== undefined) pending.get(message.id)?.(message);
  });
  let seq = 0;
  const send = async (method: string, params: object): Promise<unknown> => {
    const id = ++seq;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => pending.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const { result, error } = await answer;
    pending.delete(id);
    if (error) throw new Error(`${method}: ${error.message}`);
    return result;
  };
  return {
    async evaluate<T>(expression: string) {
      const answer = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
        result: { value?: T };
        exceptionDetails?: { text: string };
      };
      if (answer.exceptionDetails) throw new Error(`in the popup: ${answer.exceptionDetails.text}`);
      return answer.result.value as T;
    },
    async insertText(text) {
      await send('Input.insertText', { text });
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId });
      await cdp.detach();
    },
  };
}
