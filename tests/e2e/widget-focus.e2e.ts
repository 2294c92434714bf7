/**
 * Where focus goes and what the live region says in real Chromium (WCAG 2.4.3, 4.1.3), and the
 * widget's layout against the user's settings and the host page (1.4.4, 1.4.10): the QA review's
 * findings on the reference intranet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { API, CHALLENGE_ID, PAGES, focused, myIdeas, openLauncher, ready, said, servePage, signIn, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Whether `text` is in the page's accessibility tree, i.e. not inert behind a modal dialog. */
async function heard(page: Page, text: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.some((n) => !n.ignored && n.role?.value === 'StaticText' && String(n.name?.value ?? '').includes(text));
  } finally {
    await cdp.detach();
  }
}

/** A page of its own (drafts are listed per page), with one widget. */
async function own(path: string, attrs = ''): Promise<[Page, Locator]> {
  const page = await world.context.newPage();
  await page.goto(await servePage(world.context, world.url, path, `<idesluss-widget ${attrs}></idesluss-widget>`));
  const w = widget(page);
  await ready(w);
  return [page, w];
}

describe('launcher dialog at 320 px', () => {
  it('gives the form the dialog’s full width beside the close button', async () => {
    const page = await world.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(world.url + PAGES.article);
    const w = widget(page);
    await openLauncher(w);
    const [content, form] = await w.evaluate((el) => {
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      return [dialog.clientWidth - 2 * parseFloat(getComputedStyle(dialog).paddingLeft), el.shadowRoot!.querySelector('form')!.clientWidth];
    });
    expect(form).toBeGreaterThanOrEqual(content - 1);
    await page.close();
  });

  it('keeps the close button in view when the dialog scrolls (200 % zoom on a small screen)', async () => {
    const page = await world.context.newPage();
    await page.setViewportSize({ width: 320, height: 360 });
    await page.goto(world.url + PAGES.article);
    const w = widget(page);
    await openLauncher(w);
    const [scrolled, top, closeTop, closeBottom] = await w.evaluate((el) => {
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      dialog.scrollTop = dialog.scrollHeight;
      const close = el.shadowRoot!.querySelector('.close')!.getBoundingClientRect();
      return [dialog.scrollTop, dialog.getBoundingClientRect().top, close.top, close.bottom];
    });
    expect(scrolled).toBeGreaterThan(0); // the dialog does scroll
    expect(closeTop).toBeGreaterThanOrEqual(top);
    expect(closeBottom).toBeLessThanOrEqual(top + 100);
    await page.close();
  });
});

