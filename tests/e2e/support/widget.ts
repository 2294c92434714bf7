/**
 * Helpers for the widget's end-to-end tests: the real reference intranet on 127.0.0.1, a signed-in
 * Chromium, the widget's controls (Playwright's CSS locators pierce shadow roots), extra test pages
 * served on the intranet's origin, and counts of what the intranet actually stored.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startTestIntranet, type TestIntranet } from '../../support/intranet';
import { launchChromium, type LaunchedBrowser } from './chromium';

export const API = '/api/idesluss/v1';
export const CHALLENGE_ID = 'farre-pappersblanketter';
export const PAGES = {
  start: '/',
  article: '/nyheter/digital-signering',
  challenge: `/utmaningar/${CHALLENGE_ID}`,
} as const;

/** Both modes in both languages: the cases each browser's axe-core run goes through. */
export const MODES_AND_LANGS = [
  ['inline', 'sv'],
  ['inline', 'en'],
  ['launcher', 'sv'],
  ['launcher', 'en'],
] as const;

export interface WidgetWorld {
  url: string;
  intranet: TestIntranet;
  browser: LaunchedBrowser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts the intranet and a Chromium signed in as `user` (cookie session, like a real employee). */
export async function startWorld(options: { user?: string | null; locale?: string } = {}): Promise<WidgetWorld> {
  const intranet = await startTestIntranet();
  const browser = await launchChromium({ locale: options.locale });
  const { context } = browser;
  if (options.user !== null) await signIn(context, intranet.url, options.user ?? 'anna');
  return {
    url: intranet.url,
    intranet,
    browser,
    context,
    async close() {
      await browser.close();
      await intranet.close();
    },
  };
}

/** Signs the context in through the intranet's JSON sign-in; the session cookie lands in the context. */
export async function signIn(context: BrowserContext, url: string, username = 'anna'): Promise<void> {
  const response = await context.request.post(`${url}/auth/login`, { data: { username, password: 'demo' } });
  if (!response.ok()) throw new Error(`sign-in as ${username} failed: ${response.status()}`);
}

/**
 * Serves `body` as an HTML page at `path` on the intranet's origin (same origin: same IndexedDB and
 * cookies), with `headers` (a Content-Security-Policy) when given.
 */
export async function servePage(context: BrowserContext, url: string, path: string, body: string, lang = 'sv', headers: Record<string, string> = {}): Promise<string> {
  const page = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Testsida</title>
<script type="module" src="/widget/idesluss-widget.js"></script></head><body><main><h1>Testsida</h1>${body}</main></body></html>`;
  await context.route(`${url}${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: page }));
  return `${url}${path}`;
}

/** The n-th widget on the page. */
export function widget(page: Page, index = 0): Locator {
  return page.locator('idesluss-widget').nth(index);
}

/** Waits until a widget has started (IndexedDB open, draft restored): its save status is shown. */
export async function ready(w: Locator): Promise<void> {
  await w.locator('[part~="status"]').waitFor({ state: 'attached' });
  await w.evaluate(async (el) => {
    const ctl = (el as unknown as { ctl: { start(): Promise<void> } }).ctl;
    await ctl.start();
  });
}

/** Opens a launcher widget's dialog by clicking its button. */
export async function openLauncher(w: Locator): Promise<Locator> {
  await w.locator('[part="launcher"]').click();
  const dialog = w.locator('dialog');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

/** The signed-in user's ideas on the intranet (`GET /ideas?mine=true`). */
export async function myIdeas(context: BrowserContext, url: string): Promise<{ id: string; title: string; challengeId?: string }[]> {
  const response = await context.request.get(`${url}${API}/ideas?mine=true`);
  if (!response.ok()) throw new Error(`GET /ideas?mine=true: ${response.status()}`);
  const body = (await response.json()) as { id: string; title: string; challengeId?: string }[] | { ideas: { id: string; title: string; challengeId?: string }[] };
  return Array.isArray(body) ? body : ((body as { items?: typeof body.ideas }).items ?? body.ideas);
}

/** The innovation team's inbox as CSV rows (signed in as ivan, in a separate session). */
export async function inboxRows(intranet: TestIntranet): Promise<Record<string, string>[]> {
  const ivan = await intranet.login('ivan');
  const response = await fetch(`${intranet.url}/inkorg/export.csv`, { headers: { Cookie: ivan.cookie } });
  if (!response.ok) throw new Error(`inbox export: ${response.status}`);
  const [header, ...rows] = parseCsv((await response.text()).replace(/^\ufeff/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Counts PUT /ideas/{id} requests that reached the intranet, per id, across every page of the context. */
export function countPuts(context: BrowserContext): Map<string, number> {
  const counts = new Map<string, number>();
  context.on('response', (response) => {
    const match = /\/ideas\/([0-9a-f-]{36})$/.exec(new URL(response.url()).pathname);
    if (match && response.request().method() === 'PUT') counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  });
  return counts;
}

/**
 * What the widget's live regions said last: each region's newest line (a launcher has one region inside its dialog
 * and one outside; news that came together stand as earlier lines before it).
 */
export async function said(w: Locator): Promise<string> {
  return (await w.locator('[role="status"] > p:last-child').allTextContents()).join('');
}

/** The deepest focused element across shadow roots, described as `tag#id` or its part. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return 'none';
    const inShadow = el.getRootNode() instanceof ShadowRoot;
    return `${inShadow ? 'shadow:' : ''}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}`;
  });
}
