/**
 * The page context that comes along with an idea — address, title, selected text — cut to the
 * limits of DESIGN section 3 and cleaned so that validation accepts it. Whatever a page says is
 * treated as untrusted text: an unsafe address is dropped, never turned into a link.
 */
import { LIMITS, type IdeaSource } from '../domain/idea';
import { isSafeHttpUrl } from '../domain/validation';

// C0 controls (except tab and newlines), DEL, bidi overrides and isolates: refused by validation.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes characters validation refuses, collapses runs of blank lines, trims, and cuts at `max` code points. */
export function cleanPageText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const cleaned = value.replace(FORBIDDEN, '').replace(LONE_SURROGATE, '').replace(/\n{3,}/g, '\n\n').normalize('NFC').trim();
  const points = Array.from(cleaned);
  return points.length <= max ? cleaned : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** What a page reported about itself; anything, until checked. */
export interface RawPageContext {
  url?: unknown;
  title?: unknown;
  quote?: unknown;
}

/**
 * Builds an `IdeaSource` from what the page reported: only http(s) addresses (extension pages,
 * `file:`, `javascript:` and the like are dropped), title and quote cut to their limits.
 * Returns undefined when nothing is left.
 */
export function pageContextFrom(raw: RawPageContext | undefined): IdeaSource | undefined {
  if (!raw) return undefined;
  const source: IdeaSource = {};
  if (typeof raw.url === 'string' && isSafeHttpUrl(raw.url)) source.url = raw.url;
  const title = cleanPageText(raw.title, LIMITS.sourceTitleMax);
  if (title && source.url) source.title = title;
  const quote = cleanPageText(raw.quote, LIMITS.sourceQuoteMax);
  if (quote) source.quote = quote;
  return Object.keys(source).length > 0 ? source : undefined;
}
