/**
 * An intranet address as a person reads it. The URL parser stores a host name in ASCII
 * (`https://xn--intrant-bxa.kommun.se`); the options field shows it in its own letters
 * (`https://intranät.kommun.se`), as the person typed it or IT's policy set it, and
 * `checkIntranetUrl` (./settings.ts) turns the shown form back into the stored one on save.
 * Only for an address the person or their IT chose: a page's address from outside stays as the
 * browser gives it. Look-alikes stay ASCII too (docs/adr/028): a label is shown decoded only when
 * its letters are Latin ones from Latin-1 or Latin Extended-A (å, ä, ö, é, ü, ø, æ, ł …), so
 * `xn--80ak6aa92e.com` (Cyrillic "аррӏе.com") is not dressed up as a familiar name.
 */
// `punycode/`, not `punycode`: the bare name is Node's deprecated built-in, which a browser bundle does not have.
import { toUnicode } from 'punycode/';

/** A decoded label that may be shown: ASCII letters, digits and hyphens, and European Latin letters (no ×, ÷). */
const READABLE_LABEL = /^[a-z0-9\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f-]+$/;

/** `url` with its host name's labels in Unicode where they may be shown; anything that does not parse comes back as it was. */
export function readableUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.hostname.split('.').some((label) => label.startsWith('xn--'))) return url;
  const at = url.indexOf(parsed.host, url.indexOf('//') + 2);
  if (at < 0) return url;
  try {
    const host = parsed.host
      .split('.')
      .map((label) => {
        const decoded = label.startsWith('xn--') ? toUnicode(label) : label;
        return READABLE_LABEL.test(decoded.replace(/:\d+$/, '')) ? decoded : label;
      })
      .join('.');
    const shown = url.slice(0, at) + host + url.slice(at + parsed.host.length);
    // Shown only if it is the same address again: a label that is not valid punycode stays as stored.
    return new URL(shown).host === parsed.host ? shown : url;
  } catch {
    return url;
  }
}
