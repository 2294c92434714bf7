/**
 * A 409 in the widget, in real Chromium against the real intranet (DESIGN section 4): the first
 * send lands but its answer is lost, the user's version then meets the intranet's under the same
 * id. The widget shows the intranet's version beside ours and offers both ways out.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API, PAGES, inboxRows, ready, startWorld, widget, type WidgetWorld } from './support/widget';

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
