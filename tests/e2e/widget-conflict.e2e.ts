/**
 * A 409 and the other refusals in the widget, in real Chromium against the real intranet (DESIGN
 * section 4): the first send lands but its answer is lost, the user's version then meets the
 * intranet's under the same id. The widget shows the intranet's version beside ours and offers both
 * ways out. A server error and a refusal without field errors say why, worded as in the popup.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API, PAGES, inboxRows, ready, said, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Submits `title`; its first PUT reaches the intranet as `theirs`, and the answer is lost. */
async function submitIntoConflict(page: Page, title: string, theirs: string): Promise<void> {
  let first = true;
  await page.route(`${world.url}${API}/ideas/*`, async (route) => {
    if (route.request().method() !== 'PUT' || !first) return route.fallback();
    first = false;
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.fetch({ postData: JSON.stringify({ ...body, title: theirs }) });
    await route.abort('connectionreset');
  });
  const w = widget(page);
  await w.getByLabel('Rubrik').fill(title);
  await w.getByRole('button', { name: 'Skicka idén' }).click();
}

it('shows the intranet’s version beside ours; "send my version as a new idea" sends it, each version once', async () => {
  const page = await world.context.newPage();
  await page.addInitScript(() => {
    const log: string[] = ((window as unknown as { __events: string[] }).__events = []);
    for (const type of ['idesluss-submitted', 'idesluss-sent']) document.addEventListener(type, (e) => log.push(`${type} ${(e as CustomEvent<{ id: string }>).detail.id}`));
  });
  await page.goto(world.url + PAGES.challenge);
  const w = widget(page);
  await ready(w);
  await submitIntoConflict(page, 'Andra versionen', 'Första versionen');

  const item = w.locator('[part="drafts"] li.needs-attention');
  await item.locator('q').getByText('Första versionen', { exact: true }).waitFor({ timeout: 30_000 });
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await item.getByRole('button', { name: 'Skicka min version som en ny idé: Andra versionen' }).click();
  await w.locator('[part="drafts"] li.sent .title').getByText('Andra versionen', { exact: true }).waitFor({ timeout: 30_000 });
  await w.locator('[part="drafts"] li.sent .title').getByText('Första versionen', { exact: true }).waitFor();
  const rows = await inboxRows(world.intranet);
  expect(rows.filter((r) => r.title === 'Första versionen')).toHaveLength(1);
  expect(rows.filter((r) => r.title === 'Andra versionen')).toHaveLength(1);
  // The new idea is told to the page as a submit is: queued, then sent.
  const mine = rows.find((r) => r.title === 'Andra versionen')!.id;
  const events = await page.evaluate(() => (window as unknown as { __events: string[] }).__events);
  expect(events.filter((e) => e.endsWith(` ${mine}`))).toEqual([`idesluss-submitted ${mine}`, `idesluss-sent ${mine}`]);
  await page.close();
});

it('"keep the intranet’s version" makes ours that sent idea, and sends nothing more', async () => {
  const page = await world.context.newPage();
  await page.goto(world.url + PAGES.challenge);
  const w = widget(page);
  await ready(w);
  await submitIntoConflict(page, 'Min nya rubrik', 'Min gamla rubrik');

  const item = w.locator('[part="drafts"] li.needs-attention');
  await item.locator('q').getByText('Min gamla rubrik', { exact: true }).waitFor({ timeout: 30_000 });
  await item.getByRole('button', { name: 'Behåll intranätets version: Min nya rubrik' }).click();
  await w.locator('[part="drafts"] li.sent .title').getByText('Min gamla rubrik', { exact: true }).waitFor();
  expect(await w.locator('[part="drafts"] li.needs-attention').count()).toBe(0);
  const rows = await inboxRows(world.intranet);
  expect(rows.filter((r) => r.title === 'Min gamla rubrik')).toHaveLength(1);
  expect(rows.filter((r) => r.title === 'Min nya rubrik')).toHaveLength(0);
  await page.close();
});

it('says why the intranet has not taken an idea: a server error while it waits, a refusal without field errors', async () => {
  const page = await world.context.newPage();
  await page.goto(world.url + PAGES.challenge);
  const w = widget(page);
  await ready(w);
  let answer: 503 | 413 | undefined = 503;
  await page.route(`${world.url}${API}/ideas/*`, (route) => {
    if (route.request().method() !== 'PUT' || !answer) return route.fallback();
    // An hour's Retry-After: no automatic retry can turn the idea into a refused one before "Skicka nu" is pressed.
    return route.fulfill({ status: answer, contentType: 'application/problem+json', headers: { 'Retry-After': '3600' }, body: JSON.stringify({ title: '<b>Server says</b>', status: answer }) });
  });
  await w.getByLabel('Rubrik').fill('Idé som väntar');
  await w.getByRole('button', { name: 'Skicka idén' }).click();
  const queued = w.locator('[part="drafts"] li.queued');
  await queued.getByText('Intranätet kunde inte ta emot idén just nu (felkod 503). Idén ligger kvar här och skickas automatiskt.', { exact: true }).waitFor({ timeout: 20_000 });

  answer = 413;
  await w.getByRole('button', { name: 'Skicka nu' }).click();
  const refused = w.locator('[part="drafts"] li.needs-attention');
  const tooLarge = 'Idén är för stor för intranätet. Korta texten och skicka igen.';
  await refused.getByText(tooLarge, { exact: true }).waitFor({ timeout: 20_000 });
  await expect.poll(() => said(w)).toBe(`Behöver ändras: Idé som väntar. ${tooLarge}`);
  expect(await w.evaluate((el) => el.shadowRoot!.textContent)).not.toContain('Server says'); // our words, not the intranet's
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

  answer = undefined;
  await refused.getByRole('button', { name: 'Fortsätt skriva: Idé som väntar' }).click();
  await expect.poll(() => w.getByLabel('Rubrik').inputValue()).toBe('Idé som väntar'); // opened in the form
  await w.getByRole('button', { name: 'Skicka idén' }).click();
  await w.locator('[part="drafts"] li.sent .title').getByText('Idé som väntar', { exact: true }).waitFor({ timeout: 20_000 });
  expect((await inboxRows(world.intranet)).filter((r) => r.title === 'Idé som väntar')).toHaveLength(1);
  await page.close();
});
