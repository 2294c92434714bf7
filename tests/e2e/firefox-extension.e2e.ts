/**
 * The Firefox build of the extension (`.output/firefox-mv2`), installed in Firefox ESR as a temporary add-on over
 * WebDriver BiDi, against the real reference intranet: the popup's form saves a draft that outlives the popup, and a
 * submitted idea reaches the intranet once through the background page's sync. Every other extension test runs the
 * Chrome build in Chromium (docs/adr/032-firefox-tests.md).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';
import { launchFirefox, openAddonPage } from './support/firefox';

/** The build's add-on id (wxt.config.ts, IDESLUSS_GECKO_ID unset). */
const ADDON_ID = 'idesluss@idesluss.example';
/** Firefox gives an add-on's pages a random host per profile; the pref below pins it, so the test can open them. */
const HOST = randomUUID();

let intranet: TestIntranet;
let anna: TestLogin;
let browser: Browser;

beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
  browser = await launchFirefox('sv-SE', { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: HOST }) });
  await browser.installExtension(resolve('.output/firefox-mv2'));
  const [name, value] = anna.cookie.split('=') as [string, string];
  await browser.setCookie({ name, value, domain: new URL(intranet.url).hostname, path: '/', httpOnly: true, sameSite: 'Lax' });
  // The intranet's address as the user's setting, as the options page stores it.
  const options = await openAddonPage(browser, `moz-extension://${HOST}/options.html`);
  await options.evaluate(async (intranetUrl) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    await api.storage.local.set({ intranetUrl });
    await api.runtime.sendMessage({ type: 'settings-changed' });
  }, intranet.url);
  await options.close();
});
afterAll(async () => {
  await browser?.close();
  await intranet?.close();
});

async function openPopup(): Promise<Page> {
  const page = await openAddonPage(browser, `moz-extension://${HOST}/popup.html`);
  await page.waitForSelector('#app #title');
  return page;
}

async function annasTitles(): Promise<string[]> {
  const response = await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1' } });
  if (!response.ok) throw new Error(`GET /ideas?mine=true: ${response.status}`);
  return ((await response.json()) as { title: string }[]).map((idea) => idea.title);
}

describe('the extension in Firefox', () => {
  it('keeps a draft typed in the popup when the popup is closed and opened again', async () => {
    const popup = await openPopup();
    await popup.type('#app #title', 'Utkast i Firefox');
    await popup.waitForFunction(() => /Sparat/.test(document.body.textContent ?? ''));
    await popup.close();
    const again = await openPopup();
    await again.waitForFunction(() => (document.querySelector('#app #title') as HTMLInputElement | null)?.value === 'Utkast i Firefox');
    await again.close();
  });

  it('sends a submitted idea to the intranet once', async () => {
    const popup = await openPopup();
    await popup.evaluate(() => {
      const title = document.querySelector('#app #title') as HTMLInputElement;
      title.select();
    });
    await popup.type('#app #title', 'Idé från Firefox');
    await popup.type('#app #description', 'Skickad av tilläggets bakgrundssida.');
    await popup.click('#app button[type="submit"]');
    await expect.poll(async () => (await annasTitles()).filter((t) => t === 'Idé från Firefox'), { timeout: 30_000 }).toHaveLength(1);
    await popup.close();
  });
});
