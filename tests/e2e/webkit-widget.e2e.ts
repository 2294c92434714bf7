/**
 * The widget in WebKit, Safari's engine (WebKitGTK's MiniBrowser over classic WebDriver: docs/adr/035-webkit-tests.md),
 * against the real reference intranet. Employees open the intranet in Safari on a Mac or an iPhone too, and the
 * Chromium and Firefox files say nothing about WebKit's IndexedDB, its modal dialog, its constructable stylesheets or
 * its focus order. The core flow of issue 5 — type, reload, the draft is there; submit, the idea is in the inbox once,
 * linked to the page's challenge — its offline path (queued while the API is cut, kept over a reload, sent once when
 * it is back), two tabs on one draft, axe-core in both modes and languages, and the keyboard-only flow.
 *
 * WebKit's WebDriver cannot take a page offline, so pages are loaded through a proxy whose API can be cut
 * (support/cuttable-proxy.ts); it also counts the requests that reached the intranet.
 */
import { Key, type WebDriver } from 'selenium-webdriver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';
import { startCuttableProxy, type CuttableProxy } from './support/cuttable-proxy';
import { focusedId, KEYBOARD_DESCRIPTION, submitInLauncherByKeyboard, submitInlineByKeyboard } from './support/focus';
import { makeQueuedDue } from './support/idb';
import { asPage, axeViolations, launchWebKit, widgetControl, widgetReady, widgetText, widgetValue, type WebKit } from './support/webkit';
import { API, CHALLENGE_ID, MODES_AND_LANGS, PAGES } from './support/widget';

let intranet: TestIntranet;
let proxy: CuttableProxy;
let anna: TestLogin;
let webkit: WebKit;
/** The launch, kept so that `afterAll` closes a browser that came up after `beforeAll` timed out. */
let launching: Promise<WebKit> | undefined;
let driver: WebDriver;

beforeAll(async () => {
  intranet = await startTestIntranet();
  proxy = await startCuttableProxy(intranet.url, API);
  anna = await intranet.login('anna');
  launching = launchWebKit();
  webkit = await launching;
  driver = webkit.driver;
  // A cookie can be set only for the page's own site: the sign-in page first (it loads no widget).
  await driver.get(`${proxy.url}/logga-in`);
  const [name, value] = anna.cookie.split('=') as [string, string];
  await driver.manage().addCookie({ name, value, path: '/', httpOnly: true, sameSite: 'Lax' });
});
afterAll(async () => {
  await (await launching?.catch(() => undefined))?.close();
  await proxy?.close();
  await intranet?.close();
});

/**
 * Opens an intranet page in the current tab, in Swedish unless `path` names a language, and starts collecting the
 * page's errors (from its `load` on: classic WebDriver cannot run a script before the page's own). With `start`, the
 * widget is started at once rather than at its idle moment after the load, as a first keystroke or focus would.
 */
async function open(path: string, { start = true } = {}): Promise<void> {
  await driver.get(proxy.url + path + (path.includes('lang=') ? '' : `${path.includes('?') ? '&' : '?'}lang=sv`));
  await collectErrors();
  if (start) await widgetReady(driver);
}

/** Collects the current page's errors in `window.__errors`, from now on; `afterEach` reads them in every tab. */
async function collectErrors(): Promise<void> {
  await driver.executeScript(`
    window.__errors = [];
    addEventListener('error', (e) => window.__errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));`);
}

async function annasIdeas(): Promise<{ id: string; title: string; challengeId?: string; kind?: string; description?: string; anonymous?: boolean }[]> {
  const response = await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1' } });
  if (!response.ok) throw new Error(`GET /ideas?mine=true: ${response.status}`);
  return (await response.json()) as Awaited<ReturnType<typeof annasIdeas>>;
}

/** The PUTs of one idea that reached the intranet: more than one would be a second send. */
const putsOf = (id: string) => proxy.passed.filter((line) => line === `PUT ${API}/ideas/${id}`);

/** The stored content of the draft titled `title` in this origin's IndexedDB, read by the page. */
function stored(title: string): Promise<{ title: string; description?: string } | null> {
  return asPage(driver).evaluate(async (t) => {
    const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const { name } of await indexedDB.databases()) {
      const db = await done(indexedDB.open(name!));
      const records = db.objectStoreNames.contains('drafts') ? (await done(db.transaction('drafts').objectStore('drafts').getAll())) as { content: { title: string; description?: string } }[] : [];
      db.close();
      const found = records.find((r) => r.content.title === t);
      if (found) return found.content;
    }
    return null;
  }, title);
}

