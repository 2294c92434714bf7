/**
 * Offline and concurrency in real Chromium against the real intranet (DESIGN sections 4 and 6):
 * a cut network keeps the draft and queues the submit, a reload keeps the queue, the network's
 * return sends it exactly once; two tabs and two widgets on one page never send an idea twice.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, CHALLENGE_ID, PAGES, countPuts, inboxRows, myIdeas, ready, servePage, startWorld, widget, type WidgetWorld } from './support/widget';
import { makeQueuedDue, readDrafts } from './support/idb';

let world: WidgetWorld;
let puts: Map<string, number>;

beforeAll(async () => {
  world = await startWorld();
  puts = countPuts(world.context);
});
afterAll(async () => {
  await world?.close();
});

describe('network cut', () => {
  it('keeps the draft, queues the submit across a reload, and sends it exactly once when back online', async () => {
    const title = 'Skriven utan nät';
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);

    await world.context.setOffline(true);
    await w.locator('[part="notice"]').getByText('Datorn är inte ansluten').waitFor();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await w.getByLabel('Rubrik').fill(title);
    await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.queued .title').getByText(title, { exact: true }).waitFor();

    // Reload with the page reachable but the API still cut (no service worker serves pages offline).
    const cut = `${world.url}${API}/**`;
    await world.context.route(cut, (route) => route.abort('internetdisconnected'));
    await world.context.setOffline(false);
    await page.reload();
    await ready(w);
    await w.locator('[part="drafts"] li.queued .title').getByText(title, { exact: true }).waitFor();
    expect((await myIdeas(world.context, world.url)).filter((i) => i.title === title)).toHaveLength(0);

    // The network comes back: `online` triggers sync. The tries while the API was cut and the browser
    // online counted; three of them (a slow machine) start the outage's spread of up to 15 minutes
    // (docs/adr/004), which is not under test here: it is taken as passed.
    await world.context.setOffline(true);
    await world.context.unroute(cut);
    await makeQueuedDue(page);
    await world.context.setOffline(false);
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 30_000 });
    const rows = (await inboxRows(world.intranet)).filter((r) => r.title === title);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.challengeId).toBe(CHALLENGE_ID);
    expect(puts.get(rows[0]!.id!)).toBe(1); // aborted attempts never reached the intranet
    await page.close();
  });

  it('after many failed tries offline, sends within seconds of the network coming back, not after the outage spread', async () => {
    // The device, not the intranet, is offline (navigator.onLine false): its failed tries count no
    // attempt, so the network's return is not followed by a wait of up to 15 minutes (ADR 004).
    const title = 'Skriven på tåget';
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    const nextTry = async () => (await readDrafts(page)).find((d) => d.title === title)?.nextAttemptAt ?? 0;
    let due: number;
    await world.context.setOffline(true);
    try {
      await w.locator('[part="notice"]').getByText('Datorn är inte ansluten').waitFor();
      await w.getByLabel('Rubrik').fill(title);
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      await w.locator('[part="drafts"] li.queued .title').getByText(title, { exact: true }).waitFor();
      // Five more tries, each failing at once: an outage's streak after the first three.
      const sendNow = w.getByRole('button', { name: 'Skicka nu', exact: true });
      for (let press = 0; press < 5; press++) await sendNow.click();
      await sendNow.waitFor();
      // The notice says why it waits; the item does not blame the intranet for this device's network,
      // nor name a try time (the engine looks again every few seconds while offline).
      const item = w.locator('[part="drafts"] li.queued').filter({ hasText: title });
      await expect.poll(() => item.locator('.hint').first().textContent()).toBe('Väntar på att skickas');
      expect(await item.textContent()).not.toContain('Intranätet svarade inte');
      expect(await item.textContent()).not.toContain('Nästa försök');
      // Each press offline sets the next try up to 10 s on; press until it is at least 5 s away.
      for (let press = 0; press < 12 && (await nextTry()) - Date.now() < 5000; press++) {
        await sendNow.click();
        await sendNow.waitFor();
      }
      due = await nextTry();
    } finally {
      await world.context.setOffline(false);
    }
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 20_000 });
    // Sent within 2 s of the network coming back (shared/sync/queue-ops.ts BACK_ONLINE_SPREAD_MS), not at the try
    // a press made offline had set.
    const sent = (await readDrafts(page)).find((d) => d.title === title)!;
    expect(sent.sentAt).toBeLessThan(due);
    const rows = (await inboxRows(world.intranet)).filter((r) => r.title === title);
    expect(rows).toHaveLength(1);
    expect(puts.get(rows[0]!.id!)).toBe(1);
    await page.close();
  });

  it('offers "send now" for a queued idea and sends it at once', async () => {
    const title = 'Skicka nu-idé';
    const cut = `${world.url}${API}/ideas/**`;
    let refused = 0;
    await world.context.route(cut, (route) => {
      refused++;
      return route.abort('connectionrefused');
    });
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.article);
    const w = widget(page);
    await w.locator('[part="launcher"]').click();
    await ready(w);
    await w.getByLabel('Rubrik').fill(title);
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    const row = w.locator('[part="drafts"] li.queued').filter({ hasText: title });
    try {
      // Three failed tries: the next automatic one is spread over the 15-minute outage cap, so it cannot
      // beat "send now" (after the first two, it comes within seconds and the button may be gone).
      await expect.poll(() => refused, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      await row.getByText('Nästa försök').waitFor({ timeout: 15_000 });
    } finally {
      await world.context.unroute(cut);
    }
    await w.getByRole('button', { name: 'Skicka nu', exact: true }).click();
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 15_000 });
    expect((await myIdeas(world.context, world.url)).filter((i) => i.title === title)).toHaveLength(1);
    await page.close();
  });
});

describe('withdraw', () => {
  it('takes a queued idea back into the form for editing; nothing reaches the intranet', async () => {
    const title = 'Tillbakatagen idé';
    const cut = `${world.url}${API}/ideas/**`;
    await world.context.route(cut, (route) => route.abort('connectionrefused'));
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    await w.getByLabel('Rubrik').fill(title);
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    // Once its first try has failed, it waits for the next: "take back" is not refused for being sent that moment.
    await w.locator('[part="drafts"] li.queued').filter({ hasText: title }).getByText(/Nästa försök/).waitFor({ timeout: 10_000 });
    try {
      await w.getByRole('button', { name: `Ta tillbaka: ${title}` }).click();
      await expect.poll(() => w.getByLabel('Rubrik').inputValue()).toBe(title);
      expect(await w.locator('[part="drafts"] li.queued').count()).toBe(0);
    } finally {
      await world.context.unroute(cut);
    }
    expect((await myIdeas(world.context, world.url)).filter((i) => i.title === title)).toHaveLength(0);
    await page.close();
  });
});

describe('two tabs and two widgets on one page', () => {
  it('never sends an idea twice', async () => {
    const url = await servePage(
      world.context,
      world.url,
      '/e2e/two-widgets',
      `<idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget><idesluss-widget mode="launcher"></idesluss-widget>`,
    );
    const tabs = [await world.context.newPage(), await world.context.newPage()];
    // Every widget starts before anyone types. A widget that starts later (its idle start comes late
    // on a busy machine) opens the page's newest unclaimed draft, the other tab's, by design.
    for (const tab of tabs) {
      await tab.goto(url);
      for (const i of [0, 1]) await ready(widget(tab, i));
    }
    const titles: string[] = [];
    for (const [t, tab] of tabs.entries()) {
      await tab.bringToFront(); // a click in a background tab waits for animation frames it gets rarely, if at all
      await widget(tab, 0).getByLabel('Rubrik').fill(`Flik ${t} inline`);
      await widget(tab, 1).locator('[part="launcher"]').click();
      await widget(tab, 1).getByLabel('Rubrik').fill(`Flik ${t} launcher`);
      titles.push(`Flik ${t} inline`, `Flik ${t} launcher`);
    }
    // The two widgets of a page edit two different drafts.
    expect(await widget(tabs[0]!, 0).getByLabel('Rubrik').inputValue()).toBe('Flik 0 inline');
    // Submit all four at once, in both tabs.
    await Promise.all(
      tabs.flatMap((tab) => [0, 1].map((i) => widget(tab, i).locator('form').evaluate((f) => (f as HTMLFormElement).requestSubmit()))),
    );
    await Promise.all(tabs.map((tab) => tab.bringToFront().then(() => tab.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))))));
    await expect.poll(async () => (await myIdeas(world.context, world.url)).filter((i) => titles.includes(i.title)).length, { timeout: 30_000 }).toBe(4);

    const ideas = (await myIdeas(world.context, world.url)).filter((i) => titles.includes(i.title));
    expect(ideas.map((i) => i.title).sort()).toEqual([...titles].sort());
    const inline = ideas.filter((i) => i.title.endsWith('inline'));
    expect(inline.every((i) => i.challengeId === CHALLENGE_ID)).toBe(true);
    // Every widget in both tabs shows all four as sent.
    for (const tab of tabs) {
      for (const i of [0, 1]) await expect.poll(() => widget(tab, i).locator('[part="drafts"] li.sent').count(), { timeout: 15_000 }).toBe(4);
    }
    // Counted only now: the intranet lists an idea as soon as it stored it, a moment before the
    // browser has the PUT's response (and the counter its event); a sent idea's response has arrived.
    for (const idea of ideas) expect(puts.get(idea.id), idea.title).toBe(1);
    for (const tab of tabs) await tab.close();
  });

  it('sends an idea only to the API of the widget it was written in', async () => {
    // A second widget on the page talks to another API, which is unreachable: its idea waits.
    const url = await servePage(world.context, world.url, '/e2e/two-apis', '<idesluss-widget></idesluss-widget><idesluss-widget api-base="/annat/api"></idesluss-widget>');
    const page = await world.context.newPage();
    await page.route(`${world.url}/annat/api/**`, (route) => route.abort('connectionrefused'));
    await page.goto(url);
    const [ours, other] = [widget(page, 0), widget(page, 1)];
    await ready(ours);
    await ready(other);
    await other.getByLabel('Rubrik').fill('Till det andra API:t');
    await other.getByRole('button', { name: 'Skicka idén' }).click();
    await other.locator('[part="drafts"] li.queued .title').getByText('Till det andra API:t', { exact: true }).waitFor();
    await ours.getByLabel('Rubrik').fill('Till intranätets API');
    await ours.getByRole('button', { name: 'Skicka idén' }).click();
    await ours.locator('[part="drafts"] li.sent .title').getByText('Till intranätets API', { exact: true }).waitFor({ timeout: 20_000 });
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // one more run of each engine
    await ours.locator('[part="drafts"] li.sent').first().waitFor();
    const titles = (await myIdeas(world.context, world.url)).map((i) => i.title);
    expect(titles).toContain('Till intranätets API');
    expect(titles).not.toContain('Till det andra API:t');
    // Polled: one of its quick retries may be in flight (li.sending) at this moment.
    await expect.poll(() => other.locator('[part="drafts"] li.queued .title').allTextContents()).toEqual(['Till det andra API:t']);
    expect(await ours.locator('[part="drafts"] .title').allTextContents()).not.toContain('Till det andra API:t');
    await page.close();
  });

  it('follows an api-base set after the widget started: the idea goes to that API, not the first', async () => {
    const url = await servePage(world.context, world.url, '/e2e/late-api-base', '<idesluss-widget></idesluss-widget>');
    const page = await world.context.newPage();
    await page.route(`${world.url}/sent/api/**`, (route) => route.abort('connectionrefused'));
    await page.goto(url);
    const w = widget(page);
    await ready(w);
    // A CMS binding that sets the attribute late.
    await w.evaluate(async (el) => {
      el.setAttribute('api-base', '/sent/api');
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    });
    await ready(w);
    await w.getByLabel('Rubrik').fill('Efter bytet av api-base');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await w.locator('[part="drafts"] li.queued .title').getByText('Efter bytet av api-base', { exact: true }).waitFor();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await w.locator('[part="drafts"] li.queued').getByText('Nästa försök', { exact: false }).waitFor({ timeout: 20_000 });
    expect((await myIdeas(world.context, world.url)).map((i) => i.title)).not.toContain('Efter bytet av api-base');
    await page.close();
  });
});

describe('signed out', () => {
  it('keeps the idea, asks to sign in with a link back to the page, and sends it after sign-in', async () => {
    const guest = await startWorld({ user: null });
    try {
      const page = await guest.context.newPage();
      await page.goto(guest.url + PAGES.challenge);
      const w = widget(page);
      await ready(w);
      // Signed out, the challenges cannot be listed: the page's own is named as such, not by its id.
      expect(await w.locator('#challenge option:checked').textContent()).toBe('Den här sidans utmaning');
      await w.getByLabel('Rubrik').fill('Idé före inloggning');
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      const link = w.locator('[part="notice"] a');
      await link.waitFor();
      expect(await link.textContent()).toBe('Logga in på intranätet');
      // Where the intranet's 401 said to sign in (`signInUrl`), returning to this page.
      expect(await link.getAttribute('href')).toBe(`${guest.url}/logga-in?return=${encodeURIComponent(PAGES.challenge)}`);
      await w.locator('[part="drafts"] li.queued .title').getByText('Idé före inloggning', { exact: true }).waitFor();
      expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

      // Everything the live regions say from here on, recorded from the start of the next page load.
      await page.addInitScript(() => {
        const said: string[] = ((window as unknown as { said: string[] }).said = []);
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) {
          const root = attach.call(this, init);
          const record = () => root.querySelectorAll('[aria-live]').forEach((r) => r.textContent?.trim() && !said.includes(r.textContent) && said.push(r.textContent));
          new MutationObserver(record).observe(root, { subtree: true, childList: true, characterData: true });
          return root;
        };
      });
      await link.click();
      await page.getByLabel('Användarnamn').fill('anna');
      await page.getByLabel('Lösenord').fill('demo');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(guest.url + PAGES.challenge);
      await widget(page).locator('[part="drafts"] li.sent .title').getByText('Idé före inloggning', { exact: true }).waitFor({ timeout: 20_000 });
      expect((await myIdeas(guest.context, guest.url)).filter((i) => i.title === 'Idé före inloggning')).toHaveLength(1);
      expect(await widget(page).locator('[part="notice"] a').count()).toBe(0);
      // Back signed in, the page does not first say "sign in" from the pause stored before.
      await expect.poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.join(' | '))).toContain('Skickad till intranätet: Idé före inloggning');
      expect(await page.evaluate(() => (window as unknown as { said: string[] }).said.join(' | '))).not.toContain('logga in');
    } finally {
      await guest.close();
    }
  });

  it('in launcher mode, shows the sign-in prompt beside the button while the dialog is closed', async () => {
    const guest = await startWorld({ user: null });
    try {
      const page = await guest.context.newPage();
      await page.goto(guest.url + PAGES.article);
      const w = widget(page);
      await w.locator('[part="launcher"]').click();
      await ready(w);
      await w.getByLabel('Rubrik').fill('Idé i dialogen');
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      await w.locator('dialog [part="notice"] a').waitFor();
      await page.keyboard.press('Escape');
      // The dialog is closed: the prompt is visible on the page, not only in the closed dialog.
      const beside = w.locator('[part="base"] > [part="notice"]');
      await beside.waitFor();
      expect(await beside.isVisible()).toBe(true);
      expect(await beside.locator('a').getAttribute('href')).toBe(`${guest.url}/logga-in?return=${encodeURIComponent(PAGES.article)}`);
      expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    } finally {
      await guest.close();
    }
  });

  it('behind a sign-in gateway that redirects the API: asks to sign in, keeps the idea, and sends it once after sign-in', async () => {
    // An intranet behind SSO answers a signed-out API call with a redirect to its sign-in page, not 401.
    // Followed, the PUT became a GET of that page (200, HTML), and the idea waited for good, silently.
    const guest = await startWorld({ user: null });
    let redirects = 0;
    let gateway = true;
    await guest.context.route(`${guest.url}${API}/**`, (route) => {
      if (!gateway) return route.fallback();
      redirects++;
      return route.fulfill({ status: 302, headers: { location: `${guest.url}/logga-in?return=%2F` } });
    });
    try {
      const page = await guest.context.newPage();
      await page.goto(guest.url + PAGES.challenge);
      const w = widget(page);
      await ready(w);
      await w.getByLabel('Rubrik').fill('Idé bakom inloggningsporten');
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      const link = w.locator('[part="notice"] a');
      await link.waitFor({ timeout: 20_000 });
      expect(await link.textContent()).toBe('Logga in på intranätet');
      await w.locator('[part="drafts"] li.queued .title').getByText('Idé bakom inloggningsporten', { exact: true }).waitFor();
      expect(redirects).toBeGreaterThan(0);

      gateway = false;
      await link.click();
      await page.getByLabel('Användarnamn').fill('anna');
      await page.getByLabel('Lösenord').fill('demo');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(guest.url + PAGES.challenge);
      await widget(page).locator('[part="drafts"] li.sent .title').getByText('Idé bakom inloggningsporten', { exact: true }).waitFor({ timeout: 20_000 });
      expect((await myIdeas(guest.context, guest.url)).filter((i) => i.title === 'Idé bakom inloggningsporten')).toHaveLength(1);
    } finally {
      await guest.close();
    }
  });
});
