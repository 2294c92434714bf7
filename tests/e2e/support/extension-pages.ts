/**
 * Pages for the extension's e2e tests: a hostile page served on 127.0.0.1 (covered by the test
 * build's host permission) whose title and text carry markup and script, and a selection helper.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> Möte & <b>rubrik</b>';
export const HOSTILE_QUOTE = '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3"> Fika kl 15';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serves one page whose title and paragraph hold markup *as text* (escaped in the HTML source). */
export async function serveHostilePage(): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(HOSTILE_TITLE)}</title></head>
<body><main><h1>Testsida</h1><p id="quote">${escape(HOSTILE_QUOTE)}</p></main></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/sida`, close: () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // Chromium keeps connections alive; do not wait for them
  }) };
}

/** Selects the text of the first element matching `selector`, as a user dragging over it would. */
export async function selectText(page: Page, selector: string): Promise<string> {
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