/** The titles in the widget's list in `state` (`sent`, `queued`, …), first to last. */
function listed(state: string): Promise<string[]> {
  return driver.executeScript(
    'return [...document.querySelector("idesluss-widget").shadowRoot.querySelectorAll(`[part="drafts"] li.${arguments[0]} .title`)].map((e) => e.textContent)',
    state,
  ) as Promise<string[]>;
}

async function type(selector: string, text: string): Promise<void> {
  await (await widgetControl(driver, selector)).sendKeys(text);
}
/** Empties a field as a user does, Ctrl+A and Backspace (WebDriver's own clear fires no `input`, so nothing saves it). */
async function clear(selector: string): Promise<void> {
  await (await widgetControl(driver, selector)).sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
}
async function click(selector: string): Promise<void> {
  await (await widgetControl(driver, selector)).click();
}

/** Opens the challenge page and types `title` into its form, until the draft is stored. */
async function startDraft(title: string): Promise<void> {
  await open(PAGES.challenge);
  await type('#title', title);
  await expect.poll(() => stored(title), { timeout: 10_000 }).not.toBeNull();
}

/** Back to the page left before, which must come from the back/forward cache (it set `window.__left` before it was left). */
async function backToCachedPage(): Promise<void> {
  await driver.navigate().back();
  await driver.wait(async () => (await driver.executeScript('return document.readyState')) === 'complete', 10_000);
  expect(await driver.executeScript('return window.__left'), 'restored from the back/forward cache, not loaded again').toBe(true);
}

/**
 * Leaves the page for `path` in the middle of its writes: keys as fast as the page takes them up to the moment it is
 * left, and in `pagehide` itself, before the widget hears it (capture), one more key and a read of the list (whose
 * transaction, unlike a write's, no other write of the page waits behind). The page counts the transactions it aborts
 * (`__aborted`) and keeps its last key (`__last`) for the checks after Back.
 */
async function leaveMidWrite(path: string): Promise<void> {
  await driver.executeScript(`
    window.__left = true;
    window.__aborted = 0;
    const abort = IDBTransaction.prototype.abort;
    IDBTransaction.prototype.abort = function () { window.__aborted++; return abort.call(this); };
    const { editor, runtime } = document.querySelector('idesluss-widget').ctl;
    let n = 0;
    const key = () => editor.update({ description: 'Tangent ' + ++n });
    const keys = setInterval(key, 0);
    addEventListener('pagehide', () => {
      clearInterval(keys);
      key();
      void runtime.drafts.refresh();
      window.__last = 'Tangent ' + n;
    }, { once: true, capture: true });
    for (let i = 0; i < 40; i++) key();
    location.href = arguments[0];`, path);
  await driver.wait(async () => new URL(await driver.getCurrentUrl()).pathname === path, 10_000);
  await collectErrors();
}

