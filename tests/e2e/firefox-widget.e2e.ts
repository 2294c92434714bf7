/**
 * The widget in Firefox (ESR, headless, over WebDriver BiDi) against the real reference intranet: the README says it
 * runs in Firefox 98 or later, and every other browser test is Chromium's. The core flow of issue 5 — type, reload,
 * the draft is there; submit, the idea is in the inbox once, linked to the page's challenge — and its offline path
 * (queued while the network is cut, kept over a reload, sent once when it is back) and two tabs on one draft (each
 * follows the other's typing; the submitted idea is sent once), axe-core and the keyboard-only flow in both modes,
 * signed out (the idea waits, the link to sign in comes back to the page, the idea is sent once), a 409 (both
 * versions shown, each sent once), another account signed in (the queued idea waits, and goes as him when asked),
 * plus what differs most between
 * engines: the stylesheet adopted by the shadow root, the modal dialog's focus, and no error on the page.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';
import { focusedId, KEYBOARD_DESCRIPTION, submitInLauncherByKeyboard, submitInlineByKeyboard } from './support/focus';
import { makeQueuedDue, readDrafts } from './support/idb';
import { axeViolations, launchFirefox, widgetReady, widgetText, widgetValue } from './support/firefox';
import { CHALLENGE_ID, MODES_AND_LANGS, PAGES } from './support/widget';


let intranet: TestIntranet;
let anna: TestLogin;
let browser: Browser;
/** The launch, kept so that `afterAll` closes a Firefox that came up after `beforeAll` timed out. */
let launching: Promise<Browser> | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
  launching = launchFirefox();
  browser = await launching;
  const [name, value] = anna.cookie.split('=') as [string, string];
  await browser.setCookie({ name, value, domain: new URL(intranet.url).hostname, path: '/', httpOnly: true, sameSite: 'Lax' });
});
afterAll(async () => {
  await (await launching?.catch(() => undefined))?.close();
  await intranet?.close();
});

/** Opens an intranet page in Swedish unless `path` names a language: the intranet keeps the last choice in a cookie. */
async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(intranet.url + path + (path.includes('lang=') ? '' : `${path.includes('?') ? '&' : '?'}lang=sv`));
  await widgetReady(page);
  return page;
}

async function annasIdeas(): Promise<{ id: string; title: string; challengeId?: string; kind?: string; description?: string; anonymous?: boolean }[]> {
  const response = await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1' } });
  if (!response.ok) throw new Error(`GET /ideas?mine=true: ${response.status}`);
  return (await response.json()) as Awaited<ReturnType<typeof annasIdeas>>;
}

