/**
 * Pages for the extension's e2e tests, served on 127.0.0.1 (covered by the test build's host
 * permission): a hostile page whose title and text carry markup and script, any page of a test's
 * own, and a selection helper.
 */
import { createServer, type Server } from 'node:http';
import type { Frame, Page } from 'playwright-core';

export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> Möte & <b>rubrik</b>';
export const HOSTILE_QUOTE = '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3"> Fika kl 15';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serves one page whose title and paragraph hold markup *as text* (escaped in the HTML source). */
export function serveHostilePage(): Promise<{ url: string; close(): Promise<void> }> {
  return serveTestPage({ title: HOSTILE_TITLE, quote: HOSTILE_QUOTE });
}

/**
 * Serves one page with this title and a paragraph `#quote` of this text (both escaped), in `lang` and `dir`; with
 * `frame`, the page embeds a document (`/ram`) whose paragraph `#quote` holds that text: of the same origin, or with
 * `frameOrigin: 'other'` from `localhost`, an origin the test build's host permission does not cover.
 */
export async function serveTestPage(page: { title: string; quote: string; lang?: string; dir?: 'ltr' | 'rtl'; frame?: string; frameOrigin?: 'same' | 'other' }): Promise<{ url: string; close(): Promise<void> }> {
  const html = (port: number) => {
    const src = page.frameOrigin === 'other' ? `http://localhost:${port}/ram` : '/ram';
    const iframe = page.frame === undefined ? '' : `<iframe src="${src}" title="Inbäddat dokument"></iframe>`;
    return `<!doctype html><html lang="${page.lang ?? 'sv'}" dir="${page.dir ?? 'ltr'}"><head><meta charset="utf-8"><title>${escape(page.title)}</title></head>
<body><main><h1>Testsida</h1><p id="quote">${escape(page.quote)}</p>${iframe}</main></body></html>`;
  };
  const frame = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Ram</title></head><body><p id="quote">${escape(page.frame ?? '')}</p></body></html>`;
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/ram' ? frame : html((server.address() as { port: number }).port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/sida`, close: () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // Chromium keeps connections alive; do not wait for them
  }) };
}

/** Selects the text of the first element matching `selector` in a page or frame, as a user dragging over it would. */
export async function selectText(page: Page | Frame, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!element) throw new Error(`no ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  }, selector);
}
