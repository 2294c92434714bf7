/**
 * The frame of every intranet page (Swedish, `lang="sv"`, skip link, landmarks, visible focus) and
 * the response helper that adds the security headers. Pages pass SafeHtml from `html` only.
 */
import type { Context } from 'hono';
import type { Session } from '../auth/sessions';
import { isTeam } from '../auth/sessions';
import { html, type SafeHtml } from './html';

/** Strict enough to stop injected script, loose enough for the widget's shadow-root styles. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
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
}

const NAV = [
  { href: '/', label: 'Start' },
  { href: '/nyheter/digital-signering', label: 'Nyheter' },
  { href: '/utmaningar', label: 'Utmaningar' },
] as const;

/** A whole HTML document around `body`. */
export function layout(options: LayoutOptions, body: SafeHtml): SafeHtml {
  const { title, session, path, widget = false } = options;
  const links = [...NAV, ...(session && isTeam(session.user) ? [{ href: '/inkorg', label: 'Inkorg' }] : [])];
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  const signIn = `/logga-in?return=${encodeURIComponent(path)}`;
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Intranätet</title>
<link rel="stylesheet" href="/assets/intranet.css">
${widget ? html`<script type="module" src="/widget/idesluss-widget.js"></script>` : ''}
</head>
<body>
<a class="skip" href="#innehall">Hoppa till innehållet</a>
<header class="site">
  <a class="brand" href="/">Intranätet</a>
  <nav aria-label="Huvudmeny"><ul>
    ${links.map((l) => html`<li><a href="${l.href}"${current(l.href) ? html` aria-current="page"` : ''}>${l.label}</a></li>`)}
  </ul></nav>
  <div class="user">
    ${session
      ? html`<span>Inloggad som ${session.user.name}</span>
        <form method="post" action="/auth/logout"><button type="submit">Logga ut</button></form>`
      : path === '/logga-in' ? '' : html`<a href="${signIn}">Logga in</a>`}
  </div>
</header>
<main id="innehall" tabindex="-1">
${body}
</main>
<footer class="site">Demo-intranät för Idésluss. Alla namn och texter är påhittade.</footer>
</body>
</html>`;
}

/** Sends a page with the security headers. */
export function sendPage(c: Context, page: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 429 = 200): Response {
  return c.body(page.value, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
}
