/// <reference types="chrome" />
/**
 * Sync through the background worker against the real reference intranet:
 * intranet down → badge 1 and "next try" → intranet back → sent exactly once with no popup open;
 * session expired → sign-in prompt → after signing in everything is sent, nothing lost; a wrong
 * address (404) → the ideas wait and say why → the address corrected → sent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { actionTitle, badgeText, configureIntranet, launchExtension, openPopup, signIn, type ExtensionBrowser } from './support/extension';
import { inboxCsv, startIntranet, tokenFor, type TestIntranet } from './support/extension-intranet';
import { saveScreenshot } from './support/screenshots';
import { makeQueuedDue } from './support/idb';

let intranet: TestIntranet;
let browser: ExtensionBrowser;

beforeEach(async () => {
  intranet = await startIntranet();
  browser = await launchExtension();
  await configureIntranet(browser, intranet.url, 'sv');
  await signIn(browser.context, intranet.url);
});
afterEach(async () => {
  await browser?.close();
  await intranet?.close();
});

async function submitIdea(popup: Page, title: string): Promise<string> {
  await popup.fill('#title', title);
  await popup.click('button[type=submit]');
  const item = popup.locator('li', { hasText: title });
  await item.waitFor();
  return (await item.getAttribute('data-draft-id'))!;
}

async function remoteIds(): Promise<string[]> {
  const token = await tokenFor(intranet.url, 'anna');
  const response = await fetch(`${intranet.url}/api/idesluss/v1/ideas?mine=true`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await response.json()) as Array<{ id: string }>).map((i) => i.id);
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

it('queues while the intranet is down, shows the badge and the next try, and sends exactly once when it is back', async () => {
  await intranet.stop();
  const popup = await openPopup(browser);
  await popup.setViewportSize({ width: 360, height: 700 });
  const id = await submitIdea(popup, 'Cykelparkering vid stadshuset');
  const item = popup.locator(`li[data-draft-id="${id}"]`);
  await popup.locator(`li[data-draft-id="${id}"][data-state=queued]`).waitFor({ timeout: 30_000 });
  await expect.poll(() => badgeText(browser), { timeout: 30_000 }).toBe('1');
  // The count in the tooltip too, which a screen reader on the toolbar announces (the badge it does not).
  await expect.poll(() => actionTitle(browser)).toBe('Skriv en idé (Idésluss) – 1 idé väntar på att skickas eller behöver ändras');
  await expect.poll(() => item.locator('[data-next-try]').textContent(), { timeout: 30_000 }).toMatch(/Nästa försök (om|nu)/);
  await saveScreenshot(popup, 'docs/screenshots/popup-queued.png', [popup.locator('[data-save-status]'), popup.locator('[data-next-try]')]);
  await popup.close();

  await intranet.restart();
  // After three failed tries an outage's first retry is spread over 15 minutes (docs/adr/004); on a
  // busy machine the tries above can reach that stage. That wait is the design, not under test here:
  // it is taken as passed, as a clock would, by making the idea due in the worker's own store.
  await makeQueuedDue(await browser.worker(), [id]);
  // No popup is open: the worker's own timer or its alarm (every 30 s) sends it.
  await expect.poll(remoteIds, { timeout: 100_000, interval: 1000 }).toContain(id);
  await expect.poll(() => badgeText(browser), { timeout: 30_000 }).toBe('');
  await expect.poll(() => actionTitle(browser)).toBe('Skriv en idé (Idésluss)');
  expect(occurrences(await inboxCsv(intranet.url), id)).toBe(1);
  const reopened = await openPopup(browser);
  await reopened.locator(`li[data-draft-id="${id}"][data-state=sent]`).waitFor();
});

it('at a wrong address keeps the ideas waiting and says why; once the address is right, sends them', async () => {
  // Another web server on the intranet's host, as a mistyped port would reach: 404 for everything.
  const other = createServer((_request, response) => response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await configureIntranet(browser, `http://127.0.0.1:${(other.address() as AddressInfo).port}`);
    const popup = await openPopup(browser);
    const id = await submitIdea(popup, 'Idé till fel adress');
    const item = popup.locator(`li[data-draft-id="${id}"][data-state=queued]`);
    await item.getByText('Idésluss finns inte på intranätets adress (felkod 404).', { exact: false }).waitFor({ timeout: 30_000 });
    await popup.close();

    await configureIntranet(browser, intranet.url);
    await expect.poll(remoteIds, { timeout: 30_000, interval: 500 }).toContain(id);
  } finally {
    other.close();
  }
});

it('pauses with a sign-in prompt when the session expires, and sends everything after signing in', async () => {
  intranet.advance(9 * 60 * 60 * 1000); // sessions last 8 hours
  const popup = await openPopup(browser);
  const first = await submitIdea(popup, 'Första idén efter lunch');
  await popup.locator('[data-banner=sign-in]').waitFor({ timeout: 30_000 });
  const second = await submitIdea(popup, 'Andra idén, skriven medan jag var utloggad');
  await expect.poll(() => badgeText(browser), { timeout: 30_000 }).toBe('2');
  expect(await remoteIds()).toEqual([]);

  const [login] = await Promise.all([browser.context.waitForEvent('page'), popup.click('[data-banner=sign-in] button')]);
  await login.waitForLoadState();
  expect(new URL(login.url()).pathname).toBe('/logga-in'); // the 401's signInUrl, not the guessed /login
  await login.fill('#username', 'anna');
  await login.fill('#password', 'demo');
  await Promise.all([login.waitForNavigation(), login.click('button[type=submit]')]);

  await expect.poll(async () => (await remoteIds()).sort(), { timeout: 60_000, interval: 1000 }).toEqual([first, second].sort());
  await popup.locator(`li[data-draft-id="${first}"][data-state=sent]`).waitFor({ timeout: 30_000 });
  await popup.locator(`li[data-draft-id="${second}"][data-state=sent]`).waitFor({ timeout: 30_000 });
  await expect.poll(() => popup.locator('[data-banner=sign-in]').count()).toBe(0);
  await expect.poll(() => badgeText(browser)).toBe('');
  const csv = await inboxCsv(intranet.url);
  expect(occurrences(csv, first)).toBe(1);
  expect(occurrences(csv, second)).toBe(1);
});

it("does not send Anna's waiting idea as Bertil when he signs in: it names both and sends as Bertil only when asked", async () => {
  // docs/adr/016-sending-as-another-account.md: a shared computer, one browser profile.
  const popup = await openPopup(browser);
  const first = await submitIdea(popup, 'Annas idé före lunch');
  await popup.locator(`li[data-draft-id="${first}"][data-state=sent]`).waitFor({ timeout: 30_000 });
  intranet.advance(9 * 60 * 60 * 1000); // Anna's session runs out
  const second = await submitIdea(popup, 'Annas idé efter lunch');
  await popup.locator('[data-banner=sign-in]').waitFor({ timeout: 30_000 });

  const [login] = await Promise.all([browser.context.waitForEvent('page'), popup.click('[data-banner=sign-in] button')]);
  await login.waitForLoadState();
  await login.fill('#username', 'bertil');
  await login.fill('#password', 'demo');
  await Promise.all([login.waitForNavigation(), login.click('button[type=submit]')]);

  const banner = popup.locator('[data-banner=other-account]');
  await banner.waitFor({ timeout: 60_000 });
  expect(await banner.locator('p').textContent()).toBe(
    'Du är inloggad som Bertil Berg, men idéer från den här datorn har skickats som Anna Andersson. Väntande idéer skickas när Anna Andersson loggar in igen. Du kan också skicka dem i ditt namn – även de som Anna Andersson skrev.',
  );
  await popup.waitForTimeout(1000);
  expect(occurrences(await inboxCsv(intranet.url), second)).toBe(0);

  expect(await popup.locator(`li[data-draft-id="${second}"]`).textContent()).toContain('Väntar på att Anna Andersson loggar in.');
  await banner.getByRole('button', { name: 'Skicka väntande idéer som Bertil Berg' }).focus();
  await popup.keyboard.press('Enter');
  await popup.locator(`li[data-draft-id="${second}"][data-state=sent]`).waitFor({ timeout: 30_000 });
  await expect.poll(() => banner.count()).toBe(0);
  expect(await popup.evaluate(() => document.activeElement?.id)).toBe('title'); // not lost to <body>
  const csv = await inboxCsv(intranet.url);
  expect(csv.split('\n').find((line) => line.includes(second))).toContain('Bertil Berg');
  expect(csv.split('\n').find((line) => line.includes(first))).toContain('Anna Andersson');
});

it('a 409: shows the intranet’s version and sends this one as a new idea, each once', async () => {
  intranet.advance(9 * 60 * 60 * 1000); // signed out: the idea waits in the queue
  const popup = await openPopup(browser);
  const id = await submitIdea(popup, 'Min andra version');
  await popup.locator('[data-banner=sign-in]').waitFor({ timeout: 30_000 });
  // Meanwhile the intranet got a different version under the same id (a first send whose answer was lost).
  const token = await tokenFor(intranet.url, 'anna');
  const put = await fetch(`${intranet.url}/api/idesluss/v1/ideas/${id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'e2e/1.0' },
    body: JSON.stringify({ title: 'Min första version', description: '', kind: 'idea', anonymous: false, lang: 'sv' }),
  });
  expect(put.status).toBe(201);

  const [login] = await Promise.all([browser.context.waitForEvent('page'), popup.click('[data-banner=sign-in] button')]);
  await login.waitForLoadState();
  await login.fill('#username', 'anna');
  await login.fill('#password', 'demo');
  await Promise.all([login.waitForNavigation(), login.click('button[type=submit]')]);

  const item = popup.locator(`li[data-draft-id="${id}"][data-state=needs-attention]`);
  await item.waitFor({ timeout: 60_000 });
  await expect.poll(() => item.locator('q').textContent(), { timeout: 30_000 }).toBe('Min första version');
  // The conflict's buttons are targets of at least 24 px, or far enough apart (WCAG 2.5.8), at the popup's width.
  await popup.setViewportSize({ width: 360, height: 760 });
  const axe = await new AxeBuilder({ page: popup }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await popup.bringToFront(); // the sign-in tab is in front: a background tab gets animation frames rarely, if at all
  await item.getByRole('button', { name: 'Skicka min version som en ny idé' }).click();
  await popup.locator(`li[data-draft-id="${id}"][data-state=sent]`).waitFor({ timeout: 30_000 });
  const mine = popup.locator('li[data-state=sent]', { hasText: 'Min andra version' });
  await mine.waitFor({ timeout: 60_000 });
  const newId = (await mine.getAttribute('data-draft-id'))!;
  expect(newId).not.toBe(id);
  const csv = await inboxCsv(intranet.url);
  expect(occurrences(csv, id)).toBe(1);
  expect(occurrences(csv, newId)).toBe(1);
  expect(occurrences(csv, 'Min första version')).toBe(1);
  expect(occurrences(csv, 'Min andra version')).toBe(1);
});
