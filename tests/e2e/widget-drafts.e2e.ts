/**
 * The widget's core promise in real Chromium against the real intranet: a draft survives a reload
 * in both modes, and a submitted idea appears exactly once in the innovation team's inbox, linked
 * to the page's challenge; the widget's DOM events tell the host page what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ageLastRefresh } from './support/idb';
import { CHALLENGE_ID, PAGES, countPuts, inboxRows, openLauncher, ready, servePage, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;
let puts: Map<string, number>;

beforeAll(async () => {
  world = await startWorld();
  puts = countPuts(world.context);
});
afterAll(async () => {
  await world?.close();
});

/** The form of the page's widget: inline directly, launcher after opening its dialog. */
async function form(page: Page, mode: 'inline' | 'launcher'): Promise<Locator> {
  const w = widget(page);
  if (mode === 'launcher') await openLauncher(w);
  await ready(w);
  return w;
}

/** Records the widget events the host page receives. */
async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { type: string; id: string }[] = ((window as unknown as { __events: unknown[] }).__events = []);
    for (const type of ['idesluss-saved', 'idesluss-submitted', 'idesluss-sent'] as const) {
      document.addEventListener(type, (e) => log.push({ type, id: e.detail.id }));
    }
  });
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: { type: string; id: string }[] }).__events);

describe.each([
  ['inline', PAGES.challenge, CHALLENGE_ID],
  ['launcher', PAGES.article, ''],
] as const)('%s mode', (mode, path, challengeId) => {
  const title = `Utkast i ${mode}-läge`;

  it('keeps the draft across a reload', async () => {
    const page = await world.context.newPage();
    await recordEvents(page);
    await page.goto(world.url + path);
    let w = await form(page, mode);
    await w.getByLabel('Rubrik').fill(title);
    await w.getByLabel('Beskrivning (frivilligt)').fill('Första raden.\nAndra raden.');
    await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await expect.poll(async () => (await events(page)).some((e) => e.type === 'idesluss-saved')).toBe(true);

    await page.reload();
    w = await form(page, mode);
    expect(await w.getByLabel('Rubrik').inputValue()).toBe(title);
    expect(await events(page)).toEqual([]); // restoring a draft is not a save
    expect(await w.getByLabel('Beskrivning (frivilligt)').inputValue()).toBe('Första raden.\nAndra raden.');
    if (challengeId) expect(await w.getByLabel('Utmaning som idén hör till (frivilligt)').inputValue()).toBe(challengeId);
    await page.close();
  });

  it('submits: the idea appears once in the inbox, linked to the page and its challenge', async () => {
    const page = await world.context.newPage();
    await recordEvents(page);
    await page.goto(world.url + path);
    const w = await form(page, mode);
    expect(await w.getByLabel('Rubrik').inputValue()).toBe(title); // the draft from the previous test
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 20_000 });
    expect(await w.getByLabel('Rubrik').inputValue()).toBe(''); // a fresh draft to write the next idea
    expect((await w.locator('[role="status"]').allTextContents()).join(' ')).toContain(`Skickad till intranätet: ${title}`);

    const rows = (await inboxRows(world.intranet)).filter((r) => r.title === title);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ challengeId, sourceUrl: world.url + path, description: 'Första raden.\nAndra raden.', author: 'Anna Andersson' });
    expect(puts.get(rows[0]!.id!)).toBe(1);
    const log = await events(page);
    expect(log.filter((e) => e.type === 'idesluss-submitted').map((e) => e.id)).toEqual([rows[0]!.id]);
    await expect.poll(async () => (await events(page)).filter((e) => e.type === 'idesluss-sent').map((e) => e.id)).toEqual([rows[0]!.id]);

    await page.reload();
    const again = await form(page, mode);
    expect(await again.getByLabel('Rubrik').inputValue()).toBe('');
    await again.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor();
    await page.close();
  });
});

