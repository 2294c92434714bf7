/**
 * Which language a page is in. Swedish by default (DESIGN section 11); `?lang=en` or `?lang=sv` on
 * any page switches and is remembered in a cookie, so the switch link in the page header works
 * without JavaScript and the choice follows the user from page to page.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context';
import { html, type SafeHtml } from './html';

export type PageLang = 'sv' | 'en';

export const LANG_COOKIE = 'intranet-lang';

/**
 * The language the organisation's own content is written in: seeded challenges are Swedish.
 * Marked with `lang` on English pages so screen readers pronounce it right (WCAG 3.1.2).
 */
export const CONTENT_LANG: PageLang = 'sv';

const isLang = (value: string | undefined): value is PageLang => value === 'sv' || value === 'en';

/** Mount before the pages: sets `c.var.lang`, and remembers a `?lang=` choice. */
export function langMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('lang', chooseLang(c));
    await next();
  };
}

function chooseLang(c: Context<AppEnv>): PageLang {
  const asked = c.req.query('lang');
  if (isLang(asked)) {
    setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const remembered = getCookie(c, LANG_COOKIE);
  return isLang(remembered) ? remembered : 'sv';
}

/** ` lang="…"` for an element holding text in `textLang` on a page in `pageLang`; nothing when they are the same. */
export function langAttr(textLang: string, pageLang: PageLang): SafeHtml | '' {
  return textLang === pageLang ? '' : html` lang="${textLang}"`;
}
