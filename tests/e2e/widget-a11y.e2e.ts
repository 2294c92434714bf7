/**
 * Accessibility of the widget in real Chromium (DESIGN section 11): axe-core finds no violation in
 * either mode or language, the whole flow works by keyboard alone, and the run saves the README's
 * screenshots of both modes (docs/screenshots/widget-*.png).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { focusedId, KEYBOARD_DESCRIPTION, submitInlineByKeyboard, tabTo } from './support/focus';
import { saveScreenshot } from './support/screenshots';
import { CHALLENGE_ID, MODES_AND_LANGS, myIdeas, openLauncher, PAGES, ready, servePage, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('axe-core', () => {
  it.each(MODES_AND_LANGS)('finds no violations in %s mode, %s', async (mode, lang) => {
    const challenge = mode === 'inline' ? ` challenge="${CHALLENGE_ID}"` : '';
    const url = await servePage(world.context, world.url, `/e2e/axe-${mode}-${lang}`, `<idesluss-widget mode="${mode}" lang="${lang}"${challenge}></idesluss-widget>`, lang);
    const page = await world.context.newPage();
    await page.goto(url);
    const w = widget(page);
    if (mode === 'launcher') {
      expect(await violations(page)).toEqual([]);
      await openLauncher(w);
    }
    await ready(w);
    const [titleLabel, submitLabel] = lang === 'sv' ? ['Rubrik', 'Skicka idén'] : ['Title', 'Send the idea'];
    expect(await w.getByLabel(titleLabel, { exact: true }).isVisible()).toBe(true);
    expect(await w.getByRole('button', { name: submitLabel }).isVisible()).toBe(true);
    await w.locator('#title').fill(lang === 'sv' ? 'Axe-idé' : 'Axe idea');
    await w.locator('#anonymous').check();
    await w.locator('form').evaluate((form) => (form as HTMLFormElement).requestSubmit()); // shows the drafts list
    await w.locator('[part="drafts"]').waitFor();
    await w.locator('#title').evaluate((el) => (el as HTMLInputElement).blur());
    await w.locator('form').evaluate((form) => (form as HTMLFormElement).requestSubmit()); // empty title: field error
    await w.locator('#title-error').waitFor();
    // Past the description's limit, the hint says by how much (in the field's description; its colour is axe-checked).
    await w.locator('#description').fill('x'.repeat(5_012));
    const described = await w.locator('#description').evaluate((el) =>
      el.getAttribute('aria-describedby')!.split(' ').map((id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent).join(' | '));
    expect(described).toBe(lang === 'sv' ? 'Högst 5\u00a0000 tecken. Du har 12 tecken för mycket.' : 'At most 5,000 characters. You have 12 characters too many.');
    expect(await violations(page)).toEqual([]);
    // An unwritten draft again, not listed in the README's screenshots: wait for its save, else a close within the
    // autosave's delay leaves the 5,012 x's stored (and the clear only in the unload journal of this test page).
    await w.evaluate((el) => el.addEventListener('idesluss-saved', () => el.setAttribute('data-test-saved', ''), { once: true }));
    await w.locator('#description').fill('');
    await w.and(page.locator('[data-test-saved]')).waitFor({ state: 'attached' });
    // The intranet's challenges are Swedish (its API says `lang: "sv"`): marked so in the English widget (WCAG 3.1.2).
    const option = w.locator(`#challenge option[value="${CHALLENGE_ID}"]`);
    await option.waitFor({ state: 'attached', timeout: 15_000 });
    const challengeLang = await option.getAttribute('lang');
    expect(challengeLang).toBe(lang === 'en' ? 'sv' : null);
    await page.close();
  });

  it.each(['sv', 'en'])('finds no violations with two inline widgets on one page, and one beside an open launcher dialog, %s', async (lang) => {
    const two = `<idesluss-widget challenge="${CHALLENGE_ID}" lang="${lang}"></idesluss-widget><idesluss-widget lang="${lang}"></idesluss-widget>`;
    const url = await servePage(world.context, world.url, `/e2e/axe-two-${lang}`, `${two}<idesluss-widget mode="launcher" lang="${lang}"></idesluss-widget>`, lang);
    const page = await world.context.newPage();
    await page.goto(url);
    const [first, second, launcher] = [widget(page, 0), widget(page, 1), widget(page, 2)];
    await ready(first);
    await ready(second);
    // Each shows the list of ideas too (one waits from this page), as a user who wrote one sees it.
    await second.locator('#title').fill(lang === 'sv' ? 'Två widgetar' : 'Two widgets');
    await second.locator('form').evaluate((form) => (form as HTMLFormElement).requestSubmit());
    await first.locator('[part="drafts"]').waitFor();
    expect(await violations(page)).toEqual([]);
    await openLauncher(launcher);
    await ready(launcher);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('finds no violations on the intranet pages that embed the widget', async () => {
    for (const path of [PAGES.start, PAGES.challenge]) {
      const page = await world.context.newPage();
      await page.goto(world.url + path);
      await ready(widget(page));
      expect(await violations(page), path).toEqual([]);
      await page.close();
    }
  });
});

describe('keyboard only', () => {
  it('writes and submits an idea inline with the keyboard alone', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    await ready(widget(page));
    await submitInlineByKeyboard(page, 'Tangentbordsidé', 'Space');
    await expect.poll(async () => (await myIdeas(world.context, world.url)).filter((i) => i.title === 'Tangentbordsidé'), { timeout: 20_000 }).toHaveLength(1);
    const [idea] = (await myIdeas(world.context, world.url)).filter((i) => i.title === 'Tangentbordsidé');
    expect(idea).toMatchObject({ kind: 'challenge', description: KEYBOARD_DESCRIPTION, challengeId: CHALLENGE_ID, anonymous: true });
    await page.close();
  });

  it('opens the launcher, writes and submits, and closes it with the keyboard alone', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.start);
    await tabTo(page, 'button#[launcher]');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('input#title[input]');
    await page.keyboard.type('Idé från startsidan');
    await tabTo(page, 'button#[submit]', 10);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await myIdeas(world.context, world.url)).filter((i) => i.title === 'Idé från startsidan'), { timeout: 20_000 }).toHaveLength(1);
    await page.keyboard.press('Escape');
    expect(await focusedId(page)).toBe('button#[launcher]');
    await page.close();
  });
});

describe('screenshots', () => {
  it('saves both modes for the README', async () => {
    const page = await world.context.newPage();
    await page.setViewportSize({ width: 900, height: 1100 });
    await page.goto(world.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    await w.locator('#title').fill('Digital blankett för tjänsteresor');
    await w.locator('#description').fill('Resorna registreras två gånger i dag: på papper och i ekonomisystemet.');
    await w.locator('[part~="status"]').getByText('Sparat').waitFor();
    await saveScreenshot(w, 'docs/screenshots/widget-inline.png', [w.locator('[part~="status"]')]);
    await page.goto(world.url + PAGES.article);
    const dialog = await openLauncher(widget(page));
    await ready(widget(page));
    await dialog.locator('#title').fill('Påminnelse innan avtal löper ut');
    await dialog.locator('[part~="status"]').getByText('Sparat').waitFor();
    await saveScreenshot(page, 'docs/screenshots/widget-launcher.png', [widget(page).locator('[part~="status"]')], false);
    await page.close();
  });
});
