/**
 * An intranet address as a person reads it. The URL parser stores a host name in ASCII
 * (`https://xn--intrant-bxa.kommun.se`); the options field shows it in its own letters
 * (`https://intranät.kommun.se`), as the person typed it or IT's policy set it, and
 * `checkIntranetUrl` (./settings.ts) turns the shown form back into the stored one on save.
 * The popup shows a page's address (the idea's context) this way too; what is stored and sent stays
 * as the browser gave it. Look-alikes stay ASCII (docs/adr/028): a label is shown decoded only when
 * its letters are Latin ones from Latin-1 or Latin Extended-A (å, ä, ö, é, ü, ø, æ, ł …), so
 * `xn--80ak6aa92e.com` (Cyrillic "аррӏе.com") is not dressed up as a familiar name.
 */
// `punycode/`, not `punycode`: the bare name is Node's deprecated built-in, which a browser bundle does not have.
import { toUnicode } from 'punycode/';

/**
 * A decoded label that may be shown: ASCII letters, digits and hyphens, and European Latin letters (no ×, ÷), less
 * the ones that pass for an ASCII letter: dotless ı, kra ĸ, ŀ, ŉ and long ſ (`xn--gthub-n4a` is "gıthub").
 */
const READABLE_LABEL = /^(?![^]*[\u0131\u0138\u0140\u0149\u017f])[a-z0-9\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f-]+$/;

/**
 * A path segment that may be shown decoded: Latin letters (also with combining accents after them, as a Mac names
 * files, less the invisible combining grapheme joiner U+034F),
 * ASCII digits and the unreserved marks (no space, no invisible character, and no right-to-left letters, which
 * would show two segments in swapped order).
 */
const READABLE_SEGMENT = /^(?:[\p{Script=Latin}0-9._~-][\u0300-\u034e\u0350-\u036f]*)*$/u;

/** `url` with its host name's labels in Unicode where they may be shown; anything that does not parse comes back as it was. */
export function readableUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const shownPath = readablePath(url);
  if (!parsed.hostname.split('.').some((label) => label.startsWith('xn--'))) return shownPath;
  const at = shownPath.indexOf(parsed.host, shownPath.indexOf('//') + 2);
  if (at < 0) return shownPath;
  try {
    const host = parsed.host
      .split('.')
      .map((label) => {
        const decoded = label.startsWith('xn--') ? toUnicode(label) : label;
        return READABLE_LABEL.test(decoded.replace(/:\d+$/, '')) ? decoded : label;
      })
      .join('.');
    const shown = shownPath.slice(0, at) + host + shownPath.slice(at + parsed.host.length);
    // Shown only if it is the same address again: a label that is not valid punycode stays as stored.
    return new URL(shown).host === parsed.host ? shown : shownPath;
  } catch {
    return shownPath;
  }
}

/**
 * `url` with its path's, query's and fragment's percent-escapes decoded where each part then reads as plain letters
 * (`/idéer?sök=förskola#avsnitt`, not `/id%C3%A9er?s%C3%B6k=f%C3%B6rskola#avsnitt`): path segments, a query's names
 * and values (split at `&` and `=`), the fragment whole. A part that would not read as Latin letters, digits and
 * `._~-` stays escaped (a `+` or a space, a slash, an invisible character, right-to-left letters).
 */
function readablePath(url: string): string {
  // The path as written: from the first "/" after the authority (a host has none), up to "?" or "#".
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0 || !url.includes('%', start)) return url;
  const hashAt = url.indexOf('#', start);
  const end = hashAt < 0 ? url.length : hashAt;
  const queryAt = url.indexOf('?', start);
  const pathEnd = queryAt >= 0 && queryAt < end ? queryAt : end;
  const path = url.slice(start, pathEnd).split('/').map(readableSegment).join('/');
  const query = url.slice(pathEnd, end).split(/([?&=])/).map((part) => (/^[?&=]$/.test(part) ? part : readableSegment(part))).join('');
  const fragment = hashAt < 0 ? '' : `#${readableSegment(url.slice(hashAt + 1))}`;
  return url.slice(0, start) + path + query + fragment;
}

/** One part of an address decoded, if it then reads as Latin letters, ASCII digits and `._~-`; else as it was. */
function readableSegment(part: string): string {
  try {
    const decoded = decodeURIComponent(part);
    return READABLE_SEGMENT.test(decoded) ? decoded : part;
  } catch {
    return part;
  }
}
