/**
 * The reference intranet's pages in both languages and the inbox's workflow (DESIGN section 11;
 * an audit of 2026-11-27): Swedish by default, English on `?lang=en` and remembered, ideas marked
 * with their own language, error pages in the page's language, the filter kept through an idea and
 * a status change, the list in pages of 50, and a status change after the session ran out
 * returning to the idea rather than to a 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

let intranet: TestIntranet;
let anna: TestLogin;
let ivan: TestLogin;

beforeAll(async () => {
  intranet = await startTestIntranet();
  [anna, ivan] = await Promise.all([intranet.login('anna'), intranet.login('ivan')]);
});
afterAll(async () => {
  await intranet?.close();
});

const page = (path: string, cookie?: string, init: RequestInit = {}) =>
  intranet.fetch(`${intranet.url}${path}`, { redirect: 'manual', ...init, headers: { ...(cookie ? { Cookie: cookie } : {}), ...(init.headers as Record<string, string>) } });

async function putIdea(body: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const r = await intranet.fetch(`${intranet.apiBase}/ideas/${id}`, {
    method: 'PUT',
    headers: { Cookie: anna.cookie, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'test/1' },
    body: JSON.stringify({ description: '', ...body }),
  });
  expect(r.status).toBe(201);
  return id;
}

const csrfOf = (text: string) => /name="csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

describe('language', () => {
  it('is Swedish by default; ?lang=en renders English and is remembered in a cookie; ?lang=sv switches back', async () => {
    const sv = await (await page('/')).text();
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toMatch(/<a href="\/\?lang=en" lang="en" hreflang="en">English<\/a>/);

    const r = await page('/utmaningar?lang=en');
    const en = await r.text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Challenges</h1>');
    expect(en).toMatch(/<a href="\/utmaningar\?lang=sv" lang="sv" hreflang="sv">Svenska<\/a>/);
    expect(en).not.toMatch(/Hoppa till innehållet|Logga in<|Huvudmeny/);
    // Seeded challenges are Swedish content: marked so, on an English page.
    expect(en).toMatch(/<h3 lang="sv"><a href="\/utmaningar\//);
    const cookie = /intranet-lang=en/.exec(r.headers.get('Set-Cookie') ?? '')?.[0];
    expect(cookie).toBe('intranet-lang=en');

    expect(await (await page('/logga-in', cookie)).text()).toContain('<h1>Sign in</h1>');
    const back = await page('/logga-in?lang=sv', cookie);
    expect(await back.text()).toContain('<h1>Logga in</h1>');
    expect(back.headers.get('Set-Cookie')).toContain('intranet-lang=sv');
  });

  it('says a wrong password, a 404 and a refusal in English, and keeps the return path in the language link', async () => {
    const wrong = await page('/auth/login', 'intranet-lang=en', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: intranet.origin },
      body: new URLSearchParams({ username: 'anna', password: 'fel', return: '/inkorg' }).toString(),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('role="alert">Incorrect username or password.</p>');
    expect(await (await page('/finns-inte?lang=en')).text()).toContain('<h1>Page not found</h1>');
    expect(await (await page('/inkorg?lang=en', anna.cookie)).text()).toContain('<h1>No access</h1>');
    expect(await (await page('/logga-in?return=%2Finkorg')).text()).toContain('href="/logga-in?return=%2Finkorg&amp;lang=en"');
  });

  it('keeps the language link on this origin whatever path was asked for', async () => {
    const text = await (await page('//evil.example//attacker.com')).text();
    expect(text).toContain('<h1>Sidan finns inte</h1>');
    const hrefs = [...text.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => h.startsWith('//') || /^[a-z]+:/i.test(h))).toEqual([]);
    expect(hrefs).toContain('/attacker.com?lang=en');
  });

  it("marks an idea's own text with its language when it differs from the page's", async () => {
    const id = await putIdea({ title: 'Fewer paper forms', description: 'Use e-signing.', lang: 'en', kind: 'idea' });
    const sv = await (await page(`/inkorg/ideer/${id}`, ivan.cookie)).text();
    // …each in its own direction too (dir="auto": an idea in Arabic or Hebrew).
    expect(sv).toContain('<h1 dir="auto" lang="en">Fewer paper forms</h1>');
    expect(sv).toContain('<p class="pre" dir="auto" lang="en">Use e-signing.</p>');
    const en = await (await page(`/inkorg/ideer/${id}?lang=en`, ivan.cookie)).text();
    expect(en).toContain('<h1 dir="auto">Fewer paper forms</h1>');
    expect(en).toContain('<dt>Language</dt><dd>English</dd>');
  });

  it('sends a reload of the failed sign-in address to the sign-in page', async () => {
    const r = await page('/auth/login?return=%2Finkorg');
    expect(r.status).toBe(303);
    expect(r.headers.get('Location')).toBe('/logga-in?return=%2Finkorg');
  });
});

describe('inbox workflow', () => {
  it('orders the list by title with Swedish rules, by status or oldest first, and keeps the order in links', async () => {
    const ids = [await putIdea({ title: 'Zz sortering', lang: 'sv', kind: 'idea' }), await putIdea({ title: 'Öö sortering', lang: 'sv', kind: 'idea' }), await putIdea({ title: 'Aa sortering', lang: 'sv', kind: 'idea' })];
    const order = (text: string) => ['Aa sortering', 'Zz sortering', 'Öö sortering'].map((t) => text.indexOf(t)).join(' < ');
    const positions = (text: string) => ['Aa sortering', 'Zz sortering', 'Öö sortering'].map((t) => text.indexOf(t));
    const byTitle = await (await page('/inkorg?q=sortering&sort=title', ivan.cookie)).text();
    const [a, z, o] = positions(byTitle);
    expect(a! < z! && z! < o!, order(byTitle)).toBe(true); // Ö after Z, as in Swedish
    expect(byTitle).toContain(`href="/inkorg/ideer/${ids[2]}?q=sortering&amp;sort=title"`);
    expect(byTitle).toContain('<option value="title" selected>Rubrik A–Ö</option>');
    const newest = positions(await (await page('/inkorg?q=sortering', ivan.cookie)).text());
    expect(newest[0]! < newest[1]!).toBe(true); // Aa was sent last
    const oldest = positions(await (await page('/inkorg?q=sortering&sort=oldest', ivan.cookie)).text());
    expect(oldest[1]! < oldest[0]!).toBe(true); // Zz was sent first
  });

  it('searches title and description with Swedish case folding, and keeps the search in links and the export', async () => {
    const hit = await putIdea({ title: 'Cykelställ vid ÄRLANS förskola', description: 'Fler platser.', lang: 'sv', kind: 'idea' });
    const inText = await putIdea({ title: 'Parkering', description: 'Som vid ärlans förskola', lang: 'sv', kind: 'idea' });
    const miss = await putIdea({ title: 'Ärtsoppa på torsdagar', lang: 'sv', kind: 'idea' });
    const list = await (await page(`/inkorg?q=${encodeURIComponent('ärlans')}`, ivan.cookie)).text();
    expect(list).toContain(`href="/inkorg/ideer/${hit}?q=%C3%A4rlans"`);
    expect(list).toContain(`href="/inkorg/ideer/${inText}?q=%C3%A4rlans"`);
    expect(list).not.toContain(miss);
    expect(list).toContain('<input id="f-q" name="q" type="search" maxlength="200" value="ärlans">');
    expect(list).toContain('href="/inkorg/export.csv?q=%C3%A4rlans"');
    const csv = await (await page('/inkorg/export.csv?q=%C3%84RLANS', ivan.cookie)).text();
    expect(csv).toContain(hit);
    expect(csv).not.toContain(miss);
    // Longer than the field takes (an address edited by hand): searched by its first 200, shown so, not dropped.
    const long = await (await page(`/inkorg?q=${encodeURIComponent(`ärlans ${'x'.repeat(193)}😀 rest`)}`, ivan.cookie)).text();
    expect(long).toContain(`<input id="f-q" name="q" type="search" maxlength="200" value="ärlans ${'x'.repeat(193)}">`);
    expect(long).not.toContain(hit); // nothing has that text: the search was made, not left out
  });

  it('exports for Excel with ";" and column names in the page language, and links to it with the filter', async () => {
    expect(await (await page('/inkorg?kind=idea', ivan.cookie)).text()).toContain('href="/inkorg/export.csv?kind=idea&amp;for=excel">Exportera för Excel</a>');
    const sv = await (await page('/inkorg/export.csv?for=excel', ivan.cookie)).text();
    expect(sv.startsWith('"Id";"Rubrik";"Beskrivning";"Typ";')).toBe(true);
    const enResponse = await page('/inkorg/export.csv?for=excel&lang=en', ivan.cookie);
    expect(enResponse.headers.get('Content-Disposition')).toMatch(/filename="idesluss-ideas-\d{4}-\d\d-\d\d-excel\.csv"/); // named in English too
    const en = await enResponse.text();
    expect(en.startsWith('"ID";"Title";"Description";"Type";')).toBe(true);
    const plain = await (await page('/inkorg/export.csv', ivan.cookie)).text();
    expect(plain.startsWith('"id","title","description","kind",')).toBe(true);
  });

  it('keeps the filter through an idea and a status change, and says "saved" in the title', async () => {
    const id = await putIdea({ title: 'Filtrerad idé', lang: 'sv', kind: 'good-example' });
    const list = await (await page('/inkorg?kind=good-example', ivan.cookie)).text();
    expect(list).toContain(`href="/inkorg/ideer/${id}?kind=good-example"`);
    const detail = await (await page(`/inkorg/ideer/${id}?kind=good-example`, ivan.cookie)).text();
    expect(detail).toContain('<a href="/inkorg?kind=good-example"><span aria-hidden="true">← </span>Till inkorgen</a>');
    const saved = await page(`/inkorg/ideer/${id}/status?kind=good-example`, ivan.cookie, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: intranet.origin },
      body: new URLSearchParams({ status: 'in-review', csrf: csrfOf(detail) }).toString(),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe(`/inkorg/ideer/${id}?kind=good-example&sparad=1`);
    const after = await (await page(saved.headers.get('Location')!, ivan.cookie)).text();
    expect(after).toContain('<title>Statusen är sparad. Filtrerad idé – Intranätet</title>');
  });

  it('shows a refused form as a page in its language, with the way back to the idea and the filtered list', async () => {
    const id = await putIdea({ title: 'Utgånget formulär', lang: 'sv', kind: 'idea' });
    const post = (body: Record<string, string>) => page(`/inkorg/ideer/${id}/status?kind=idea`, ivan.cookie, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: intranet.origin },
      body: new URLSearchParams(body).toString(),
    });
    const r = await post({ status: 'no-such-status', csrf: 'gammal' });
    expect(r.status).toBe(403);
    expect(r.headers.get('Content-Type')).toContain('text/html');
    const text = await r.text();
    expect(text).toContain('<h1>Formuläret har gått ut</h1>');
    expect(text).toContain(`<a href="/inkorg/ideer/${id}?kind=idea">Tillbaka till idén</a>`);
    // A form of an older sign-in (a tab left open while the person signed in again elsewhere): the choice comes back.
    const old = await post({ status: 'in-review', csrf: 'gammal' });
    expect(old.status).toBe(303);
    expect(old.headers.get('Location')).toBe(`/inkorg/ideer/${id}?kind=idea&valj=in-review`);
    const back = await (await page(old.headers.get('Location')!, ivan.cookie)).text();
    expect(back).toContain('<a href="/inkorg?kind=idea">');
  });

  it('returns a status change made after the session ran out to the idea, not to the form address', async () => {
    const id = await putIdea({ title: 'Efter utloggning', lang: 'sv', kind: 'idea' });
    const r = await page(`/inkorg/ideer/${id}/status`, undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: intranet.origin },
      body: new URLSearchParams({ status: 'in-review', csrf: 'x' }).toString(),
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('Location')).toBe(`/logga-in?return=${encodeURIComponent(`/inkorg/ideer/${id}?valj=in-review`)}`);
    // Back after sign-in: the choice is filled in, and the page says it was not saved (in its title too).
    const back = await (await page(`/inkorg/ideer/${id}?valj=in-review`, ivan.cookie)).text();
    expect(back).toContain('<title>Statusen sparades inte: sidan öppnades innan du loggade in senast.');
    expect(back).toContain('<p role="status" class="card">Statusen sparades inte');
    expect(back).toContain('<option value="in-review" selected>');
    const en = await (await page(`/inkorg/ideer/${id}?valj=in-review&lang=en`, ivan.cookie)).text();
    expect(en).toContain('The status was not saved: this page was opened before you last signed in.');
  });

  it('lists 50 ideas a page, with links to the next and previous pages that keep the filter', async () => {
    for (let i = 0; i < 52; i++) await putIdea({ title: `Sida ${i}`, lang: 'sv', kind: 'challenge' });
    const first = await (await page('/inkorg?kind=challenge', ivan.cookie)).text();
    expect(first.match(/<tr>/g)?.length).toBe(51); // the header row and 50 ideas
    expect(first).toContain('Visar 1–50 av 52 idéer.');
    expect(first).toContain('<a href="/inkorg?kind=challenge&amp;sida=2" rel="next">Nästa sida</a>');
    expect(first).not.toContain('rel="prev"');
    const second = await (await page('/inkorg?kind=challenge&sida=2', ivan.cookie)).text();
    expect(second.match(/<tr>/g)?.length).toBe(3);
    expect(second).toContain('Visar 51–52 av 52 idéer.');
    expect(second).toContain('<a href="/inkorg?kind=challenge&amp;sida=1" rel="prev">Föregående sida</a>');
    // A page past the end shows the last one.
    expect(await (await page('/inkorg?kind=challenge&sida=99', ivan.cookie)).text()).toContain('Visar 51–52 av 52 idéer.');
    expect(second).toContain('<span aria-current="page">Sida 2 av 2</span>');
    expect(second).not.toContain('rel="first"'); // one step back is the first page already
  });

  it('has links to the first and the last page from a page in the middle, in both languages', async () => {
    for (let i = 0; i < 201; i++) await putIdea({ title: `Mitten ${i}`, lang: 'sv', kind: 'good-example' }); // 5 pages
    const links = async (sida: number, lang = '') => {
      const text = await (await page(`/inkorg?kind=good-example&sort=title&sida=${sida}${lang}`, ivan.cookie)).text();
      return [...text.matchAll(/<a href="([^"]*)" rel="(first|prev|next|last)">([^<]*)<\/a>/g)].map(([, href, rel, label]) => `${rel} ${label} ${href}`);
    };
    const to = (n: number) => `/inkorg?kind=good-example&amp;sort=title&amp;sida=${n}`;
    expect(await links(3)).toEqual([`first Första sidan ${to(1)}`, `prev Föregående sida ${to(2)}`, `next Nästa sida ${to(4)}`, `last Sista sidan ${to(5)}`]);
    expect(await links(2)).toEqual([`prev Föregående sida ${to(1)}`, `next Nästa sida ${to(3)}`, `last Sista sidan ${to(5)}`]);
    expect(await links(4, '&lang=en')).toEqual([`first First page ${to(1)}`, `prev Previous page ${to(3)}`, `next Next page ${to(5)}`]);
    const en = await (await page('/inkorg?kind=good-example&sida=4&lang=en', ivan.cookie)).text();
    expect(en).toContain('<span aria-current="page">Page 4 of 5</span>');
  });
});
