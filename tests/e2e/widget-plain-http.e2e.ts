/**
 * A plain-http intranet host (not localhost): no secure context, so no `crypto.randomUUID`, no Web
 * Locks. Chromium resolves `intranet.test` to the test intranet on 127.0.0.1, as an internal host
 * name would. The widget must still save, queue and send every idea exactly once, from two tabs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';
import { CHROMIUM_ARGS, pageChromiumPath } from './support/chromium';
import { CHALLENGE_ID, PAGES, countPuts, inboxRows, ready, widget } from './support/widget';

let intranet: TestIntranet;
let context: BrowserContext;
let profile: string;
let base: string;

beforeAll(async () => {
  intranet = await startTestIntranet({ allowedHosts: 'intranet.test' });
  base = `http://intranet.test:${intranet.port}`;
  profile = mkdtempSync(join(tmpdir(), 'idesluss-plain-http-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: pageChromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP intranet.test 127.0.0.1'],
    locale: 'sv-SE',
  });
  // Sign in through the intranet's own page, on the plain-http host.
  const page = await context.newPage();
  await page.goto(`${base}/login?return=/`);
  await page.getByLabel('Användarnamn').fill('anna');
  await page.getByLabel('Lösenord').fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${base}/`);
  await page.close();
});
afterAll(async () => {
  await context?.close();
  await intranet?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('plain http on an internal host name', () => {
  it('has no secure-context APIs, and still keeps, queues and sends each idea once from two tabs', async () => {
    const puts = countPuts(context);
    const tabs = [await context.newPage(), await context.newPage()];
    // Both widgets start before anyone types: one that starts later opens the other tab's draft, by design.
    for (const tab of tabs) {
      await tab.goto(base + PAGES.challenge);
      await ready(widget(tab));
    }
    expect(await tabs[0]!.evaluate(() => [isSecureContext, typeof crypto.randomUUID, typeof navigator.locks])).toEqual([false, 'undefined', 'undefined']);

    for (const [i, tab] of tabs.entries()) {
      const w = widget(tab);
      await w.getByLabel('Rubrik').fill(`Osäker värd ${i}`);
      await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    }
    await tabs[0]!.reload();
    await ready(widget(tabs[0]!));
    expect(await widget(tabs[0]!).getByLabel('Rubrik').inputValue()).toBe('Osäker värd 0');

    await Promise.all(tabs.map((tab) => widget(tab).getByRole('button', { name: 'Skicka idén' }).click()));
    for (const tab of tabs) {
      for (const i of [0, 1]) {
        await widget(tab).locator('[part="drafts"] li.sent .title').getByText(`Osäker värd ${i}`, { exact: true }).waitFor({ timeout: 30_000 });
      }
    }
    const rows = (await inboxRows(intranet)).filter((r) => r.title!.startsWith('Osäker värd'));
    expect(rows.map((r) => r.title).sort()).toEqual(['Osäker värd 0', 'Osäker värd 1']);
    for (const row of rows) {
      expect(row.challengeId).toBe(CHALLENGE_ID);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(puts.get(row.id!)).toBe(1);
    }
  });

  it('without IndexedDB either, says it cannot save, and "Kopiera texten" copies the title and the description', async () => {
    const page = await context.newPage();
    // As when a policy blocks site data: opening a database throws.
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'UnknownError');
      };
    });
    await page.goto(base + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    await w.getByLabel('Rubrik').fill('Min viktiga rubrik');
    await w.locator('#description').fill('Och en beskrivning.');
    const failed = 'Det gick inte att spara på den här datorn. Kopiera texten och spara den någon annanstans, så att du inte förlorar den.';
    await expect.poll(() => w.locator('[role="status"] > p').allTextContents()).toContain(failed); // said, not only shown
    await w.getByRole('button', { name: 'Kopiera texten' }).click();
    await expect.poll(() => w.locator('[role="status"] > p').allTextContents()).toContain('Texten är kopierad.');
    // What the clipboard holds, pasted into a field of the page.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste' })));
    await page.locator('#paste').focus();
    await page.keyboard.press('Control+V');
    expect(await page.locator('#paste').inputValue()).toBe('Min viktiga rubrik\n\nOch en beskrivning.');
    await page.close();
  });
});
