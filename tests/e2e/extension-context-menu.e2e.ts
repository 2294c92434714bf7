/// <reference types="chrome" />
/**
 * The context-menu entry "Skapa idé av markerad text". Headless Chromium cannot click a native
 * context menu, so the test calls the worker's own click handler — the very function registered on
 * `contextMenus.onClicked` — through the `ideslussTestHooks` seam (docs/adr/006-extension.md), with
 * the arguments Chrome would pass. What it checks is real: the draft in IndexedDB, the form opening
 * on it with the quote and the page attached.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/extension';
import { selectText, serveHostilePage } from './support/extension-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

it('creates a draft holding the quote and the page, and the form opens on it', async () => {
  const site = await serveHostilePage();
  try {
    const page = await browser.context.newPage();
    await page.goto(site.url);
    const quote = (await selectText(page, '#quote')).trim();
    const tabId = await tabIdOf(browser, site.url);
    const worker = await browser.worker();
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    // The worker's onClicked listener itself, with what Chrome passes: `info` and `tab`.
    type Hook = { contextMenuClick(info: unknown, tab: unknown): Promise<{ id: string; openedIn: 'popup' | 'tab' } | undefined> };
    const click = (info: Record<string, unknown>, tab: Record<string, unknown>) =>
      worker.evaluate(
        ([i, t]) => (globalThis as unknown as { ideslussTestHooks: Hook }).ideslussTestHooks.contextMenuClick(i, t),
        [info, tab] as const,
      );
    const tab = { id: tabId, title: await page.title(), url: site.url, active: true };
    expect(await click({ menuItemId: 'another-entry', selectionText: quote, pageUrl: site.url, editable: false }, tab)).toBeUndefined();
    const { id, openedIn } = (await click({ menuItemId: 'idesluss-create-from-selection', selectionText: quote, pageUrl: site.url, frameUrl: site.url, editable: false }, tab))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Where `action.openPopup` works the real popup opens (Playwright cannot see it: we open the
    // popup page ourselves, which resumes the same draft); else the fallback tab shows the form.
    const form = openedIn === 'tab' ? await opened : await openPopup(browser);
    if (openedIn === 'popup') void opened.catch(() => undefined);
    await form.locator('#app #title:focus').waitFor({ timeout: 15_000 });
    expect(form.url()).toContain('popup.html');
    expect(await form.locator('[data-context=quote] .value').textContent()).toBe(quote);
    expect(await form.locator('[data-context=url] .value').textContent()).toBe(site.url);
    await form.locator(`li[data-draft-id="${id}"][data-state=draft]`).waitFor();
    // The user completes it with a title; it stays that one draft.
    await form.keyboard.type('Idé från snabbmenyn');
    await form.locator('[data-save-status=saved]').waitFor();
    expect(await form.locator('li[data-state=draft]').count()).toBe(1);
  } finally {
    await site.close();
  }
});
