/**
 * Two tabs of the same intranet page on one draft, in real Chromium against the real intranet: each
 * tab follows what the other typed, a submit in one starts a new draft in the other, and text typed
 * there meanwhile is kept in a draft of its own (DESIGN section 12: nothing typed is lost).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAGES, inboxRows, ready, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

it('two tabs on one draft follow each other, and a submit in one leaves the other a new draft', async () => {
  const tabA = await world.context.newPage();
  await tabA.goto(world.url + PAGES.challenge);
  const a = widget(tabA);
  await ready(a);
  await a.getByLabel('Rubrik').fill('Gemensam titel');
  await a.locator('#description').fill('Text från A.');
  await a.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();

  const tabB = await world.context.newPage();
  await tabB.goto(world.url + PAGES.challenge);
  const b = widget(tabB);
  await ready(b);
  await expect.poll(() => b.locator('#description').inputValue()).toBe('Text från A.');
  await b.locator('#description').press('End');
  await b.locator('#description').pressSequentially(' Tillägg från B.');
  await expect.poll(() => a.locator('#description').inputValue(), { timeout: 10_000 }).toBe('Text från A. Tillägg från B.');
  await a.locator('#description').press('End');
  await a.locator('#description').pressSequentially(' Mer från A.');
  await expect.poll(() => b.locator('#description').inputValue(), { timeout: 10_000 }).toBe('Text från A. Tillägg från B. Mer från A.');

  await tabA.bringToFront(); // B was opened last: a background tab gets animation frames rarely, if at all
  await a.getByRole('button', { name: 'Skicka idén' }).click();
  // B goes on with a new, empty draft; the submitted idea is in its list.
  await expect.poll(() => b.getByLabel('Rubrik').inputValue(), { timeout: 10_000 }).toBe('');
  await b.locator('[part="drafts"] li .title').getByText('Gemensam titel', { exact: true }).waitFor({ timeout: 30_000 });
  await b.getByLabel('Rubrik').fill('Ny idé i flik B');
  await b.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
  await tabB.reload();
  await ready(b);
  expect(await b.getByLabel('Rubrik').inputValue()).toBe('Ny idé i flik B');

  await a.locator('[part="drafts"] li.sent .title').getByText('Gemensam titel', { exact: true }).waitFor({ timeout: 30_000 });
  const rows = (await inboxRows(world.intranet)).filter((r) => r.title === 'Gemensam titel');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.description).toBe('Text från A. Tillägg från B. Mer från A.');
});
