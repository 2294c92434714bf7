/// <reference types="chrome" />
/**
 * Crash suite (issue 6), part 4: the hostile corpus (tests/fixtures/hostile-inputs.ts) through the
 * real UIs, against the real reference intranet:
 *
 * - every title and description entry, pasted into the popup and into the widget and submitted:
 *   either it is listed as an idea, as text, and reaches the intranet verbatim (as validated), or
 *   the field gets our own error sentence and still holds every character (1 MB strings included:
 *   kept or "too long", and the page keeps answering);
 * - every page title, selection and address entry, as a real page's title, selection and URL
 *   read by the popup: shown as text or dropped, never a link, and sent verbatim;
 * - markup in the intranet's challenge titles: shown as text in both forms;
 * - every malformed server reply (broken JSON, wrong types, HTML, a 100 KB body, markup in problem
 *   details), as the answer to the widget's PUT with 201, 422 and 503: the idea stays, waiting or
 *   needing attention, with our own state text; once the intranet answers properly, everything is
 *   sent exactly once.
 *
 * Throughout: no payload runs (`window.__pwned`, dialogs), no element is created from text.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { pageContextFrom } from '../../shared/config/page-context';
import { validateIdea } from '../../shared/domain/validation';
import { withoutInvisible } from '../../shared/models/draft-writes';
import { sv } from '../../shared/i18n/messages/common';
import { HOSTILE_INPUTS, type HostileInput } from '../fixtures/hostile-inputs';
import { startTestIntranet, type TestIntranet } from '../support/intranet';
import { crashCounts, reportFigures } from './support/crash-plan';
import { storedIdeas, type StoredIdeaRow } from './support/crash-ideas';
import { census, expectedErrorText, popupForm, widgetForm, type FormUnderTest, type TextField } from './support/crash-forms';
import { configureIntranet, launchExtension, openPopup, signIn, tabIdOf, type ExtensionBrowser } from './support/extension';
import { API, PAGES, ready, widget } from './support/widget';

const TEXT_ENTRIES = HOSTILE_INPUTS.filter((i) => i.target === 'title' || i.target === 'description');
/**
 * Under `npm run chaos` both forms get every text entry. In `npm test` (which must stay well under ten minutes on two
 * cores) each gets its own third of them, and both get every huge one; `tests/fixtures/hostile-inputs.test.ts` runs
 * the whole corpus through the shared validation on every `npm test`.
 */
const sample = (third: number) => (crashCounts().scale === 'chaos' ? TEXT_ENTRIES : TEXT_ENTRIES.filter((e, i) => i % 3 === third || e.value.length > 1_000));
const POPUP_ENTRIES = sample(1);
const WIDGET_ENTRIES = sample(0);
const QUOTES = HOSTILE_INPUTS.filter((i) => i.target === 'quote');
const SOURCE_TITLES = HOSTILE_INPUTS.filter((i) => i.target === 'sourceTitle');
const CHALLENGE_TITLES = HOSTILE_INPUTS.filter((i) => i.target === 'challengeTitle');
const REPLIES = HOSTILE_INPUTS.filter((i) => i.target === 'serverReply');
const URLS = HOSTILE_INPUTS.filter((i) => i.target === 'sourceUrl');

let intranet: TestIntranet;
let browser: ExtensionBrowser;
const dialogs: string[] = [];
const pageErrors: string[] = [];
/** Ideas the forms accepted: what the intranet must hold, verbatim, once. */
const accepted: Array<{ via: string; title: string; description: string; source?: { url?: string; title?: string; quote?: string } }> = [];
const figures = { entries: 0, listedAsText: 0, refusedWithMessage: 0, invisibleTakenOut: 0, hugeKept: 0, changedByTheBrowsersField: '' };

