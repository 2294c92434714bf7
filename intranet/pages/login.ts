/**
 * The sign-in page (works without JavaScript): a labelled form that posts to `/auth/login` and
 * returns the user to the safe `return` path.
 */
import type { Session } from '../auth/sessions';
import { html, type SafeHtml } from './html';
import type { PageLang } from './lang';
import { layout } from './layout';
import { pageMessages } from './messages';

export interface LoginPageOptions {
  lang: PageLang;
  returnPath: string;
  username?: string;
  error?: string;
  /** Whoever is signed in already: the header names them and offers "Logga ut", as on every other page. */
  session?: Session | undefined;
  /** Sent here because the session ran out (the browser still had its cookie): says so, rather than nothing. */
  expired?: boolean;
}

/**
 * The whole sign-in page; `error` re-renders it after a failed attempt (announced with role=alert,
 * and leading the page's title, which a screen reader reads first on the new page).
 */
export function loginPage({ lang, returnPath, username = '', error, session, expired = false }: LoginPageOptions): SafeHtml {
  const t = pageMessages(lang);
  const errorId = 'inloggning-fel';
  const invalid = error ? html` aria-invalid="true" aria-describedby="${errorId}"` : '';
  const demo = t.login.demo;
  return layout(
    { title: error ? `${error} ${t.signIn}` : expired && !session ? `${t.login.expired} ${t.signIn}` : t.signIn, session, path: '/logga-in', lang, here: `/logga-in?return=${encodeURIComponent(returnPath)}${expired ? '&utgangen=1' : ''}` },
    html`<h1>${t.signIn}</h1>
<p>${t.login.intro}</p>
${error ? html`<p id="${errorId}" class="error" role="alert">${error}</p>` : expired && !session ? html`<p class="card">${t.login.expired}</p>` : ''}
<form method="post" action="/auth/login" class="card">
  <input type="hidden" name="return" value="${returnPath}">
  <label for="username">${t.login.username}</label>
  <input id="username" name="username" autocomplete="username" required value="${username}"${invalid}>
  <label for="password">${t.login.password}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
  <div><button type="submit" class="primary">${t.signIn}</button></div>
</form>
<p class="muted">Demo: <strong>anna</strong> / <strong>demo</strong> (${demo.employee}) ${demo.or} <strong>ivan</strong> / <strong>demo</strong> (${demo.team}).</p>`,
  );
}
