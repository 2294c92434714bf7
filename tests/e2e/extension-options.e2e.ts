/// <reference types="chrome" />
/**
 * The options page in real Chromium: saves a good address, refuses hostile ones with a clear
 * message (nothing typed is lost), passes axe in Swedish and English, and shows IT's managed values
 * locked — with a real Chromium policy file — while a hostile policy value is refused.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/chromium';
import { launchExtension, openPopup, type ExtensionBrowser } from './support/extension';
import { startIntranet } from './support/extension-intranet';

const POLICY_DIR = '/etc/chromium/policies/managed';

async function axeViolations(page: import('playwright-core').Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('options page', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => browser?.close());

  const open = async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.locator('#intranet-url').waitFor();
    return page;
  };

  it.each(['sv', 'en'] as const)('has no axe violations in %s', async (lang) => {
    const page = await open();
    await page.evaluate((l) => chrome.storage.local.set({ language: l }), lang);
    await page.locator(`html[lang=${lang}]`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // With an error shown, too.
    await page.fill('#intranet-url', 'javascript:alert(1)');
    await page.click('button[type=submit]');
    await page.locator('#intranet-url-error').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['javascript:alert(document.cookie)', /https:\/\//],
    ['http://intranet.example.com', /^Fel: Adressen måste börja med https:\/\/\. .*en testserver på den här datorn\./],
    ['not a url', /https:\/\//],
    ['https://user:secret@intranet.example.com', /(lösenord|password)/],
    ['https://another-intranet.example.com', /127\.0\.0\.1/],
  ])('refuses %j with a clear message, keeps the text, stores nothing', async (value, message) => {
    const page = await open();
    await page.evaluate(() => chrome.storage.local.set({ language: 'sv', intranetUrl: 'https://saved.example' }));
    await page.reload();
    await page.fill('#intranet-url', value);
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#intranet-url-error').textContent()).toMatch(message);
    expect(await page.inputValue('#intranet-url')).toBe(value);
    expect(await page.locator('#intranet-url').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => chrome.storage.local.get('intranetUrl'))).toEqual({ intranetUrl: 'https://saved.example' });
    await page.close();
  });

  it('saves a valid address normalised, and the language', async () => {
    const page = await open();
    await page.fill('#intranet-url', ' http://127.0.0.1:9999/ ');
    await page.selectOption('#language', 'en');
    await page.click('button[type=submit]');
    await expect.poll(() => page.evaluate(() => chrome.storage.local.get(['intranetUrl', 'language']))).toEqual({ intranetUrl: 'http://127.0.0.1:9999', language: 'en' });
    await page.locator('html[lang=en]').waitFor();
    // Said in the language just saved, not the one the page had when the button was pressed.
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('The settings are saved.');
    // The next popup's static field, shown before its bundle runs (public/popup-early.js reads this
    // origin's copy), is labelled in English too.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('idesluss:popup-early') ?? '{}'))).toMatchObject({ lang: 'en', title: 'Title' });
    // Nothing listens on that port: said now, not weeks later as "the intranet did not answer".
    await expect.poll(() => page.locator('#address-check').textContent(), { timeout: 15_000 }).toMatch(/^No response from this address\. Check the address \(including any port number\)/);
    await page.close();
  });

  it('checks a saved address against the real intranet: signed out, then signed in by name', async () => {
    const intranet = await startIntranet();
    const page = await open();
    try {
      await page.evaluate(() => chrome.storage.local.set({ language: 'sv' }));
      await page.reload();
      await page.fill('#intranet-url', intranet.url);
      await page.click('button[type=submit]');
      await expect.poll(() => page.locator('#address-check').getAttribute('data-address-check')).toBe('signed-out');
      expect(await page.locator('#address-check').textContent()).toBe('Intranätet svarar på adressen. Logga in på intranätet så skickas dina idéer.');
      // The way on: the intranet's sign-in page (the one its 401 names), in a tab of its own.
      const [signInTab] = await Promise.all([browser.context.waitForEvent('page'), page.getByRole('link', { name: 'Logga in på intranätet' }).click()]);
      await signInTab.waitForLoadState();
      expect(new URL(signInTab.url()).pathname).toBe('/logga-in');
      await signInTab.fill('#username', 'anna');
      await signInTab.fill('#password', 'demo');
      await Promise.all([signInTab.waitForNavigation(), signInTab.click('button[type=submit]')]);
      await signInTab.close();
      await page.bringToFront(); // not left to the browser's choice of the next tab
      await page.click('button[type=submit]');
      await expect.poll(() => page.locator('#address-check').textContent()).toMatch(/^Intranätet svarar på adressen, och du är inloggad som Anna\b/);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await intranet.close();
    }
  });
});

describe('managed settings (Chromium policy)', () => {
  let browser: ExtensionBrowser | undefined;
  const policyFile = `${POLICY_DIR}/idesluss-e2e.json`;
  // The policy file is machine-wide. It names a copy of the extension without the manifest's `key`, whose id comes
  // from the copy's path: no other test's extension (the pinned id) reads it, so extension files may run side by side.
  const copy = mkdtempSync(join(tmpdir(), 'idesluss-managed-'));
  afterAll(async () => {
    rmSync(policyFile, { force: true });
    await browser?.close();
    rmSync(copy, { recursive: true, force: true });
  });
  const launchCopy = () => launchExtension({ extensionDir: copy });

  it('shows managed values locked and refuses a hostile one', async () => {
    cpSync(EXTENSION_DIR, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { key?: string };
    // The pinned id: the first 32 hex digits of the key's SHA-256, written with the letters a–p.
    const pinned = createHash('sha256').update(Buffer.from(manifest.key!, 'base64')).digest('hex').slice(0, 32).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 16)));
    delete manifest.key;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    // Learn the copy's id first, then write the policy and relaunch so Chromium reads it.
    const first = await launchCopy();
    const id = first.extensionId;
    await first.close();
    expect(id).not.toBe(pinned);
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: { intranetUrl: 'javascript:alert(1)', language: 'en' } } } }));
    browser = await launchCopy();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.locator('html[lang=en]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#language').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#language-locked').textContent()).toMatch(/organisation/);
    const alert = await page.locator('[role=alert]').first().textContent();
    expect(alert).toMatch(/Intranet address/);
    expect(alert).toMatch(/https:\/\//);
    // The hostile value is not in effect: the field is editable and holds the build default.
    expect(await page.locator('#intranet-url').getAttribute('readonly')).toBeNull();
    expect(await page.inputValue('#intranet-url')).toBe('http://127.0.0.1:8787');
    expect(await axeViolations(page)).toEqual([]);
    await browser.close();

    // A valid managed address: shown locked, and it is what the extension uses.
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: { intranetUrl: 'https://intranat.example.se/' } } } }));
    browser = await launchCopy();
    const locked = await browser.context.newPage();
    await locked.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => locked.inputValue('#intranet-url'), { timeout: 15_000 }).toBe('https://intranat.example.se');
    expect(await locked.locator('#intranet-url').getAttribute('readonly')).not.toBeNull();
    expect(await locked.locator('#intranet-url-locked').isVisible()).toBe(true);
    expect(await locked.locator('#language').isDisabled()).toBe(false);
    // This package holds only the test intranet's host permission: the policy's address is outside
    // it, so the page says that ideas wait and whom to ask, instead of "saved" and silence.
    const notice = locked.locator('[data-notice="access"]');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('kan bara skicka idéer till http://127.0.0.1, inte till https://intranat.example.se');
    expect(await axeViolations(locked)).toEqual([]);
    // The popup says the same, and does not ask the user to sign in, which could never help.
    const popup = await openPopup(browser);
    await popup.locator('[data-banner="no-access"]').getByText('Tillägget har inte tillgång till intranätets adress').waitFor();
    expect(await popup.locator('[data-banner="sign-in"]').count()).toBe(0);
    await popup.locator('[data-banner="no-access"]').getByRole('button', { name: 'Öppna inställningarna' }).waitFor();
    // An idea submitted now waits, and its item says for what: no "next try now", no "Skicka nu" that could not send.
    await popup.locator('#app #title').fill('Utan tillgång');
    await popup.locator('#app #title').press('Enter');
    const item = popup.locator('li[data-state="queued"]').filter({ hasText: 'Utan tillgång' });
    await expect.poll(() => item.locator('[data-next-try]').textContent()).toBe('Väntar på att tillägget får tillgång till intranätets adress (se inställningarna).');
    expect(await item.locator('[data-send-now]').count()).toBe(0);
    expect(await popup.locator('[data-banner="queued"]').count()).toBe(0); // not "it is sent anyway": the banner says why it waits
  });
});
