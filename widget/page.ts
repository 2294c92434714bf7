/**
 * The host page as the widget sees it: when to start work, where the page is, where to sign in.
 * Only window/document access of the widget outside its element lives here.
 */
import { isCleanText, isSafeHttpUrl } from '../shared/domain/validation';
import { LIMITS, type IdeaSource } from '../shared/domain/idea';

/**
 * Runs `fn` once the page has loaded and the main thread is idle, so embedding the widget adds no
 * work (IndexedDB open, sync start) to the host page's load. Returns a cancel function.
 */
export function afterLoadIdle(fn: () => void): () => void {
  let cancelled = false;
  const run = () => {
    if (cancelled) return;
    const idle = globalThis.requestIdleCallback;
    if (idle) idle(() => !cancelled && fn(), { timeout: 1500 });
    else setTimeout(() => !cancelled && fn(), 1);
  };
  if (document.readyState === 'complete') run();
  else addEventListener('load', run, { once: true });
  return () => {
    cancelled = true;
  };
}

/** The page an idea is written on, as its `source`: only an http(s) address and a clean title. */
export function pageSource(): IdeaSource | undefined {
  // An address past the limit (a long search or SharePoint query) comes without its query, rather than not at all.
  const url = [location.href, location.origin + location.pathname].find(isSafeHttpUrl);
  if (!url) return undefined;
  const title = [...document.title.trim()].slice(0, LIMITS.sourceTitleMax).join('');
  return title && isCleanText(title) ? { url, title } : { url };
}

/** True when `url` is this page (same origin and path; query and fragment ignored). */
export function isThisPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.origin === location.origin && u.pathname === location.pathname;
  } catch {
    return false;
  }
}

/**
 * The intranet's sign-in page, returning to this page after sign-in: the one its 401 named
 * (`signInUrl`), else `/login` on the API's origin, with `return=<current path>` (the full address
 * when it is on another origin). Undefined unless it is an http(s) URL.
 */
export function loginUrl(apiBase: string, signInUrl?: string): string | undefined {
  try {
    const url = signInUrl ? new URL(signInUrl) : new URL('/login', new URL(apiBase, location.href));
    const here = url.origin === location.origin ? location.pathname + location.search : location.href;
    url.searchParams.set('return', here);
    return isSafeHttpUrl(url.href) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An API base resolved against the page, so that equal bases share one runtime. Throws for one that
 * is no http(s) address: a fetch to `ftp:` or `javascript:` would fail like an intranet that does not
 * answer, and the ideas would wait for good instead of the page saying it is set up wrongly.
 */
export function resolveApiBase(apiBase: string): string {
  const url = new URL(apiBase || '/api/idesluss/v1', location.href);
  if (!/^https?:$/.test(url.protocol)) throw url;
  return url.href.replace(/\/+$/, '');
}

/** `resolveApiBase`, or `''` for an `api-base` that is no http(s) address (a page editor's typo, `http://[x`, `ftp:`). */
export function safeApiBase(apiBase: string): string {
  try {
    return resolveApiBase(apiBase);
  } catch {
    return '';
  }
}

/**
 * The database, change channel and sync lock of the runtime for the resolved API `base`. The sync
 * engine sends every queued idea in its database, so each API base needs its own: an idea written in
 * a widget for one API must never go to another. The default base keeps the plain names (undefined:
 * the shared core's defaults), where drafts written before this split live.
 */
export function storageNames(base: string): { db?: string; channel?: string; lock?: string } {
  if (base === resolveApiBase('')) return {};
  return { db: `idesluss ${base}`, channel: `idesluss-changes ${base}`, lock: `idesluss-sync ${base}` };
}

/**
 * Per-tab memory (sessionStorage survives a reload, one per tab) of the draft a widget was editing.
 * It can throw (storage disabled); remembering is only a convenience.
 */
export function remember(key: string, id: string): void {
  try {
    sessionStorage.setItem(key, id);
  } catch {
    // no per-tab memory: the page's latest draft is restored instead
  }
}

/** The id remembered under `key` in this tab, if any. */
export function recall(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}
