/**
 * The sign-in page (Swedish, works without JavaScript): a labelled form that posts to
 * `/auth/login` and returns the user to the safe `return` path.
 */
import { html, type SafeHtml } from './html';
import { layout } from './layout';

export interface LoginPageOptions {
  returnPath: string;
  username?: string;
  error?: string;
}

/** The whole sign-in page; `error` re-renders it after a failed attempt (announced with role=alert). */
export function loginPage({ returnPath, username = '', error }: LoginPageOptions): SafeHtml {
  const errorId = 'inloggning-fel';
  const invalid = error ? html` aria-invalid="true" aria-describedby="${errorId}"` : '';
  return layout(
    { title: 'Logga in', session: undefined, path: '/logga-in' },
    html`<h1>Logga in</h1>
<p>Logga in med ditt konto för att skicka idéer och se dem du redan har skickat.</p>
${error ? html`<p id="${errorId}" class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/auth/login" class="card">
  <input type="hidden" name="return" value="${returnPath}">
  <label for="username">Användarnamn</label>
  <input id="username" name="username" autocomplete="username" required value="${username}"${invalid}>
  <label for="password">Lösenord</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
  <div><button type="submit" class="primary">Logga in</button></div>
</form>
<p class="muted">Demo: <strong>anna</strong> / <strong>demo</strong> (medarbetare) eller <strong>ivan</strong> / <strong>demo</strong> (innovationsteamet).</p>`,
  );
}