beforeAll(async () => {
  intranet = await startTestIntranet();
  // Markup in challenge titles comes from the intranet itself: written into its database.
  const db = new Database(join(intranet.dataDir, 'idesluss.db'));
  const insert = db.prepare('INSERT INTO challenges (id, title, summary, body, closes_at, open) VALUES (?, ?, ?, ?, NULL, 1)');
  CHALLENGE_TITLES.forEach((c, i) => insert.run(`fientlig-${i + 1}`, c.value, `<i>sammanfattning ${i}</i>`, 'text'));
  db.close();
  browser = await launchExtension();
  browser.context.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  browser.context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  await configureIntranet(browser, intranet.url, 'sv');
  await signIn(browser.context, intranet.url);
});

afterAll(async () => {
  await browser?.close();
  await intranet?.close();
});

/** Pastes one entry into a form and submits it; checks the form's answer. Returns a failure or undefined. */
async function feed(form: FormUnderTest, entry: HostileInput, baseline: number): Promise<string | undefined> {
  const label = `${form.name} ${entry.name}`;
  // The other field names the entry and the form, so each accepted idea is one row on the intranet.
  const typed: Record<TextField, string> = {
    title: entry.target === 'title' ? entry.value : `Fientlig beskrivning ${entry.name} via ${form.name}`,
    description: entry.target === 'description' ? entry.value : `Fientlig rubrik ${entry.name} via ${form.name}`,
  };
  await form.fill('title', typed.title);
  await form.fill('description', typed.description);
  // What the field holds is what the user sees and what must survive (an <input> drops line breaks).
  const held = await form.values();
  if (held.title !== typed.title || held.description !== typed.description) figures.changedByTheBrowsersField += `${figures.changedByTheBrowsersField ? ',' : ''}${label}`;
  if (entry.value.length >= 1_000_000 && held[entry.target as TextField].length === entry.value.length) figures.hugeKept++;
  // A submit takes out the invisible characters the contract refuses (docs/adr/026): the form then holds and judges that.
  const content = { title: held.title, description: held.description, kind: 'idea' as const, anonymous: false, lang: 'sv' as const };
  const submitted = { ...held, ...withoutInvisible(content) };
  if (submitted.title !== held.title || submitted.description !== held.description) figures.invisibleTakenOut++;
  const verdict = validateIdea({ ...content, ...submitted });
  await form.submit();
  if (verdict.ok) {
    await form.waitListed(verdict.value.title.trim());
    accepted.push({ via: label, title: verdict.value.title, description: verdict.value.description });
    figures.listedAsText++;
  } else {
    for (const error of verdict.errors) {
      const field = error.field as TextField;
      const want = expectedErrorText(error, submitted[field]);
      const deadline = Date.now() + 10_000;
      let shown = await form.errorText(field);
      while (shown !== want && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        shown = await form.errorText(field);
      }
      if (shown !== want) return `${label}: expected the message ${JSON.stringify(want)} next to ${field}, found ${JSON.stringify(shown)}`;
    }
    const now = await form.values();
    for (const field of ['title', 'description'] as const) {
      if (now[field] !== submitted[field]) return `${label}: the refused ${field} lost text: ${submitted[field].length} characters before submit, ${now[field].length} after`;
    }
    figures.refusedWithMessage++;
  }
  // The page still answers (a 1 MB string must not hang it; a liveness limit, not a timing), and nothing ran or appeared.
  const seen = await Promise.race([census(form.page), new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000))]);
  if (!seen) return `${label}: the page stopped answering`;
  if (seen.pwned !== undefined) return `${label}: injected script ran (window.__pwned = ${String(seen.pwned)})`;
  if (seen.injected > baseline) return `${label}: ${seen.injected - baseline} element(s) were created from text`;
  figures.entries++;
  return undefined;
}

