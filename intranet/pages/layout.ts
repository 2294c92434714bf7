/**
 * The frame of every intranet page (in the page's language, with a link to the other; skip link,
 * landmarks, visible focus) and the response helper that adds the security headers. Pages pass
 * SafeHtml from `html` only.
 */
import type { Context } from 'hono';
import type { Session } from '../auth/sessions';
import { isTeam } from '../auth/sessions';
import { html, type SafeHtml } from './html';
import type { PageLang } from './lang';
import { pageMessages } from './messages';

/**
 * Strict: no inline script or style. The widget adopts a constructed stylesheet, which CSP does not
 * govern; only its fallback for browsers without one (of those that run it: Firefox 93–100) is an inline `<style>`.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface LayoutOptions {
  title: string;
  session: Session | undefined;
  /** Path of this page, for the sign-in link's `return` and `aria-current`. */
  path: string;
  /** Load the widget module (pages that embed it). */
  widget?: boolean;
  lang: PageLang;
  /** This page's path and query, kept by the language link (default `path`). */
  here?: string;
}

/**
 * `here` with `?lang=` set to `lang` (other query parameters kept). Always a path on this origin:
 * a requested path such as `//evil.example//attacker.com` must not become the protocol-relative
 * link `//attacker.com` on a page of the trusted intranet.
 */
function withLang(here: string, lang: PageLang): string {
  const url = new URL(here, 'http://same.invalid');
  url.searchParams.set('lang', lang);
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
}

/** A whole HTML document around `body`. */
export function layout(options: LayoutOptions, body: SafeHtml): SafeHtml {
  const { title, session, path, widget = false, lang, here = path } = options;
  const t = pageMessages(lang);
  const links = [
    { href: '/', label: t.nav.start },
    { href: '/nyheter/digital-signering', label: t.nav.news },
    { href: '/utmaningar', label: t.nav.challenges },
    ...(session && isTeam(session.user) ? [{ href: '/inkorg', label: t.nav.inbox }] : []),
  ];
  // `page` on the link to this very page; `true` on its section's link from a page below it (an idea in the inbox, a
  // challenge): a screen reader would otherwise call the inbox's link "current page" while an idea is read.
  const current = (href: string) => (path === href ? 'page' : href !== '/' && path.startsWith(`${href}/`) ? 'true' : undefined);
  // Back to the page as shown (`here`: a page that exists, with its query), not to an address a form was posted to.
  const signIn = `/logga-in?return=${encodeURIComponent(here)}`;
  const other = lang === 'sv' ? ({ lang: 'en', label: 'English' } as const) : ({ lang: 'sv', label: 'Svenska' } as const);
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${t.site}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/intranet.css">
${widget ? html`<script type="module" src="/widget/idesluss-widget.js"></script>` : ''}
</head>
<body>
<a class="skip" href="#innehall">${t.skip}</a>
<header class="site">
  <a class="brand" href="/">${t.site}</a>
  <nav aria-label="${t.mainMenu}"><ul>
    ${links.map((l) => html`<li><a href="${l.href}"${current(l.href) ? html` aria-current="${current(l.href)!}"` : ''}>${l.label}</a></li>`)}
  </ul></nav>
  <div class="user">
    <a href="${withLang(here, other.lang)}" lang="${other.lang}" hreflang="${other.lang}">${other.label}</a>
    ${session
      ? html`<span>${t.signedInAs(session.user.name)}</span>
        <form method="post" action="/auth/logout"><button type="submit">${t.signOut}</button></form>`
      : path === '/logga-in' ? '' : html`<a href="${signIn}">${t.signIn}</a>`}
  </div>
</header>
<main id="innehall" tabindex="-1">
${body}
</main>
<footer class="site">${t.footer}</footer>
</body>
</html>`;
}

/** The 404 page, in the page's language. */
export function notFoundPage(lang: PageLang, session: Session | undefined, path: string): SafeHtml {
  const t = pageMessages(lang);
  return layout({ title: t.notFound.title, session, path, lang }, html`<h1>${t.notFound.title}</h1>
<p><a href="/">${t.notFound.home}</a></p>`);
}

/** A short error page: a heading, what to do, and a way on. */
export function errorPage(
  lang: PageLang, session: Session | undefined, path: string, text: { title: string; body: string },
  back = { href: '/', label: pageMessages(lang).notFound.home }, here?: string,
): SafeHtml {
  return layout({ title: text.title, session, path, lang, ...(here ? { here } : {}) }, html`<h1>${text.title}</h1>
${text.body ? html`<p>${text.body}</p>` : ''}
<p><a href="${back.href}">${back.label}</a></p>`);
}

/** Sends a page with the security headers. */
export function sendPage(c: Context, page: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 413 | 429 | 500 = 200): Response {
  return c.body(page.value, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    // CSP's frame-ancestors says the same; Edge's IE mode (still used for old intranet apps) knows only this header.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
}
