/// <reference types="chrome" />
/**
 * "Never lose a keystroke": the popup is closed 10 ms after the last keystroke, twenty times with
 * different text, and every character is there when it opens again (DESIGN section 5). Keys typed
 * before the popup's bundle has loaded land in the draft too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, openPopup, type ExtensionBrowser } from './support/extension';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

it('keeps every character when the popup closes 10 ms after the last keystroke, 20 times', async () => {
  let expected: { title: string; description: string } | undefined;
  for (let round = 0; round < 20; round++) {
    const popup = await openPopup(browser);
    if (expected) {
      expect(await popup.inputValue('#title'), `title after round ${round - 1}`).toBe(expected.title);
      expect(await popup.inputValue('#description'), `description after round ${round - 1}`).toBe(expected.description);
    }
    const next = {
      title: `Runda ${round}: åäö ${'xyz'.slice(round % 3)} ${Math.random().toString(36).slice(2, 8)}`,
      description: `Beskrivning ${round}\nrad två – ${'🙂'.repeat(round % 4)} ${Math.random().toString(36).slice(2)}`,
    };
    await popup.fill('#description', '');
    await popup.locator('#description').pressSequentially(next.description);
    await popup.focus('#title');
    await popup.keyboard.press('ControlOrMeta+A');
    await popup.keyboard.press('Backspace');
    await popup.keyboard.type(next.title);
    await popup.waitForTimeout(10);
    await popup.close();
    expected = next;
  }
  const last = await openPopup(browser);
  expect(await last.inputValue('#title')).toBe(expected!.title);
  expect(await last.inputValue('#description')).toBe(expected!.description);
  // One draft, not twenty: every round edited the same one.
  expect(await last.locator('li[data-state=draft]').count()).toBe(1);
});

/**
 * Opens the popup on a CPU slowed 20× (CDP), so that its bundle takes long enough to load for keys
 * to be typed into popup.html's static title field first; types `text` there.
 */
async function typeBeforeTheApp(text: string): Promise<Page> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`, { waitUntil: 'commit' });
  await page.locator('#early #title:focus').waitFor({ timeout: 15_000 });
  await page.keyboard.type(text);
  expect(await page.locator('#app #title').count(), 'the app was still loading while the keys were typed').toBe(0);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.locator('#app #title:focus').waitFor({ timeout: 15_000 });
  await cdp.detach();
  return page;
}

it('keeps keys typed before the popup has loaded: into the open draft without a title, else into a new draft', async () => {
  const first = await typeBeforeTheApp('Tidig');
  expect(await first.locator('#early').count()).toBe(0);
  // The caret stayed at the end: the next key continues the word.
  await first.keyboard.type(' idé');
  expect(await first.inputValue('#app #title')).toBe('Tidig idé');
  await first.locator('[data-save-status=saved]').waitFor();
  await first.close();

  // The draft being written has a title: early keys start a new draft, the old one stays listed.
  const second = await typeBeforeTheApp('Ny');
  expect(await second.inputValue('#app #title')).toBe('Ny');
  await second.locator('[data-save-status=saved]').waitFor();
  await second.locator('li[data-state=draft] .title', { hasText: 'Tidig idé' }).waitFor();
  await second.close();
});

it('waits for an IME composition in the early field to end before the form takes it over', async () => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`, { waitUntil: 'commit' });
  await page.locator('#early #title:focus').waitFor({ timeout: 15_000 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  // A Japanese IME: kana typed, not yet converted, while the popup finishes loading.
  await cdp.send('Input.imeSetComposition', { text: 'にほん', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.waitForTimeout(1500);
  expect(await page.locator('#early #title').count(), 'the form took the field over mid-composition').toBe(1);
  await cdp.send('Input.insertText', { text: '日本' }); // the user picks the conversion
  await page.locator('#app #title:focus').waitFor({ timeout: 15_000 });
  expect(await page.inputValue('#app #title')).toBe('日本');
  await page.locator('[data-save-status=saved]').waitFor();
  await cdp.detach();
  await page.close();
});

it('without IndexedDB, says so and keeps what was typed in the early field, to be copied', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(globalThis, 'indexedDB', { get: () => undefined });
  });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.locator('[role=alert]').waitFor();
  // Our own sentence for the storage error's code, once, in Swedish: no raw error text, no sentence inside another.
  expect(await page.locator('[role=alert]').textContent()).toBe(
    'Utkast kan inte sparas här. Det händer till exempel i ett privat fönster. Kopiera texten och spara den någon annanstans, så att du inte förlorar den.',
  );
  await page.locator('#early #title').pressSequentially('Rädda mig');
  expect(await page.inputValue('#early #title')).toBe('Rädda mig');
  expect(await page.locator('main').count()).toBe(1);
  await page.close();

  // The next popup that can start puts that text into a draft, once.
  const next = await openPopup(browser);
  expect(await next.inputValue('#app #title')).toBe('Rädda mig');
  await next.locator('[data-save-status=saved]').waitFor();
  await next.close();
  const after = await openPopup(browser);
  await after.locator('li[data-state=draft] .title', { hasText: 'Rädda mig' }).waitFor();
  expect(await after.locator('li[data-state=draft] .title', { hasText: 'Rädda mig' }).count()).toBe(1);
  await after.close();
});

it('keeps keys typed into the early field of a popup closed before its form took over', async () => {
  const page = await browser.context.newPage();
  // The popup's start never gets past reading the settings: it is closed before its hand-over,
  // however fast the machine (a popup closed within the ~50 ms its bundle needs).
  await page.addInitScript(() => {
    Object.defineProperty(chrome.storage.local, 'get', { value: () => new Promise(() => undefined), configurable: true });
  });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.locator('#early #title:focus').waitFor({ timeout: 15_000 });
  await page.keyboard.type('Stängd för tidigt');
  const journalled = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('idesluss:early:')).length);
  expect(await page.locator('#app #title').count(), 'the app was still loading when the popup closed').toBe(0);
  expect(journalled).toBe(1);
  await page.close();

  const next = await openPopup(browser);
  expect(await next.inputValue('#app #title')).toBe('Stängd för tidigt');
  await next.locator('[data-save-status=saved]').waitFor();
  expect(await next.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('idesluss:early:')).length)).toBe(0);
  await next.close();
});
