/**
 * An intranet address as a person reads it. The URL parser stores a host name in ASCII
 * (`https://xn--intrant-5wa.kommun.se`); the options field shows it in its own letters
 * (`https://intranät.kommun.se`), as the person typed it or IT's policy set it, and
 * `checkIntranetUrl` (./settings.ts) turns the shown form back into the stored one on save.
 * Only for an address the person or their IT chose: a page's address from outside stays as the
 * browser gives it (Chromium keeps look-alike host names in ASCII on purpose).
 */
// `punycode/`, not `punycode`: the bare name is Node's deprecated built-in, which a browser bundle does not have.
import { toUnicode } from 'punycode/';

/** `url` with its host name in Unicode; anything that does not parse comes back as it was. */
export function readableUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.hostname.split('.').some((label) => label.startsWith('xn--'))) return url;
  const at = url.indexOf(parsed.host);
  if (at < 0) return url;
  try {
    const shown = url.slice(0, at) + toUnicode(parsed.host) + url.slice(at + parsed.host.length);
    // Shown only if it is the same address again: a label that is not valid punycode stays as stored.
    return new URL(shown).host === parsed.host ? shown : url;
  } catch {
    return url;
  }
}
