/**
 * The inbox's pager in real Chromium, with enough ideas for it (intranet-pages.e2e.ts keeps its inbox to one page for
 * the README's picture): axe finds nothing in either language, nothing scrolls sideways at 320 CSS px with all five
 * parts shown, and the keyboard reaches the last page.
 */
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sideways } from './support/reflow';
import { API, startWorld, type WidgetWorld } from './support/widget';

let world: WidgetWorld;
let page: Page;

beforeAll(async () => {
  world = await startWorld({ user: 'ivan' });
  for (let i = 0; i < 201; i++) {
    const r = await world.context.request.put(`${world.url}${API}/ideas/${randomUUID()}`, {
      headers: { 'X-Idesluss-Client': 'e2e/1' },
      data: { title: `Idé nummer ${i}`, description: '', kind: 'idea', anonymous: false, lang: 'sv' },
    });
    if (r.status() !== 201) throw new Error(`PUT idea: ${r.status()} ${await r.text()}`);
  }
  page = await world.context.newPage();
});
afterAll(async () => {
  await world?.close();
});

it.each(['sv', 'en'])('shows which page of how many, with the first and last a step away: axe, reflow at 320 px (%s)', async (lang) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`${world.url}/inkorg?sida=3&lang=${lang}`);
  const pager = page.getByRole('navigation', { name: lang === 'sv' ? 'Sidor' : 'Pages' });
  expect(await pager.getByRole('link').allTextContents()).toEqual(
    lang === 'sv' ? ['Första sidan', 'Föregående sida', 'Nästa sida', 'Sista sidan'] : ['First page', 'Previous page', 'Next page', 'Last page'],
  );
  expect(await pager.locator('[aria-current="page"]').textContent()).toBe(lang === 'sv' ? 'Sida 3 av 5' : 'Page 3 of 5');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(await sideways(page, 320)).toBe('');
});

it('reaches the last page by keyboard alone', async () => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`${world.url}/inkorg?lang=sv`);
  const last = page.getByRole('link', { name: 'Sista sidan' });
  const focused = () => last.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 200 && !(await focused()); i++) await page.keyboard.press('Tab');
  expect(await focused(), '"Sista sidan" reached by Tab').toBe(true);
  await Promise.all([page.waitForURL(/sida=5/), page.keyboard.press('Enter')]);
  expect(await page.getByText('Sida 5 av 5').count()).toBe(1);
  expect(await page.locator('tbody tr').count()).toBe(1);
});