describe('focus and announcements', () => {
  it('after "take back" focuses the title and says so; after "send now" fails says when the next try is; after it succeeds focuses the list', async () => {
    const cut = `${world.url}${API}/ideas/**`;
    // First an hour's Retry-After, so that no automatic try can come between the keys below; then no answer at all.
    let answer: 'busy' | 'none' = 'busy';
    await world.context.route(cut, (route) =>
      answer === 'busy'
        ? route.fulfill({ status: 503, headers: { 'Retry-After': '3600' }, contentType: 'application/problem+json', body: '{"title":"Busy","status":503}' })
        : route.abort('connectionrefused'));
    const [page, w] = await own('/e2e/focus-withdraw');
    const title = 'Tas tillbaka med tangentbordet';
    try {
      await w.getByLabel('Rubrik').fill(title);
      await w.getByLabel('Rubrik').press('Enter');
      // Once its first try has failed, it waits (queued) for the next: "take back" is not refused
      // for being sent at that very moment (that refusal is announced: widget/controller.test.ts).
      await w.locator('[part="drafts"] li.queued').getByText(/Nästa försök/).waitFor({ timeout: 10_000 });
      answer = 'none';
      const back = w.getByRole('button', { name: `Ta tillbaka: ${title}` });
      await back.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => w.getByLabel('Rubrik').inputValue(), { timeout: 10_000 }).toBe(title);
      await expect.poll(() => focused(page)).toBe('shadow:input#title[input]');
      expect(await said(w)).toBe('Idén är tillbaka i formuläret.');

      await w.getByLabel('Rubrik').press('Enter');
      const sendNow = w.getByRole('button', { name: 'Skicka nu' });
      await sendNow.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => said(w)).toMatch(/^Intranätet svarade inte\. Idén ligger kvar här och skickas automatiskt\. Nästa försök (\p{L}+ )?kl\.\u00a0\d\d:\d\d\.$/u);
      // Focused before the intranet comes back: an automatic try right after that could send it first.
      await w.getByRole('button', { name: 'Skicka nu' }).focus();
    } finally {
      await world.context.unroute(cut);
    }
    await page.keyboard.press('Enter');
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(() => focused(page)).toBe('shadow:h3#drafts-heading');
    await page.close();
  });

  it('says why the intranet refused an idea, and "continue writing" focuses the field it refused', async () => {
    const [page, w] = await own('/e2e/focus-refused', 'challenge="finns-inte"');
    await w.getByLabel('Rubrik').fill('Idé med okänd utmaning');
    await w.getByRole('button', { name: 'Skicka idén' }).click();
    await expect.poll(() => said(w), { timeout: 20_000 }).toMatch(/^Behöver ändras: Idé med okänd utmaning\. \S/);
    await w.getByRole('button', { name: 'Fortsätt skriva: Idé med okänd utmaning' }).click();
    await expect.poll(() => focused(page)).toBe('shadow:select#challenge[input]');
    await page.close();
  });

  it('ignores a second Enter right after the first: one idea, no error on the new empty form', async () => {
    const [page, w] = await own('/e2e/focus-double-enter');
    const title = `Dubbel-Enter ${Date.now()}`;
    await w.getByLabel('Rubrik').fill(title);
    await w.getByLabel('Rubrik').press('Enter');
    await page.waitForTimeout(30);
    await w.getByLabel('Rubrik').press('Enter');
    await expect.poll(() => w.getByLabel('Rubrik').inputValue()).toBe('');
    await page.waitForTimeout(500);
    expect(await w.locator('[part="error"]').count()).toBe(0);
    expect(await w.getByLabel('Rubrik').getAttribute('aria-invalid')).toBe('false');
    await expect.poll(async () => (await myIdeas(world.context, world.url)).filter((i) => i.title === title).length, { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('announces the sign-in prompt when sync pauses on 401', async () => {
    const fresh = await launchChromium(); // its own IndexedDB: the pause is stored
    try {
      await signIn(fresh.context, world.url);
      await fresh.context.route(`${world.url}${API}/ideas/*`, (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Unauthorized', status: 401 }) })
          : route.continue(),
      );
      const page = await fresh.context.newPage();
      await page.goto(world.url + PAGES.challenge);
      const w = widget(page);
      await ready(w);
      await w.getByLabel('Rubrik').fill('Utloggad idé');
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      await w.getByRole('link', { name: 'Logga in på intranätet' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => said(w)).toContain('Logga in på intranätet så skickas dina idéer.');
    } finally {
      await fresh.close();
    }
  });

  it('speaks from outside the launcher’s dialog while it is closed, and from inside it while it is open (modal)', async () => {
    const page = await world.context.newPage();
    await page.goto(world.url + PAGES.article);
    const w = widget(page);
    await openLauncher(w);
    await page.keyboard.press('Escape');
    await ready(w);
    await world.context.setOffline(true);
    try {
      await expect.poll(() => said(w)).toContain('Datorn är inte ansluten.');
      const outside = await w.evaluate((el) => {
        const live = [...el.shadowRoot!.querySelectorAll('[aria-live]')].filter((r) => r.textContent);
        return [live.length, !!live[0]!.closest('dialog'), live[0]!.checkVisibility(), el.shadowRoot!.querySelector('dialog')!.open];
      });
      expect(outside).toEqual([1, false, true, false]);
      expect(await heard(page, 'Datorn är inte ansluten.')).toBe(true);
    } finally {
      await world.context.setOffline(false);
    }
    // Open, the rest of the page is inert: what is said must come from inside the dialog.
    await openLauncher(w);
    await w.getByLabel('Rubrik').fill('');
    await w.getByRole('button', { name: 'Skicka idén' }).click(); // empty title: "Idén skickades inte. Rätta felen …"
    await expect.poll(() => said(w)).toContain('Idén skickades inte. Rätta felen i formuläret');
    expect(await heard(page, 'Idén skickades inte. Rätta felen i formuläret')).toBe(true);
    await page.close();
  });

  it('says page-wide news from inside an open launcher dialog, also when an inline widget on the page started first', async () => {
    const url = await servePage(world.context, world.url, '/e2e/focus-inline-and-launcher', `<idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget><idesluss-widget mode="launcher"></idesluss-widget>`);
    const page = await world.context.newPage();
    await page.goto(url);
    const [inline, launcher] = [widget(page, 0), widget(page, 1)];
    await ready(inline); // the inline widget starts first: it speaks for the page while no dialog is open
    await openLauncher(launcher);
    await launcher.getByLabel('Rubrik').fill('Skrivs i dialogen');
    // What the open dialog's own live region says: the only one not inert behind the modal dialog.
    const inDialog = () => launcher.evaluate((el) => el.shadowRoot!.querySelector('dialog[open] [aria-live]')?.textContent ?? '');
    await world.context.setOffline(true);
    try {
      await expect.poll(inDialog).toContain('Datorn är inte ansluten.');
    } finally {
      await world.context.setOffline(false);
    }
    await expect.poll(inDialog).toContain('Datorn är ansluten igen.');
    expect(await inline.locator('[role="status"] > p').allTextContents()).not.toContain('Datorn är ansluten igen.');
    await page.close();
  });

  it('says both of two news that come together: back online, and the waiting idea sent right after', async () => {
    const [page, w] = await own('/e2e/focus-online-and-sent');
    const title = 'Skriven utan nät';
    await world.context.setOffline(true);
    try {
      await expect.poll(() => said(w)).toContain('Datorn är inte ansluten.');
      await w.getByLabel('Rubrik').fill(title);
      await w.getByRole('button', { name: 'Skicka idén' }).click();
      await w.locator('[part="drafts"] li.queued .title').getByText(title, { exact: true }).waitFor();
    } finally {
      await world.context.setOffline(false);
    }
    // The user sends it the moment the connection is back (the engine's own next try may come seconds later).
    await expect.poll(() => said(w)).toBe('Datorn är ansluten igen.');
    await w.getByRole('button', { name: 'Skicka nu', exact: true }).click({ timeout: 2_000 }).catch(() => undefined); // unless it went already
    await w.locator('[part="drafts"] li.sent .title').getByText(title, { exact: true }).waitFor({ timeout: 20_000 });
    // Each a line of its own in the region (replacing one text with the other lost the first).
    await expect.poll(async () => (await w.locator('[role="status"] > p').allTextContents()).slice(-2)).toEqual(['Datorn är ansluten igen.', `Skickad till intranätet: ${title}`]);
    expect(await heard(page, 'Datorn är ansluten igen.')).toBe(true);
    expect(await heard(page, `Skickad till intranätet: ${title}`)).toBe(true);
    await page.close();
  });

  it('clears the live region when the language changes', async () => {
    const [page, w] = await own('/e2e/focus-lang');
    await w.getByRole('button', { name: 'Skicka idén' }).click(); // empty title: "Idén skickades inte. Rätta felen …"
    await expect.poll(() => said(w)).toContain('Rätta');
    await w.evaluate((el) => el.setAttribute('lang', 'en'));
    await w.getByLabel('Title').waitFor();
    expect((await said(w))?.trim()).toBe('');
    await page.close();
  });
});

describe('the user’s and the page’s settings', () => {
  it('follows the browser’s default font size and stays left-to-right under a right-to-left host', async () => {
    const [page, w] = await own('/e2e/focus-font');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await page.addStyleTag({ content: 'idesluss-widget { direction: rtl; }' });
    expect(await w.locator('label[for="title"]').evaluate((el) => getComputedStyle(el).fontSize)).toBe('24px');
    expect(await w.getByLabel('Rubrik').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await page.close();
  });
});