describe('the widget in Firefox', () => {
  afterEach(() => {
    expect(pageErrors.splice(0), 'errors on the page').toEqual([]);
  });

  it('keeps a draft over a reload, and sends it once, linked to the page’s challenge', async () => {
    const page = await open(PAGES.challenge);
    await page.type('idesluss-widget >>> #title', 'Idé skriven i Firefox');
    await page.type('idesluss-widget >>> #description', 'Sparas i sidans IndexedDB.');
    await page.waitForFunction(() => /Sparat på den här datorn/.test(document.querySelector('idesluss-widget')?.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? ''));

    await page.reload();
    await widgetReady(page);
    expect(await widgetValue(page, '#title')).toBe('Idé skriven i Firefox');
    expect(await widgetValue(page, '#description')).toBe('Sparas i sidans IndexedDB.');

    await page.click('idesluss-widget >>> button[part="submit"]');
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === 'Idé skriven i Firefox'), { timeout: 30_000 }).toHaveLength(1);
    expect((await annasIdeas()).find((i) => i.title === 'Idé skriven i Firefox')?.challengeId).toBe(CHALLENGE_ID);
    // The form starts a new draft, and the list says the idea was sent.
    await expect.poll(() => widgetValue(page, '#title'), { timeout: 10_000 }).toBe('');
    await expect.poll(() => widgetText(page, '[part="drafts"]'), { timeout: 30_000 }).toContain('Idé skriven i Firefox');
    await page.close();
  });

  it('is styled by its own stylesheet, whatever the page', async () => {
    const page = await open(PAGES.challenge);
    const styled = await page.evaluate(() => {
      const root = document.querySelector('idesluss-widget')!.shadowRoot!;
      const submit = root.querySelector('button[part="submit"]')!;
      return { adopted: root.adoptedStyleSheets.length, cursor: getComputedStyle(submit).cursor, background: getComputedStyle(submit).backgroundColor };
    });
    expect(styled.adopted).toBe(1); // Firefox 101+ adopts the shared constructable sheet
    expect(styled.cursor).toBe('pointer');
    expect(styled.background).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('opens the launcher as a modal dialog, and Escape gives the focus back to its button', async () => {
    const page = await open(PAGES.start);
    await page.click('idesluss-widget >>> button[part="launcher"]');
    await page.waitForFunction(() => document.querySelector('idesluss-widget')?.shadowRoot?.querySelector('dialog')?.open === true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('idesluss-widget')?.shadowRoot?.querySelector('dialog')?.open === false);
    const focused = await page.evaluate(() => document.querySelector('idesluss-widget')?.shadowRoot?.activeElement?.getAttribute('part'));
    expect(focused).toBe('launcher');
    await page.close();
  });

  it('keeps a draft and queues the submit while offline, keeps the queue over a reload, and sends it once when back', async () => {
    const title = 'Skriven utan nät i Firefox';
    const page = await open(PAGES.challenge);
    // Requests that reached the intranet: an attempt refused by the cut network never does.
    const puts: string[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'PUT') puts.push(response.url());
    });
    const status = () => widgetText(page, '[part~="status"]');
    const queued = () => widgetText(page, '[part="drafts"] li.queued .title');

    await page.setOfflineMode(true);
    await expect.poll(() => widgetText(page, '[part="notice"]'), { timeout: 10_000 }).toContain('Datorn är inte ansluten');
    await page.type('idesluss-widget >>> #title', title);
    await expect.poll(status, { timeout: 10_000 }).toContain('Sparat på den här datorn');
    await page.click('idesluss-widget >>> button[part="submit"]');
    await expect.poll(queued, { timeout: 10_000 }).toBe(title);

    // Reload with the page reachable but the API still cut (no service worker serves pages offline).
    await page.setRequestInterception(true);
    const cutApi = (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      // A request can be gone before its answer (the page reloading cancels it): nothing is left to abort then.
      const answered = request.url().startsWith(intranet.apiBase) ? request.abort('internetdisconnected') : request.continue();
      answered.catch(() => undefined);
    };
    page.on('request', cutApi);
    await page.setOfflineMode(false);
    await page.reload();
    await widgetReady(page);
    await expect.poll(queued, { timeout: 10_000 }).toBe(title);
    expect((await annasIdeas()).filter((i) => i.title === title)).toHaveLength(0);

    // The network comes back; `online` starts the sync. The tries while the API was cut counted, and three of them
    // start an outage's spread of up to 15 minutes (docs/adr/004), which is not under test here: taken as passed.
    await page.setOfflineMode(true);
    page.off('request', cutApi);
    await page.setRequestInterception(false);
    expect(await makeQueuedDue(page as unknown as Parameters<typeof makeQueuedDue>[0])).toBe(1);
    await page.setOfflineMode(false);
    await expect.poll(() => widgetText(page, '[part="drafts"] li.sent .title'), { timeout: 30_000 }).toBe(title);
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.challengeId).toBe(CHALLENGE_ID);
    expect(puts.filter((url) => url.endsWith(`/ideas/${sent[0]!.id}`))).toHaveLength(1);
    await page.close();
  });

  it('two tabs on one draft follow each other, and the idea submitted in one is sent once', async () => {
    const title = 'Gemensam titel i Firefox';
    const puts: string[] = [];
    const countPuts = (page: Page) => page.on('response', (response) => {
      if (response.request().method() === 'PUT') puts.push(response.url());
    });
    const description = (page: Page) => widgetValue(page, '#description');
    const a = await open(PAGES.challenge);
    countPuts(a);
    await a.type('idesluss-widget >>> #title', title);
    await a.type('idesluss-widget >>> #description', 'Text från A.');
    await expect.poll(() => widgetText(a, '[part~="status"]'), { timeout: 10_000 }).toContain('Sparat på den här datorn');

    const b = await open(PAGES.challenge);
    countPuts(b);
    await expect.poll(() => description(b), { timeout: 10_000 }).toBe('Text från A.');
    await b.click('idesluss-widget >>> #description');
    await b.keyboard.press('End');
    await b.keyboard.type(' Tillägg från B.');
    await expect.poll(() => description(a), { timeout: 10_000 }).toBe('Text från A. Tillägg från B.');

    await a.bringToFront();
    await a.click('idesluss-widget >>> button[part="submit"]');
    await expect.poll(() => widgetValue(b, '#title'), { timeout: 10_000 }).toBe('');
    await expect.poll(() => widgetText(a, '[part="drafts"] li.sent .title'), { timeout: 30_000 }).toBe(title);
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(puts.filter((url) => url.endsWith(`/ideas/${sent[0]!.id}`))).toHaveLength(1);
    await a.close();
    await b.close();
  });

  // axe-core's checks read the engine's own computed styles and accessibility properties, so they are run in Firefox
  // too. Injected through WebDriver rather than as a <script>: the pages' CSP allows only their own scripts.
  it.each(MODES_AND_LANGS)('axe-core finds no violations in %s mode, %s', async (mode, lang) => {
    // Named each time: the intranet keeps the last choice in a cookie.
    const page = await open(`${mode === 'inline' ? PAGES.challenge : PAGES.start}?lang=${lang}`);
    if (mode === 'launcher') {
      await page.click('idesluss-widget >>> button[part="launcher"]');
      await page.waitForFunction(() => document.querySelector('idesluss-widget')?.shadowRoot?.querySelector('dialog')?.open === true);
    }
    expect(await widgetText(page, 'label[for="title"]')).toBe(lang === 'sv' ? 'Rubrik' : 'Title');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('writes and submits an idea inline with the keyboard alone', async () => {
    const title = 'Tangentbordsidé i Firefox';
    const page = await open(PAGES.challenge);
    await submitInlineByKeyboard(page, title, ' ');
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === title), { timeout: 20_000 }).toHaveLength(1);
    const [idea] = (await annasIdeas()).filter((i) => i.title === title);
    expect(idea).toMatchObject({ kind: 'challenge', description: KEYBOARD_DESCRIPTION, challengeId: CHALLENGE_ID, anonymous: true });
    await page.close();
  });

  it('opens the launcher, writes and submits, and closes it with the keyboard alone', async () => {
    const title = 'Idé från startsidan i Firefox';
    const page = await open(PAGES.start);
    await submitInLauncherByKeyboard(page, title);
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === title), { timeout: 20_000 }).toHaveLength(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedId(page), { timeout: 10_000 }).toBe('button#[launcher]');
    await page.close();
  });

  it('signed out: keeps the idea, asks to sign in with a link back to the page, and sends it once after sign-in', async () => {
    const title = 'Idé före inloggning i Firefox';
    const guest = await browser.createBrowserContext(); // no session cookie
    try {
      const page = await guest.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      // PUTs the intranet took: the 401s before sign-in stored nothing; one more after it would be a second send.
      const stored: string[] = [];
      page.on('response', (response) => {
        if (response.request().method() === 'PUT' && response.ok()) stored.push(response.url());
      });
      await page.goto(intranet.url + PAGES.challenge);
      await widgetReady(page);
      await page.type('idesluss-widget >>> #title', title);
      await page.click('idesluss-widget >>> button[part="submit"]');
      await expect.poll(() => widgetText(page, '[part="notice"] a'), { timeout: 10_000 }).toBe('Logga in på intranätet');
      await expect.poll(() => widgetText(page, '[part="drafts"] li.queued .title'), { timeout: 10_000 }).toBe(title);
      await Promise.all([page.waitForNavigation(), page.click('idesluss-widget >>> [part="notice"] a')]);
      await page.type('#username', 'anna');
      await page.type('#password', 'demo');
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      expect(page.url()).toBe(intranet.url + PAGES.challenge); // back where the link was
      await widgetReady(page);
      await expect.poll(() => widgetText(page, '[part="drafts"] li.sent .title'), { timeout: 20_000 }).toBe(title);
      const sent = (await annasIdeas()).filter((i) => i.title === title);
      expect(sent).toHaveLength(1);
      expect(stored.filter((url) => url.endsWith(`/ideas/${sent[0]!.id}`))).toHaveLength(1);
      expect(await widgetText(page, '[part="notice"] a')).toBe('');
    } finally {
      await guest.close();
    }
  });

  it('a 409: shows the intranet’s version beside ours, and "send my version as a new idea" sends each version once', async () => {
    const [ours, theirs] = ['Andra versionen i Firefox', 'Första versionen i Firefox'];
    const page = await open(PAGES.challenge);
    await page.type('idesluss-widget >>> #title', ours);
    await expect.poll(() => widgetText(page, '[part~="status"]'), { timeout: 10_000 }).toContain('Sparat på den här datorn');
    // The intranet already holds another version under the draft's id: a first send whose answer was lost.
    const draft = (await readDrafts(page as unknown as Parameters<typeof readDrafts>[0])).find((d) => d.title === ours);
    const put = await fetch(`${intranet.apiBase}/ideas/${draft!.id}`, {
      method: 'PUT',
      headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: theirs, description: '', kind: 'idea', anonymous: false, lang: 'sv' }),
    });
    expect(put.status).toBe(201);
    await page.click('idesluss-widget >>> button[part="submit"]');
    await expect.poll(() => widgetText(page, '[part="drafts"] li.needs-attention q'), { timeout: 30_000 }).toBe(theirs);
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`idesluss-widget >>> li.needs-attention button[aria-label="Skicka min version som en ny idé: ${ours}"]`);
    await expect.poll(async () => (await annasIdeas()).map((i) => i.title).filter((t) => t === ours || t === theirs).sort(), { timeout: 30_000 }).toEqual([theirs, ours].sort());
    await expect.poll(() => widgetText(page, '[part="drafts"] li.needs-attention'), { timeout: 10_000 }).toBe('');
    // Still each once after the widget has settled.
    expect((await annasIdeas()).map((i) => i.title).filter((t) => t === ours || t === theirs).sort()).toEqual([theirs, ours].sort());
    await page.close();
  });

  it("another account: holds Anna's queued idea while Bertil is signed in, names both, and sends it as Bertil when asked", async () => {
    const [first, second] = ['Annas första idé i Firefox', 'Annas andra idé i Firefox'];
    const bertil = await intranet.login('bertil');
    const context = await browser.createBrowserContext();
    const signInAs = async (login: TestLogin) => {
      await context.deleteCookie(...(await context.cookies()));
      const [name, value] = login.cookie.split('=') as [string, string];
      await context.setCookie({ name, value, domain: new URL(intranet.url).hostname, path: '/', httpOnly: true, sameSite: 'Lax' });
    };
    try {
      await signInAs(anna);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(`${intranet.url}${PAGES.challenge}?lang=sv`);
      await widgetReady(page);
      await page.type('idesluss-widget >>> #title', first);
      await page.click('idesluss-widget >>> button[part="submit"]');
      await expect.poll(() => widgetText(page, '[part="drafts"] li.sent .title'), { timeout: 20_000 }).toBe(first);

      // Offline, Anna queues a second idea; Bertil signs in on the same computer; the network comes back.
      await page.setOfflineMode(true);
      await expect.poll(() => widgetText(page, '[part="notice"]'), { timeout: 10_000 }).toContain('Datorn är inte ansluten');
      await page.type('idesluss-widget >>> #title', second);
      await page.click('idesluss-widget >>> button[part="submit"]');
      await expect.poll(() => widgetText(page, '[part="drafts"] li.queued .title'), { timeout: 10_000 }).toBe(second);
      await signInAs(bertil);
      await page.setOfflineMode(false);

      await expect.poll(() => widgetText(page, '[part="notice"]'), { timeout: 20_000 }).toContain('Du är inloggad som Bertil Berg');
      expect(await widgetText(page, '[part="notice"]')).toContain('skickats som Anna Andersson');
      const bertilsTitles = async () => ((await (await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: bertil.cookie, 'X-Idesluss-Client': 'e2e/1' } })).json()) as { title: string }[]).map((i) => i.title);
      expect((await annasIdeas()).filter((i) => i.title === second)).toHaveLength(0);
      expect(await bertilsTitles()).not.toContain(second); // not as his either, until he asks
      await page.click('idesluss-widget >>> [part="notice"] button');
      await expect.poll(() => widgetText(page, '[part="drafts"] li.sent .title'), { timeout: 20_000 }).toContain(second);
      expect((await bertilsTitles()).filter((t) => t === second)).toHaveLength(1);
      expect((await annasIdeas()).filter((i) => i.title === first || i.title === second).map((i) => i.title)).toEqual([first]);
    } finally {
      await context.close();
    }
  });
});