describe('a status the innovation team sets', () => {
  it('shows in the widget at the next page load once the last refresh is five minutes old', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = await form(page, 'inline');
    const title = 'Status från teamet';
    await w.getByLabel('Rubrik').fill(title);
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    const item = () => w.locator('[part="drafts"] li.sent').filter({ hasText: title });
    await item().getByText('Mottagen').waitFor({ timeout: 20_000 });
    const id = (await inboxRows(world.intranet)).find((r) => r.title === title)!.id!;

    // The team moves it on through the inbox's own form, as Ivan would.
    const ivan = await world.intranet.login('ivan');
    const detail = await (await fetch(`${world.url}/inkorg/ideer/${id}`, { headers: { Cookie: ivan.cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(detail)![1]!;
    const posted = await fetch(`${world.url}/inkorg/ideer/${id}/status`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: ivan.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: world.url },
      body: new URLSearchParams({ status: 'in-review', csrf }).toString(),
    });
    expect(posted.status).toBe(303);

    // Five minutes on (the last refresh moved back, as a clock would), the next page load asks.
    expect(await ageLastRefresh(page, 5 * 60_000 + 1_000)).toBeGreaterThan(0);
    await page.reload();
    const again = await form(page, 'inline');
    await again.locator('[part="drafts"] li.sent').filter({ hasText: title }).getByText('Under bedömning').waitFor({ timeout: 15_000 });
    await page.close();
  });
});

describe('an idea whose page no longer offers the form', () => {
  it('is listed by the widget on another page, marked with its page, and opens there to be finished and sent', async () => {
    const title = 'Utkast från en sida som försvann';
    const gone = await servePage(world.context, world.url, '/e2e/forsvunnen-sida', '<idesluss-widget></idesluss-widget>');
    const page = await world.context.newPage();
    await page.goto(gone);
    let w = await form(page, 'inline');
    await w.getByLabel('Rubrik').fill(title);
    await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    // The page is taken down (a closed challenge's page drops the widget; a removed one is a 404).
    await world.context.unroute(gone);
    await page.goto(world.url + PAGES.article);
    w = await form(page, 'launcher');
    const item = w.locator('[part="drafts"] li').filter({ hasText: title });
    await item.getByText('Från sidan ”Testsida”').waitFor();
    await item.getByRole('button', { name: `Fortsätt skriva: ${title}` }).click();
    await expect.poll(() => w.getByLabel('Rubrik').inputValue()).toBe(title); // the draft opens asynchronously
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await expect.poll(async () => (await inboxRows(world.intranet)).filter((r) => r.title === title), { timeout: 20_000 }).toHaveLength(1);
    await page.close();
  });
});

describe('keys typed right before the page goes away', () => {
  // At pagehide an IndexedDB write can still start, but the unload abandons it: before the unload
  // journal (docs/adr/010-widget-unload-journal.md), a reload 0–5 ms after typing lost all but the
  // first letters in about half the rounds.
  it('are there after a reload at once, 8 times, and after the tab is closed at once and the page opened again', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const lost: string[] = [];
    for (let round = 0; round < 8; round++) {
      const w = await form(page, 'inline');
      const field = w.getByLabel('Rubrik');
      if (await field.inputValue()) {
        await field.fill('');
        await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
      }
      const text = `Sista tangenterna ${round}`;
      await field.pressSequentially(text); // no pause: a write is in flight and another waits
      await page.reload();
      const shown = await (await form(page, 'inline')).getByLabel('Rubrik').inputValue();
      if (shown !== text) lost.push(`round ${round}: ${JSON.stringify(shown)}`);
    }
    expect(lost).toEqual([]);
    const w = await form(page, 'inline');
    await w.getByLabel('Rubrik').fill('');
    await w.getByLabel('Rubrik').pressSequentially('Fliken stängdes');
    // As a user closes a tab: pagehide runs. With runBeforeUnload, close() does not wait for the tab to go.
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    const next = await world.context.newPage(); // a new tab: no per-tab memory of the draft
    await next.goto(world.url + PAGES.challenge);
    const again = await form(next, 'inline');
    expect(await again.getByLabel('Rubrik').inputValue()).toBe('Fliken stängdes');
    await again.getByLabel('Rubrik').fill(''); // the next test starts from an empty form
    await again.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await next.close();
  });
});

describe('validation', () => {
  it('refuses an empty title with a message beside the field and keeps focus there', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = await form(page, 'inline');
    await w.getByLabel('Beskrivning (frivilligt)').fill('Text utan rubrik');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('#title-error').getByText('Fyll i fältet.').waitFor();
    expect(await w.getByLabel('Rubrik').getAttribute('aria-invalid')).toBe('true');
    expect(await w.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('title');
    expect(await w.getByLabel('Beskrivning (frivilligt)').inputValue()).toBe('Text utan rubrik');
    await page.close();
  });
});

describe('the lists after a submit', () => {
  // A browser ignores the `selected` attribute of an option the person has picked by hand: bound only so, the lists
  // went on showing the last pick while the fresh draft held the page's preset, and the next idea went with it unseen.
  it('show the fresh draft’s kind and challenge, however often the person picked in them before', async () => {
    const title = 'Ett gott exempel om introduktionen';
    const url = await servePage(world.context, world.url, '/e2e/listorna', `<idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget>`);
    const page = await world.context.newPage();
    await page.goto(url);
    const w = await form(page, 'inline');
    const kind = w.getByLabel('Vad vill du dela?');
    const challenge = w.getByLabel('Utmaning som idén hör till (frivilligt)');
    await challenge.locator('option[value="battre-introduktion"]').waitFor({ state: 'attached' }); // the list has come
    await w.getByLabel('Rubrik', { exact: true }).fill(title);
    for (const value of ['good-example', 'idea', 'good-example']) await kind.selectOption(value);
    for (const value of ['battre-introduktion', CHALLENGE_ID, 'battre-introduktion']) await challenge.selectOption(value);
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await expect.poll(() => w.getByLabel('Rubrik', { exact: true }).inputValue()).toBe('');

    expect(await kind.inputValue()).toBe('idea');
    expect(await challenge.inputValue()).toBe(CHALLENGE_ID);
    await expect.poll(async () => (await inboxRows(world.intranet)).filter((r) => r.title === title), { timeout: 20_000 }).toHaveLength(1);
    expect((await inboxRows(world.intranet)).find((r) => r.title === title)).toMatchObject({ kind: 'good-example', challengeId: 'battre-introduktion' });
    await page.close();
  });
});
