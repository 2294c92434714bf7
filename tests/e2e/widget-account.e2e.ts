/**
 * Queued ideas and a change of account (docs/adr/016-sending-as-another-account.md), in real
 * Chromium against the real intranet: Anna's idea, queued while the network was cut, is not stored
 * as Bertil's when he signs in on the same computer; the widget names both and waits, until the
 * user sends it as Bertil (or Anna signs in again).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, focused, inboxRows, ready, said, signIn, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWorld({ user: 'anna' });
});
afterAll(async () => {
  await world?.close();
});

describe('another account signed in', () => {
  it("holds Anna's queued idea while Bertil is signed in, says so, and sends it as Bertil only when asked", async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    // Anna sends one idea: this browser's ideas go as Anna.
    await w.getByLabel('Rubrik').fill('Annas första idé');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.sent .title').getByText('Annas första idé', { exact: true }).waitFor({ timeout: 20_000 });

    // Offline, she queues a second one and leaves; Bertil signs in on the same computer.
    await world.context.setOffline(true);
    await w.locator('[part="notice"]').getByText('Datorn är inte ansluten').waitFor();
    await w.getByLabel('Rubrik').fill('Annas andra idé');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.queued .title').getByText('Annas andra idé', { exact: true }).waitFor();
    await world.context.clearCookies();
    await signIn(world.context, world.url, 'bertil');
    await world.context.setOffline(false);

    const notice = w.locator('[part="notice"]').filter({ hasText: 'Du är inloggad som Bertil Berg' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('skickats som Anna Andersson');
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    let rows = await inboxRows(world.intranet);
    expect(rows.filter((r) => r.title === 'Annas andra idé')).toHaveLength(0);
    // A reload, or "send now", does not get past it.
    await page.reload();
    await ready(w);
    await notice.waitFor({ timeout: 20_000 });
    await w.getByRole('button', { name: 'Skicka nu', exact: true }).first().click();
    await notice.waitFor();
    rows = await inboxRows(world.intranet);
    expect(rows.filter((r) => r.title === 'Annas andra idé')).toHaveLength(0);

    // The waiting idea says what it waits for, not an old reason.
    const item = w.locator('[part="drafts"] li.queued').filter({ hasText: 'Annas andra idé' });
    // ("Skicka nu" above lifted the pause for one try, and the try paused again: poll for the settled text.)
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain('Väntar på att Anna Andersson loggar in.');
    expect(await item.textContent()).not.toContain('svarade inte');

    await notice.getByRole('button', { name: 'Skicka väntande idéer som Bertil Berg' }).focus();
    await page.keyboard.press('Enter');
    await w.locator('[part="drafts"] li.sent .title').getByText('Annas andra idé', { exact: true }).waitFor({ timeout: 20_000 });
    await notice.waitFor({ state: 'detached' });
    expect(await focused(page)).not.toBe('body'); // the button went with the prompt; focus did not fall to the page
    rows = await inboxRows(world.intranet);
    expect(rows.filter((r) => r.title === 'Annas andra idé').map((r) => r.author)).toEqual(['Bertil Berg']);
    expect(rows.filter((r) => r.title === 'Annas första idé').map((r) => r.author)).toEqual(['Anna Andersson']);
    await page.close();
  });

  it('beside a closed launcher: the prompt is announced, long names wrap, and focus returns to the launcher', async () => {
    // This browser's ideas went as Anna (the test above); Ivan, with a long name, signs in now.
    await world.context.clearCookies();
    await signIn(world.context, world.url, 'anna');
    const page = await world.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(world.url + PAGES.start);
    const w = widget(page);
    await w.locator('[part=launcher]').click();
    await ready(w);
    await world.context.setOffline(true);
    await w.getByLabel('Rubrik').fill('Annas idé på startsidan');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.queued .title').getByText('Annas idé på startsidan', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await world.context.clearCookies();
    await signIn(world.context, world.url, 'ivan');
    await world.context.setOffline(false);
    // The prompt beside the launcher (the dialog, closed, holds another).
    const notice = w.locator('[part="notice"]').filter({ hasText: 'Du är inloggad som Ivan Innovatör' }).first();
    await notice.waitFor({ timeout: 20_000 });
    await expect.poll(() => said(w)).toContain('Du är inloggad som Ivan Innovatör');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    await notice.getByRole('button', { name: 'Skicka väntande idéer som Ivan Innovatör' }).focus();
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await focused(page)).toBe('shadow:button[launcher]');
    await expect.poll(async () => (await inboxRows(world.intranet)).filter((r) => r.title === 'Annas idé på startsidan').map((r) => r.author), { timeout: 20_000 }).toEqual(['Ivan Innovatör']);
    await page.close();
  });
});
