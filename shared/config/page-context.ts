/**
 * The page context that comes along with an idea — address, title, selected text — cut to the
 * limits of DESIGN section 3 and cleaned so that validation accepts it. Whatever a page says is
 * treated as untrusted text: an unsafe address is dropped, never turned into a link.
 */
import { LIMITS, type IdeaSource } from '../domain/idea';
import { codePointLength, isSafeHttpUrl, stripUncleanText } from '../domain/validation';

/**
 * How far into a page's text (UTF-16 units) the cleaning reads: far past every limit (a quote keeps
 * 1,000 characters), and short enough that a page whose selection runs to millions of characters
 * does not hold up the popup (50 million, cleaned whole, took seconds and a gigabyte).
 */
export const PAGE_TEXT_READ_MAX = 100_000;

/**
 * Removes characters validation refuses, collapses runs of blank lines, trims, and cuts at `max` code
 * points, with `…` where it cut (also where it stopped reading at PAGE_TEXT_READ_MAX).
 */
export function cleanPageText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const unread = value.length > PAGE_TEXT_READ_MAX;
  // A pair cut in half leaves a lone surrogate, which stripUncleanText takes out.
  const cleaned = stripUncleanText(unread ? value.slice(0, PAGE_TEXT_READ_MAX) : value).replace(/\n{3,}/g, '\n\n').normalize('NFC').trim();
  const points = Array.from(cleaned);
  if (cleaned === '' || (points.length <= max && !unread)) return cleaned;
  return `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** What a page reported about itself; anything, until checked. */
export interface RawPageContext {
  url?: unknown;
  title?: unknown;
  quote?: unknown;
}

/**
 * The page's address if it may come along: http(s) only, within the limit. An address past the limit
 * (a long query of search terms or tracking parameters) comes without its query and fragment, if that
 * fits, rather than the whole context being dropped with it.
 */
function pageUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isSafeHttpUrl(value)) return value;
  if (codePointLength(value) <= LIMITS.sourceUrlMax) return undefined; // refused for what it is, not for its length
  try {
    const parsed = new URL(value);
    const page = `${parsed.origin}${parsed.pathname}`;
    return value.startsWith(page) && isSafeHttpUrl(page) ? page : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds an `IdeaSource` from what the page reported: only http(s) addresses (extension pages,
 * `file:`, `javascript:` and the like are dropped), title and quote cut to their limits.
 * Returns undefined when nothing is left.
 */
export function pageContextFrom(raw: RawPageContext | undefined): IdeaSource | undefined {
  if (!raw) return undefined;
  const source: IdeaSource = {};
  const url = pageUrl(raw.url);
  if (url) source.url = url;
  const title = cleanPageText(raw.title, LIMITS.sourceTitleMax);
  if (title && source.url) source.title = title;
  const quote = cleanPageText(raw.quote, LIMITS.sourceQuoteMax);
  if (quote) source.quote = quote;
  return Object.keys(source).length > 0 ? source : undefined;
}
