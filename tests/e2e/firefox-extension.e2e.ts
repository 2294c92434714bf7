/**
 * The Firefox build of the extension (`.output/firefox-mv2`), installed in Firefox ESR as a temporary add-on over
 * WebDriver BiDi, against the real reference intranet: the popup's form saves a draft that outlives the popup, and a
 * submitted idea reaches the intranet once through the background page's sync. Every other extension test runs the
 * Chrome build in Chromium (docs/adr/032-firefox-tests.md).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';
import { axeViolations, launchFirefox, openAddonPage } from './support/firefox';


/** The build's add-on id (wxt.config.ts, IDESLUSS_GECKO_ID unset). */
const ADDON_ID = 'idesluss@idesluss.example';
/** Firefox gives an add-on's pages a random host per profile; the pref below pins it, so the test can open them. */
const HOST = randomUUID();
/** Another add-on, with no host permission at all: what any add-on the user installed could do. */
const PROBE_ID = 'probe@idesluss.test';
const PROBE_HOST = randomUUID();

let intranet: TestIntranet;
let anna: TestLogin;
let browser: Browser;
/** The launch, kept so that `afterAll` closes a Firefox that came up after `beforeAll` timed out. */
let launching: Promise<Browser> | undefined;
let probeDir: string | undefined;

/** Writes the other add-on: a manifest without permissions and one empty page to run `fetch` in. */
function writeProbeAddon(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idesluss-probe-'));
  const manifest = { manifest_version: 2, name: 'Probe', version: '1.0', browser_specific_settings: { gecko: { id: PROBE_ID } } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'probe.html'), '<!doctype html><title>probe</title>');
  return dir;
}

beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
  launching = launchFirefox('sv-SE', { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: HOST, [PROBE_ID]: PROBE_HOST }) });
  browser = await launching;
  await browser.installExtension(resolve('.output/firefox-mv2'));
  probeDir = writeProbeAddon();
  await browser.installExtension(probeDir);
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
  await (await launching?.catch(() => undefined))?.close();
  await intranet?.close();
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
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

  // The API allows any extension origin by default (docs/adr/005-intranet-cors.md); what keeps another add-on out of
  // the user's ideas is that the browser does not send it the SameSite=Lax session cookie. Idésluss's own add-on, which
  // holds the intranet's host permission, is the control.
  it('sends the session cookie to Idésluss, which has the host permission, and not to another add-on', async () => {
    const statusFrom = async (host: string, path: string) => {
      const page = await openAddonPage(browser, `moz-extension://${host}/${path}`);
      try {
        return await page.evaluate(async (url) => {
          const response = await fetch(url, { credentials: 'include', headers: { 'X-Idesluss-Client': 'probe/1' } });
          return response.status;
        }, `${intranet.apiBase}/me`);
      } finally {
        await page.close();
      }
    };
    expect(await statusFrom(HOST, 'options.html')).toBe(200);
    expect(await statusFrom(PROBE_HOST, 'probe.html')).toBe(401);
  });

  // As in Chromium (extension-popup, extension-options): axe-core on the add-on's pages, here with Firefox's styles.
  it.each(['popup.html', 'options.html'])('axe-core finds no violations on %s', async (path) => {
    const page = await openAddonPage(browser, `moz-extension://${HOST}/${path}`);
    await page.waitForSelector(path === 'popup.html' ? '#app #title' : 'main input, #app input');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