describe('the widget in WebKit', () => {
  afterEach(async () => {
    proxy.cut = false;
    proxy.slowPutsMs = 0;
    // Every tab's errors; then back to one tab, so that a test that failed in another leaves the next its own start.
    const errors: string[] = [];
    const [first, ...others] = await driver.getAllWindowHandles();
    for (const handle of [...others, first!]) {
      await driver.switchTo().window(handle);
      errors.push(...((await driver.executeScript('return window.__errors ?? []')) as string[]));
      // The next test leaves this page at once: its writes settle first, so that no test runs on another's timing (the
      // widget copes with a page left mid-write: the test "a page left in the middle of its writes", docs/adr/037).
      await driver.wait(
        async () => (await driver.executeScript(`return [...document.querySelectorAll('idesluss-widget')].every((w) => w.ctl?.editor?.saveStatus.value.kind !== 'saving')`)) === true,
        10_000,
        'a write still under way',
      );
      if (handle !== first) await driver.close();
    }
    expect(errors, 'errors on the pages').toEqual([]);
  });

  it('runs in WebKitGTK', () => {
    expect(webkit.version).toMatch(/^2\.\d+/);
  });

  it('keeps a draft over a reload, and sends it once, linked to the page’s challenge', async () => {
    const title = 'Idé skriven i WebKit';
    await open(PAGES.challenge);
    await type('#title', title);
    await type('#description', 'Sparas i sidans IndexedDB.');
    await expect.poll(() => widgetText(driver, '[part~="status"]'), { timeout: 10_000 }).toContain('Sparat på den här datorn');

    await open(PAGES.challenge);
    expect(await widgetValue(driver, '#title')).toBe(title);
    expect(await widgetValue(driver, '#description')).toBe('Sparas i sidans IndexedDB.');

    await click('button[part="submit"]');
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === title), { timeout: 30_000 }).toHaveLength(1);
    const [idea] = (await annasIdeas()).filter((i) => i.title === title);
    expect(idea!.challengeId).toBe(CHALLENGE_ID);
    expect(putsOf(idea!.id)).toHaveLength(1);
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe('');
    await expect.poll(() => listed('sent'), { timeout: 30_000 }).toContain(title);
  });

  it('is styled by its own stylesheet, adopted by the shadow root', async () => {
    await open(PAGES.challenge);
    const styled = (await driver.executeScript(`
      const root = document.querySelector('idesluss-widget').shadowRoot;
      const submit = root.querySelector('button[part="submit"]');
      return {
        adopted: root.adoptedStyleSheets.length, cursor: getComputedStyle(submit).cursor, background: getComputedStyle(submit).backgroundColor,
        fields: [...root.querySelectorAll('input, textarea, select')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
      };`)) as { adopted: number; cursor: string; background: string; fields: number[] };
    expect(styled.adopted).toBe(1); // Safari 16.4+ adopts the shared constructable sheet
    expect(styled.cursor).toBe('pointer');
    expect(styled.background).not.toBe('rgba(0, 0, 0, 0)');
    // Safari on an iPhone zooms the page into a field whose text is under 16 px as it takes the focus.
    expect(styled.fields.length).toBeGreaterThan(3);
    expect(Math.min(...styled.fields)).toBeGreaterThanOrEqual(16);
  });

  // WebKit applies CSP to constructable stylesheets and enforces Trusted Types (Safari 26) in its own way: the README's
  // policy must hold there too. Outcomes, as classic WebDriver cannot read the console: styled, rendered, saving.
  it('works under a strict Content-Security-Policy with Trusted Types for lit-html only (README)', async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
    proxy.serve('/e2e/csp', `<idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget>`, 'text/html; charset=utf-8', { 'Content-Security-Policy': csp });
    await open('/e2e/csp');
    const styled = (await driver.executeScript(`
      const submit = document.querySelector('idesluss-widget').shadowRoot.querySelector('button[part="submit"]');
      return [getComputedStyle(submit).cursor, typeof trustedTypes === 'object' ? 'trusted types' : 'none'];`)) as [string, string];
    expect(styled).toEqual(['pointer', 'trusted types']); // the widget's own stylesheet applies; the engine has Trusted Types
    await type('#title', 'Under en sträng CSP i WebKit');
    await expect.poll(() => stored('Under en sträng CSP i WebKit'), { timeout: 10_000 }).not.toBeNull();
    expect(await widgetText(driver, '[part~="status"]')).toContain('Sparat på den här datorn');
    await clear('#title');
  });

  it('leaves the form visible and usable under hostile host-page CSS', async () => {
    proxy.serve('/e2e/hostile.css', `* { all: unset !important; } html, body, main { font-size: 72px !important; line-height: 3 !important; }
      idesluss-widget { font-size: 90px !important; color: transparent !important; letter-spacing: 2em !important; }`, 'text/css');
    proxy.serve('/e2e/hostile', `<link rel="stylesheet" href="/e2e/hostile.css"><idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget>`);
    await open('/e2e/hostile');
    expect(await driver.executeScript('return getComputedStyle(document.body).fontSize')).toBe('72px'); // the page is hostile
    const title = await widgetControl(driver, '#title');
    const box = await title.getRect();
    expect(box.width > 150 && box.height > 20 && box.height < 100, JSON.stringify(box)).toBe(true);
    expect(await driver.executeScript('const s = getComputedStyle(arguments[0]); return [s.fontSize, s.color]', title)).toEqual(['16px', 'rgb(27, 27, 27)']);
    await title.sendKeys('Tålig mot värdsidans CSS');
    expect(await widgetValue(driver, '#title')).toBe('Tålig mot värdsidans CSS');
    expect(await (await widgetControl(driver, 'button[part="submit"]')).isDisplayed()).toBe(true);
    await clear('#title');
  });

  it('opens the launcher as a modal dialog, and Escape gives the focus back to its button', async () => {
    await open(PAGES.start);
    await click('button[part="launcher"]');
    const dialogOpen = () => driver.executeScript('return document.querySelector("idesluss-widget").shadowRoot.querySelector("dialog").open') as Promise<boolean>;
    await expect.poll(dialogOpen, { timeout: 10_000 }).toBe(true);
    // Modal: the page behind it is inert, so nothing outside the dialog takes the focus.
    expect(await driver.executeScript('return document.querySelector("idesluss-widget").shadowRoot.querySelector("dialog").matches(":modal")')).toBe(true);
    const page = asPage(driver);
    await expect.poll(() => focusedId(page), { timeout: 10_000 }).toBe('input#title[input]');
    await page.keyboard.press('Escape');
    await expect.poll(dialogOpen, { timeout: 10_000 }).toBe(false);
    expect(await focusedId(page)).toBe('button#[launcher]');
  });

  it('keeps a draft and queues the submit while the API is cut, keeps the queue over a reload, and sends it once when back', async () => {
    const title = 'Skriven utan nät i WebKit';
    await open(PAGES.challenge);
    const queued = () => listed('queued');
    proxy.cut = true;
    await type('#title', title);
    await expect.poll(() => widgetText(driver, '[part~="status"]'), { timeout: 10_000 }).toContain('Sparat på den här datorn');
    await click('button[part="submit"]');
    await expect.poll(queued, { timeout: 10_000 }).toEqual([title]);

    await open(PAGES.challenge); // the page loads; its API is still cut
    await expect.poll(queued, { timeout: 10_000 }).toEqual([title]);
    expect((await annasIdeas()).filter((i) => i.title === title)).toHaveLength(0);

    // The API comes back. The tries while it was cut counted, and three of them start an outage's spread of up to
    // 15 minutes (docs/adr/004), which is not under test here: taken as passed. A reload then starts the sync. (Asked
    // again while a try is under way: the idea is `sending` then, not queued.)
    await expect.poll(() => makeQueuedDue(asPage(driver)), { timeout: 10_000 }).toBe(1);
    proxy.cut = false;
    // Not touched: the widget starts by itself once the page has loaded (WebKit has no requestIdleCallback: its fallback).
    await open(PAGES.challenge, { start: false });
    await expect.poll(() => listed('sent'), { timeout: 30_000 }).toContain(title);
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.challengeId).toBe(CHALLENGE_ID);
    expect(putsOf(sent[0]!.id)).toHaveLength(1);
  });

  it('two tabs on one draft follow each other, and the idea submitted in one is sent once', async () => {
    const title = 'Gemensam titel i WebKit';
    const first = await driver.getWindowHandle();
    await open(PAGES.challenge);
    await type('#title', title);
    await type('#description', 'Text från A.');
    await expect.poll(() => widgetText(driver, '[part~="status"]'), { timeout: 10_000 }).toContain('Sparat på den här datorn');

    await driver.switchTo().newWindow('tab');
    const second = await driver.getWindowHandle();
    await open(PAGES.challenge);
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe('Text från A.');
    await type('#description', ' Tillägg från B.');

    await driver.switchTo().window(first);
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe('Text från A. Tillägg från B.');
    await click('button[part="submit"]');
    await expect.poll(() => listed('sent'), { timeout: 30_000 }).toContain(title);
    await driver.switchTo().window(second);
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe('');
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(putsOf(sent[0]!.id)).toHaveLength(1);
    await driver.close();
    await driver.switchTo().window(first);
  });

  // At pagehide WebKit, like Chromium, may abandon an IndexedDB write the page starts: the unload journal
  // (docs/adr/010-widget-unload-journal.md) carries the last keys over a reload at once, or a tab closed at once.
  it('keeps the keys typed right before a reload, 8 times, and before the tab is closed', async () => {
    await open(PAGES.challenge);
    const lost: string[] = [];
    for (let round = 0; round < 8; round++) {
      const text = `Sista tangenterna ${round}`;
      await clear('#title');
      await type('#title', text); // no pause: a write is in flight and another waits
      await open(PAGES.challenge);
      const shown = await widgetValue(driver, '#title');
      if (shown !== text) lost.push(`round ${round}: ${JSON.stringify(shown)}`);
    }
    expect(lost).toEqual([]);

    const first = await driver.getWindowHandle();
    await driver.switchTo().newWindow('tab');
    await open(PAGES.challenge);
    await clear('#title');
    await type('#title', 'Fliken stängdes');
    await driver.close();
    await driver.switchTo().window(first);
    await open(PAGES.challenge);
    expect(await widgetValue(driver, '#title')).toBe('Fliken stängdes');
    await clear('#title'); // the next test starts from an empty form
    await expect.poll(() => stored('Fliken stängdes'), { timeout: 10_000 }).toBeNull();
  });

  it('signed out: keeps the idea, asks to sign in with a link back to the page, and sends it once after sign-in', async () => {
    const title = 'Idé före inloggning i WebKit';
    await driver.manage().deleteCookie('idesluss_session');
    await open(PAGES.challenge);
    await type('#title', title);
    await click('button[part="submit"]');
    await expect.poll(() => widgetText(driver, '[part="notice"] a'), { timeout: 10_000 }).toBe('Logga in på intranätet');
    await expect.poll(() => listed('queued'), { timeout: 10_000 }).toEqual([title]);
    await click('[part="notice"] a');
    await driver.wait(async () => new URL(await driver.getCurrentUrl()).pathname === '/logga-in', 10_000);
    await driver.findElement({ css: '#username' }).sendKeys('anna');
    await driver.findElement({ css: '#password' }).sendKeys('demo');
    await driver.findElement({ css: 'button[type="submit"]' }).click();
    await driver.wait(async () => new URL(await driver.getCurrentUrl()).pathname === PAGES.challenge, 10_000); // back where the link was
    await collectErrors();
    await widgetReady(driver);
    await expect.poll(() => listed('sent'), { timeout: 20_000 }).toContain(title);
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(putsOf(sent[0]!.id)).toHaveLength(1); // signed out, the widget asked who is signed in rather than sending
    expect(await widgetText(driver, '[part="notice"] a')).toBe('');
  });

  // WebKit keeps a page in its back/forward cache: Back shows it as it was left, without a load, and it heard none of
  // the change notices sent meanwhile (docs/adr/036-back-forward-cache.md).
  it('back to a page from the back/forward cache: shows its draft and what another page added, and keeps both', async () => {
    const title = 'Rubrik från sidan A';
    await open(PAGES.challenge);
    await type('#title', title);
    await type('#description', 'Från A.');
    await expect.poll(() => stored(title), { timeout: 10_000 }).toMatchObject({ description: 'Från A.' });
    await driver.executeScript('window.__left = true');

    // Another page of the intranet continues the same draft from its list.
    await open(PAGES.article);
    await click('button[part="launcher"]');
    await click(`[part="drafts"] button[aria-label="Fortsätt skriva: ${title}"]`);
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe('Från A.');
    await type('#description', ' Från B.');
    await expect.poll(() => stored(title), { timeout: 10_000 }).toMatchObject({ description: 'Från A. Från B.' });

    await backToCachedPage();
    // WebKit empties the title (autocomplete="off") in a task as it restores the page; the widget puts it back after.
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe(title);
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe('Från A. Från B.');
    await type('#title', ' igen');
    await expect.poll(() => stored(`${title} igen`), { timeout: 10_000 }).toMatchObject({ description: 'Från A. Från B.' });
    await clear('#title');
    await clear('#description');
  });

  it('two widgets on one page, in two tabs: each edits its own draft, and no idea is sent twice', async () => {
    proxy.serve('/e2e/two-widgets', `<idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget><idesluss-widget mode="launcher"></idesluss-widget>`);
    const first = await driver.getWindowHandle();
    const tabs = [first];
    await open('/e2e/two-widgets');
    await widgetReady(driver, 1);
    await driver.switchTo().newWindow('tab');
    tabs.push(await driver.getWindowHandle());
    await open('/e2e/two-widgets');
    await widgetReady(driver, 1);
    const titles: string[] = [];
    for (const [t, tab] of tabs.entries()) {
      await driver.switchTo().window(tab);
      await (await widgetControl(driver, '#title', 0)).sendKeys(`WebKit-flik ${t} inline`);
      await (await widgetControl(driver, 'button[part="launcher"]', 1)).click();
      // The dialog opens once the widget's start has rendered it: its title field cannot take keys before (seen once).
      const opened = () => driver.executeScript('return !!document.querySelectorAll("idesluss-widget")[1].shadowRoot.querySelector("dialog")?.open') as Promise<boolean>;
      await expect.poll(opened, { timeout: 10_000 }).toBe(true);
      await (await widgetControl(driver, '#title', 1)).sendKeys(`WebKit-flik ${t} launcher`);
      titles.push(`WebKit-flik ${t} inline`, `WebKit-flik ${t} launcher`);
      expect(await widgetValue(driver, '#title', 0)).toBe(`WebKit-flik ${t} inline`);
    }
    for (const tab of tabs) {
      await driver.switchTo().window(tab);
      for (const i of [0, 1]) await driver.executeScript('document.querySelectorAll("idesluss-widget")[arguments[0]].shadowRoot.querySelector("form").requestSubmit()', i);
    }
    const mine = async () => (await annasIdeas()).filter((idea) => titles.includes(idea.title));
    await expect.poll(async () => (await mine()).length, { timeout: 30_000 }).toBe(4);
    const ideas = await mine();
    expect(ideas.map((i) => i.title).sort()).toEqual([...titles].sort());
    expect(ideas.filter((i) => i.title.endsWith('inline')).every((i) => i.challengeId === CHALLENGE_ID)).toBe(true);
    await expect.poll(() => listed('sent').then((sent) => titles.filter((t) => sent.includes(t)).length), { timeout: 15_000 }).toBe(4);
    for (const idea of ideas) expect(putsOf(idea.id), idea.title).toHaveLength(1);
    await driver.close();
    await driver.switchTo().window(first);
  });

  it('a 409: shows the intranet’s version beside ours, and "send my version as a new idea" sends each version once', async () => {
    const [ours, theirs] = ['Andra versionen i WebKit', 'Första versionen i WebKit'];
    await open(PAGES.challenge);
    await type('#title', ours);
    await expect.poll(() => stored(ours), { timeout: 10_000 }).not.toBeNull();
    // The intranet already holds another version under the draft's id: a first send whose answer was lost.
    const id = (await driver.executeScript('return document.querySelector("idesluss-widget").ctl.editor.draftId.value')) as string;
    const put = await fetch(`${intranet.apiBase}/ideas/${id}`, {
      method: 'PUT',
      headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: theirs, description: '', kind: 'idea', anonymous: false, lang: 'sv' }),
    });
    expect(put.status).toBe(201);
    await click('button[part="submit"]');
    await expect.poll(() => widgetText(driver, '[part="drafts"] li.needs-attention q'), { timeout: 30_000 }).toBe(theirs);
    expect(await axeViolations(driver)).toEqual([]);
    await click(`li.needs-attention button[aria-label="Skicka min version som en ny idé: ${ours}"]`);
    const both = async () => (await annasIdeas()).map((i) => i.title).filter((t) => t === ours || t === theirs).sort();
    await expect.poll(both, { timeout: 30_000 }).toEqual([theirs, ours].sort());
    await expect.poll(() => widgetText(driver, '[part="drafts"] li.needs-attention'), { timeout: 10_000 }).toBe('');
    expect(await both()).toEqual([theirs, ours].sort()); // still each once after the widget has settled
  });

  it('shows markup in attribute values as text, never as elements', async () => {
    const evil = '"><img src=x onerror="window.__pwned=1">';
    const attr = evil.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    proxy.serve('/e2e/markup', `<idesluss-widget challenge="${attr}" lang="${attr}"></idesluss-widget>`);
    await open('/e2e/markup');
    expect(await widgetText(driver, 'label[for="title"]')).toBe('Rubrik'); // the language fell back to Swedish
    await expect.poll(() => driver.executeScript('return [...document.querySelector("idesluss-widget").shadowRoot.querySelectorAll("#challenge option")].map((o) => o.textContent)'), { timeout: 10_000 })
      .toContain(`Utmaning ${evil.trim()} (inte öppen)`);
    expect(await driver.executeScript('return document.querySelector("idesluss-widget").shadowRoot.querySelectorAll("img, b, i").length')).toBe(0);
    expect(await driver.executeScript('return window.__pwned ?? null')).toBeNull();
  });

  it('back to a page whose draft another page sent meanwhile: a new draft in the form, the idea listed as sent', async () => {
    const title = 'Skickad från sidan B i WebKit';
    await startDraft(title);
    await driver.executeScript('window.__left = true');

    await open(PAGES.article);
    await click('button[part="launcher"]');
    await click(`[part="drafts"] button[aria-label="Fortsätt skriva: ${title}"]`);
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe(title);
    await click('button[part="submit"]');
    await expect.poll(() => listed('sent'), { timeout: 30_000 }).toContain(title);

    await backToCachedPage();
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe('');
    await expect.poll(() => listed('sent'), { timeout: 10_000 }).toContain(title);
    expect((await annasIdeas()).filter((i) => i.title === title)).toHaveLength(1);
  });

  // A page left while its writes are under way (a key typed as a link is followed) goes into WebKit's back/forward cache
  // with an IndexedDB transaction open, and the next page's writes to the same store would wait until it leaves the
  // cache: the widget pauses its store at `pagehide` and writes again at `pageshow` (docs/adr/037-frozen-transactions.md).
  it('a page left in the middle of its writes holds no other page’s writes, and keeps its text when shown again', async () => {
    const title = 'Lämnad mitt i en skrivning';
    await startDraft(title);
    await leaveMidWrite(PAGES.article);
    // The next page's widget starts, and writes, at once: within 10 s of the link (a held store waited 30 s and more).
    const started = Date.now();
    await widgetReady(driver);
    await click('button[part="launcher"]');
    await type('#title', 'Skriven medan sidan A var i cachen');
    await expect.poll(() => stored('Skriven medan sidan A var i cachen'), { timeout: 10_000 }).not.toBeNull();
    expect(Date.now() - started, 'ms until the next page had stored a key').toBeLessThan(10_000);
    await clear('#title');

    await backToCachedPage();
    expect(await driver.executeScript('return window.__aborted'), 'transactions open as the page froze, aborted').toBeGreaterThan(0);
    const last = (await driver.executeScript('return window.__last')) as string;
    await expect.poll(() => stored(title), { timeout: 10_000 }).toMatchObject({ description: last });
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe(last);
    await clear('#title');
    await clear('#description');
  });

  it('a page left in the middle of its writes, whose draft another page went on with: Back shows and keeps that page’s text', async () => {
    const title = 'Lämnad mitt i en skrivning, fortsatt på B';
    await startDraft(title);
    await leaveMidWrite(PAGES.article);
    await widgetReady(driver);
    await click('button[part="launcher"]');
    await click(`[part="drafts"] button[aria-label="Fortsätt skriva: ${title}"]`);
    await expect.poll(() => widgetValue(driver, '#title'), { timeout: 10_000 }).toBe(title);
    await type('#description', ' och från B');
    const onB = await widgetValue(driver, '#description');
    await expect.poll(() => stored(title), { timeout: 10_000 }).toMatchObject({ description: onB });

    await backToCachedPage();
    expect(await driver.executeScript('return window.__aborted'), 'transactions open as the page froze, aborted').toBeGreaterThan(0);
    // The keys page A typed as it was left are older than what was written on B: B's text stays, and A shows it.
    await expect.poll(() => widgetValue(driver, '#description'), { timeout: 10_000 }).toBe(onB);
    expect(await stored(title)).toMatchObject({ description: onB });
    await type('#description', '!');
    await expect.poll(() => stored(title), { timeout: 10_000 }).toMatchObject({ description: `${onB}!` });
    await clear('#title');
    await clear('#description');
  });

  // WebKit caches a page with a request under way, and lets go of its Web Locks: the next page's sync takes the idea the
  // frozen page was sending as an orphan and sends it again; the intranet keeps one (the PUT is idempotent by id).
  it('an idea whose PUT is under way as its page is left: the next page sends it, the intranet keeps one, and Back shows it sent', async () => {
    const title = 'Skickad medan sidan lämnades';
    await startDraft(title);
    const ideaState = () => driver.executeScript('return document.querySelector("idesluss-widget").ctl.runtime.drafts.drafts.value.find((d) => d.content.title === arguments[0])?.state ?? null', title);
    proxy.slowPutsMs = 3_000;
    const before = proxy.passed.length; // earlier tests' requests are in the list too
    const putsSince = () => proxy.passed.slice(before).filter((line) => line.startsWith(`PUT ${API}/ideas/`));
    await driver.executeScript('window.__left = true; document.querySelector("idesluss-widget").shadowRoot.querySelector("form").requestSubmit()');
    await expect.poll(() => putsSince().length, { timeout: 10_000 }).toBe(1); // it reached the intranet; its answer is slow
    await driver.executeScript('location.href = arguments[0]', `${PAGES.article}?lang=sv`);
    await driver.wait(async () => new URL(await driver.getCurrentUrl()).pathname === PAGES.article, 10_000);
    await collectErrors();
    proxy.slowPutsMs = 0;
    await widgetReady(driver);
    await expect.poll(ideaState, { timeout: 15_000 }).toBe('sent');

    await backToCachedPage();
    await expect.poll(ideaState, { timeout: 10_000 }).toBe('sent');
    await expect.poll(() => listed('sent'), { timeout: 10_000 }).toContain(title);
    const sent = (await annasIdeas()).filter((i) => i.title === title);
    expect(sent).toHaveLength(1);
    expect(putsSince(), 'PUTs of the idea: the frozen page\'s and the next page\'s').toEqual([`PUT ${API}/ideas/${sent[0]!.id}`, `PUT ${API}/ideas/${sent[0]!.id}`]);
  });

  // A phone's width (WCAG 1.4.10 reflow): MiniBrowser's window is never narrower than about 450 px, so the form is put
  // in a 320 px column of the page, as an intranet's side column would hold it; nothing in it may stick out.
  it('lays the form out in a 320 px column without anything sticking out', async () => {
    proxy.serve('/e2e/narrow', `<aside style="width: 320px"><idesluss-widget challenge="${CHALLENGE_ID}"></idesluss-widget></aside>`);
    await open('/e2e/narrow');
    await type('#title', 'Smal spalt');
    const wide = (await driver.executeScript(`
      const host = document.querySelector('idesluss-widget');
      const limit = host.parentElement.getBoundingClientRect().right;
      return [...host.shadowRoot.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + Math.round(el.getBoundingClientRect().right) + ' > ' + Math.round(limit));`)) as string[];
    expect(wide).toEqual([]);
    expect((await (await widgetControl(driver, '#title')).getRect()).width).toBeGreaterThan(200);
    await clear('#title');
  });

  // axe-core reads the engine's own computed styles and accessibility properties, so it runs in WebKit too.
  it.each(MODES_AND_LANGS)('axe-core finds no violations in %s mode, %s', async (mode, lang) => {
    await open(`${mode === 'inline' ? PAGES.challenge : PAGES.start}?lang=${lang}`);
    if (mode === 'launcher') {
      await click('button[part="launcher"]');
      await driver.wait(async () => (await driver.executeScript('return document.querySelector("idesluss-widget").shadowRoot.querySelector("dialog").open')) === true, 10_000);
    }
    expect(await widgetText(driver, 'label[for="title"]')).toBe(lang === 'sv' ? 'Rubrik' : 'Title');
    expect(await axeViolations(driver)).toEqual([]);
  });

  it('writes and submits an idea inline with the keyboard alone', async () => {
    const title = 'Tangentbordsidé i WebKit';
    await open(PAGES.challenge);
    const page = asPage(driver);
    await submitInlineByKeyboard(page, title, ' ');
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === title), { timeout: 20_000 }).toHaveLength(1);
    const [idea] = (await annasIdeas()).filter((i) => i.title === title);
    expect(idea).toMatchObject({ kind: 'challenge', description: KEYBOARD_DESCRIPTION, challengeId: CHALLENGE_ID, anonymous: true });
  });

  it('opens the launcher, writes and submits, and closes it with the keyboard alone', async () => {
    const title = 'Idé från startsidan i WebKit';
    await open(PAGES.start);
    const page = asPage(driver);
    await submitInLauncherByKeyboard(page, title);
    await expect.poll(async () => (await annasIdeas()).filter((i) => i.title === title), { timeout: 20_000 }).toHaveLength(1);
    // The dialog keeps the focus inside while open: Tab from its last control comes round to its first.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const inside = await driver.executeScript(`
        let el = document.activeElement; while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return !!el?.closest('dialog');`);
      expect(inside, `Tab ${i + 1} left the dialog`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedId(page), { timeout: 10_000 }).toBe('button#[launcher]');
  });
});