async function feedAll(form: FormUnderTest, entries: HostileInput[]): Promise<string[]> {
  const baseline = (await census(form.page)).injected;
  const failures: string[] = [];
  for (const entry of entries) {
    const failure = await feed(form, entry, baseline);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** Waits until every accepted idea is on the intranet and compares it with what the form accepted. */
async function checkArrived(filter: (a: (typeof accepted)[number]) => boolean): Promise<string[]> {
  const expected = accepted.filter(filter);
  let rows: StoredIdeaRow[];
  const deadline = Date.now() + 60_000;
  for (;;) {
    rows = storedIdeas(intranet.dataDir);
    const keys = new Set(rows.map((r) => `${r.title}\u0000${r.description}`));
    if (expected.every((a) => keys.has(`${a.title}\u0000${a.description}`)) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const problems: string[] = [];
  for (const a of expected) {
    const matches = rows.filter((r) => r.title === a.title && r.description === a.description);
    if (matches.length !== 1) problems.push(`${a.via}: on the intranet ${matches.length} times (title and description as accepted)`);
    else {
      const row = matches[0]!;
      if (a.source && (row.source_url !== (a.source.url ?? null) || row.source_title !== (a.source.title ?? null) || row.source_quote !== (a.source.quote ?? null))) {
        problems.push(`${a.via}: page context changed on the way: ${JSON.stringify(a.source)} → ${JSON.stringify([row.source_url, row.source_title, row.source_quote])}`);
      }
    }
  }
  return problems;
}

describe('the hostile corpus through the real forms', () => {
  it(`popup: ${POPUP_ENTRIES.length} title and description entries are listed as text or refused with our message, nothing lost`, async () => {
    const popup = await openPopup(browser);
    const failures = await feedAll(popupForm(popup), POPUP_ENTRIES);
    failures.push(...(await checkArrived((a) => a.via.startsWith('popup'))));
    await popup.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it(`widget: ${WIDGET_ENTRIES.length} title and description entries`, async () => {
    const page = await browser.context.newPage();
    await page.goto(intranet.url + PAGES.start);
    const w = widget(page);
    await w.locator('[part=launcher]').click();
    await ready(w);
    const failures = await feedAll(widgetForm(page, w), WIDGET_ENTRIES);
    failures.push(...(await checkArrived((a) => a.via.startsWith('widget'))));
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it(`popup: ${QUOTES.length + SOURCE_TITLES.length} page titles and selections and the page addresses a tab can have are shown as text or dropped`, async () => {
    const site = await serveContextPages();
    const failures: string[] = [];
    // One tab for the hostile pages, one for the popup (reloaded for each page, as a popup opens anew).
    const target = await browser.context.newPage();
    const popupPage = await browser.context.newPage();
    try {
      const pages = QUOTES.map((quote, i) => ({ name: `${quote.name}+${SOURCE_TITLES[i]?.name ?? 'plain-title'}`, path: `/sida-${i}`, title: SOURCE_TITLES[i]?.value ?? `Sida ${i}`, quote: quote.value }));
      // The corpus's http(s) addresses with markup in the path and over 2,048 characters, as real tabs on 127.0.0.1.
      for (const entry of URLS.filter((u) => u.value.startsWith('https://intranet.example/'))) {
        pages.push({ name: entry.name, path: entry.value.slice('https://intranet.example'.length), title: `Adress ${entry.name}`, quote: `Markerad text ${entry.name}` });
      }
      for (const [i, spec] of pages.entries()) {
        site.set(spec.path, { title: spec.title, quote: spec.quote });
        await target.goto(site.url + spec.path);
        const raw = await target.evaluate(() => {
          const q = document.getElementById('q')!;
          const range = document.createRange();
          range.selectNodeContents(q);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return { url: location.href, title: document.title, quote: String(getSelection()) };
        });
        // Chromium's extension messaging carries strings as UTF-8: broken UTF-16 arrives as U+FFFD.
        const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        const expected = pageContextFrom({ url: raw.url, title: wellFormed(raw.title), quote: wellFormed(raw.quote) }) ?? {};
        const popup = await openPopup(browser, { tabId: await tabIdOf(browser, raw.url), page: popupPage });
        const baseline = (await census(popup)).injected;
        const shown = await popup.evaluate(() => {
          const part = (key: string) => document.querySelector(`[data-context=${key}] .value`)?.textContent ?? undefined;
          return { url: part('url'), title: part('title'), quote: part('quote'), links: document.querySelectorAll('.context a').length };
        });
        for (const key of ['url', 'title', 'quote'] as const) {
          if (shown[key] !== expected[key]) failures.push(`${spec.name}: the popup shows the page's ${key} as ${JSON.stringify(shown[key])}, expected ${JSON.stringify(expected[key])}`);
        }
        if (shown.links > 0) failures.push(`${spec.name}: the page context became a link`);
        const title = `Sidkontext ${i}`;
        await popup.fill('#title', title);
        await popup.click('button[type=submit]');
        await popupForm(popup).waitListed(title);
        accepted.push({ via: `context ${spec.name}`, title, description: '', source: expected });
        const seen = await census(popup);
        const pwnedOnTarget = await target.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
        if (seen.pwned !== undefined || pwnedOnTarget !== undefined) failures.push(`${spec.name}: injected script ran`);
        if (seen.injected > baseline) failures.push(`${spec.name}: elements were created from the page's text`);
        figures.entries++;
      }
      // Addresses a tab can have that are not http(s): the extension may not read such a page at
      // all, and nothing of it may show up as context.
      for (const entry of URLS.filter((u) => /^(about:blank|data:|file:)/.test(u.value))) {
        const tab = await browser.context.newPage();
        await tab.goto(entry.value).catch(() => undefined);
        await popupPage.goto('about:blank');
        const tabId = await (await browser.worker()).evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0)));
        const popup = await openPopup(browser, { tabId, page: popupPage });
        const baseline = (await census(popup)).injected;
        const parts = await popup.locator('[data-context]').count();
        if (parts > 0) failures.push(`${entry.name}: the popup shows context of ${JSON.stringify(entry.value)}`);
        const seen = await census(popup);
        if (seen.pwned !== undefined || seen.injected > baseline) failures.push(`${entry.name}: something ran or appeared in the popup`);
        figures.entries++;
        await tab.close();
      }
      failures.push(...(await checkArrived((a) => a.via.startsWith('context'))));
    } finally {
      await popupPage.close();
      await target.close();
      await site.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it(`popup and widget: ${CHALLENGE_TITLES.length} challenge titles with markup from the intranet are shown as text`, async () => {
    const titles = CHALLENGE_TITLES.map((c) => c.value);
    const popup = await openPopup(browser);
    const options = () => popup.locator('#challenge option').allTextContents();
    await expect.poll(async () => { const o = await options(); return titles.filter((t) => !o.includes(t)); }, { timeout: 30_000 }).toEqual([]);
    const popupCensus = await census(popup);
    await popup.close();
    const page = await browser.context.newPage();
    await page.goto(intranet.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    const widgetOptions = () => w.locator('#challenge option').allTextContents();
    await expect.poll(async () => { const o = await widgetOptions(); return titles.filter((t) => !o.includes(t)); }, { timeout: 30_000 }).toEqual([]);
    const widgetCensus = await census(page);
    const inShadow = await w.evaluate((el) => el.shadowRoot!.querySelectorAll('img, svg, iframe, b, i, details, math, a[href^="javascript" i]').length);
    await page.close();
    expect(popupCensus.pwned).toBeUndefined();
    expect(widgetCensus.pwned).toBeUndefined();
    expect(inShadow).toBe(0);
    figures.entries += titles.length * 2;
  });

  it(`widget: ${REPLIES.length} malformed server replies × (201, 422, 503) keep the idea, with our own state text`, async () => {
    const page = await browser.context.newPage();
    await page.goto(intranet.url + PAGES.start);
    const w = widget(page);
    await w.locator('[part=launcher]').click();
    await ready(w);
    const form = widgetForm(page, w);
    const baseline = (await census(page)).injected;
    // Each answer carries the number of the reply it is, so a retry the widget makes by itself
    // (backoff, Retry-After) counts only if it got the reply under test.
    let reply: { status: number; body: string; n: number } | undefined;
    await page.route(`${intranet.url}${API}/**`, (route) => {
      // Only the sends get the reply under test; `GET /me`, which asks first (docs/adr/016), is real.
      if (!reply || route.request().method() !== 'PUT') return route.continue();
      const html = reply.body.trimStart().startsWith('<');
      const contentType = html ? 'text/html; charset=utf-8' : reply.status >= 400 ? 'application/problem+json' : 'application/json';
      const headers: Record<string, string> = { 'x-crash-reply': String(reply.n), ...(reply.status === 503 ? { 'Retry-After': '1' } : {}) };
      return route.fulfill({ status: reply.status, contentType, body: reply.body, headers });
    });
    const sendNow = w.locator('[part=drafts] > button[part=button]'); // "Skicka nu" (reads "Skickar…" while a run is on)

    const failures: string[] = [];
    const stateOf = (title: string) =>
      w.evaluate((el, t) => {
        const li = [...el.shadowRoot!.querySelectorAll('li')].find((item) => item.querySelector('.title')?.textContent === t);
        return li ? { state: li.className, text: li.querySelector('.hint')?.textContent ?? '' } : undefined;
      }, title);
    let current: string | undefined; // the idea that is queued and gets the next reply
    let n = 0;
    let replies = 0;
    for (const entry of REPLIES) {
      for (const status of [201, 422, 503]) {
        const label = `reply ${entry.name} with ${status}`;
        reply = { status, body: entry.value, n: ++replies };
        const answered = page.waitForResponse(
          (r) => r.request().method() === 'PUT' && r.url().includes('/ideas/') && r.headers()['x-crash-reply'] === String(replies),
          { timeout: 20_000 },
        );
        if (!current) {
          current = `Svarstest ${++n}`;
          await form.fill('title', current);
          await form.fill('description', `Beskrivning till ${current}`);
          await form.submit();
          accepted.push({ via: `reply ${current}`, title: current, description: `Beskrivning till ${current}` });
        } else {
          // The widget may try again by itself first (backoff, Retry-After) and take this reply:
          // then the idea may no longer wait and there is nothing to press.
          await sendNow.click({ timeout: 2_000 }).catch(() => undefined);
        }
        await answered;
        const want = status === 422 ? 'needs-attention' : 'queued';
        const deadline = Date.now() + 10_000;
        let state = await stateOf(current);
        while (state?.state !== want && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 25));
          state = await stateOf(current);
        }
        if (state?.state !== want) failures.push(`${label}: ${JSON.stringify(current)} is ${JSON.stringify(state)}, expected ${want}`);
        else if (!state.text.startsWith(sv.state[want])) failures.push(`${label}: the state reads ${JSON.stringify(state.text)}`);
        const seen = await census(page);
        if (seen.pwned !== undefined) failures.push(`${label}: injected script ran`);
        if (seen.injected > baseline) failures.push(`${label}: elements were created from the reply`);
        figures.entries++;
        if (want === 'needs-attention') current = undefined; // it waits for the user; the next reply gets a new idea
      }
    }
    // The intranet answers properly again: "Skicka nu" sends what waits; the user reopens and
    // resubmits what needed attention — everything arrives once, with its text.
    reply = undefined;
    await page.unroute(`${intranet.url}${API}/**`);
    await sendNow.click({ timeout: 2_000 }).catch(() => undefined); // unless it already went by itself
    await page.bringToFront();
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const edit = w.locator('li.needs-attention button').first();
      if ((await edit.count()) === 0) break;
      // The button counted may be the one just resubmitted, going as the list catches up: look again.
      if (!(await edit.click({ timeout: 3_000 }).then(() => true, () => false))) continue;
      await expect.poll(() => form.value('title')).toMatch(/^Svarstest/); // reopened with its text
      await form.submit();
      await page.waitForTimeout(50);
    }
    failures.push(...(await checkArrived((a) => a.via.startsWith('reply'))));
    expect(await census(page)).toEqual({ pwned: undefined, injected: baseline });
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('popup and widget: keys typed right after pressing Enter to submit start the next idea, 10 times each', async () => {
    const popup = await openPopup(browser);
    const page = await browser.context.newPage();
    await page.goto(intranet.url + PAGES.challenge);
    const w = widget(page);
    await ready(w);
    const failures: string[] = [];
    for (const [name, p, field] of [['popup', popup, popup.locator('#title')], ['widget', page, w.locator('#title')]] as const) {
      await form(name, p, w).fill('description', ''); // the draft the form reopened may hold an earlier test's text
      // A field rendered disabled for a moment (the submitted draft, frozen) loses focus and with it
      // the next keys — whether any are lost depends on timing; that it happens at all does not.
      await field.evaluate((el: HTMLInputElement) => {
        const seen = window as unknown as { fieldDisabled?: number };
        seen.fieldDisabled = 0;
        new MutationObserver(() => void (el.disabled && (seen.fieldDisabled! += 1))).observe(el, { attributes: true, attributeFilter: ['disabled'] });
      });
      for (let i = 0; i < 10; i++) {
        const title = `Snabb idé ${name} ${i}`;
        await field.fill(title);
        await field.focus();
        await p.keyboard.press('Enter');
        await p.keyboard.type(`Nästa ${i}`); // no pause: these keys arrive while the submit is being stored
        await form(name, p, w).waitListed(title);
        const shown = await field.inputValue();
        if (shown !== `Nästa ${i}`) failures.push(`${name} round ${i}: typed "Nästa ${i}" right after Enter, the next draft shows ${JSON.stringify(shown)}`);
        accepted.push({ via: `enter ${name} ${i}`, title, description: '' });
        await field.fill('');
      }
      const disabled = await p.evaluate(() => (window as unknown as { fieldDisabled?: number }).fieldDisabled);
      if (disabled !== 0) failures.push(`${name}: the title field was disabled ${disabled} time(s) around a submit`);
    }
    // Checked with the page still open: the widget sends from its page, and a page closed the moment its
    // last idea was listed may not have sent it yet (it is kept, and sent when the intranet is next open).
    failures.push(...(await checkArrived((a) => a.via.startsWith('enter'))));
    await popup.close();
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('ran no payload anywhere (no dialog, no page error), and every accepted idea is on the intranet once, verbatim', async () => {
    const problems = await checkArrived(() => true);
    const rows = storedIdeas(intranet.dataDir);
    reportFigures({
      suite: 'hostile-inputs',
      seed: 0,
      runs: 1,
      corpus: HOSTILE_INPUTS.length,
      ...figures,
      ideasSubmitted: accepted.length,
      ideasOnIntranet: rows.length,
      lost: problems.filter((p) => p.includes('0 times')).length,
      duplicates: rows.length - new Set(rows.map((r) => `${r.title}\u0000${r.description}`)).size,
    });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(rows).toHaveLength(accepted.length);
  });
});

function form(name: 'popup' | 'widget', page: Page, w: Locator): FormUnderTest {
  return name === 'popup' ? popupForm(page) : widgetForm(page, w);
}

/** A site on 127.0.0.1 whose pages get their title and a paragraph's text from `set()` (by script, so broken UTF-16 survives). */
async function serveContextPages(): Promise<{ url: string; set(path: string, spec: { title: string; quote: string }): void; close(): Promise<void> }> {
  const specs = new Map<string, { title: string; quote: string }>();
  const json = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const server: Server = createServer((req, res) => {
    const spec = specs.get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)) ?? specs.get(req.url ?? '');
    res.writeHead(spec ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      spec
        ? `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>t</title></head><body><main><h1>Sida</h1><p id="q"></p></main>
<script>document.title = ${json(spec.title)}; document.getElementById('q').textContent = ${json(spec.quote)};</script></body></html>`
        : 'not found',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, spec) => specs.set(path, spec),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
