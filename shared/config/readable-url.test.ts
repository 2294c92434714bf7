import { describe, expect, it } from 'vitest';
import { readableUrl } from './readable-url';
import { checkIntranetUrl } from './settings';

describe('readableUrl', () => {
  it('shows a stored ASCII host name in its own letters, and saving what is shown stores the same address', () => {
    const stored = checkIntranetUrl('https://intranät.växjö.se:8443/idesluss');
    expect(stored).toEqual({ ok: true, value: 'https://xn--intrant-bxa.xn--vxj-qla6g.se:8443/idesluss' });
    const shown = readableUrl(stored.ok ? stored.value : '');
    expect(shown).toBe('https://intranät.växjö.se:8443/idesluss');
    expect(checkIntranetUrl(shown)).toEqual(stored);
  });

  it('leaves ASCII addresses, a path that merely contains "xn--", and what does not parse as they are', () => {
    for (const url of ['https://intranat.kommun.se', 'http://127.0.0.1:8787/xn--abc', 'not a url', '']) expect(readableUrl(url)).toBe(url);
  });

  it('keeps look-alike labels in ASCII: letters outside European Latin are not dressed up as a familiar name', () => {
    expect(readableUrl('https://xn--80ak6aa92e.com')).toBe('https://xn--80ak6aa92e.com'); // Cyrillic "аррӏе"
    expect(readableUrl('https://xn--80ak6aa92e.xn--intrant-bxa.se')).toBe('https://xn--80ak6aa92e.intranät.se');
    expect(readableUrl('https://xn--gthub-n4a.com')).toBe('https://xn--gthub-n4a.com'); // a dotless ı passes for an i
  });

  it('shows a path in its own letters too, but never a space, a slash or an invisible character decoded', () => {
    const stored = checkIntranetUrl('https://INTRANÄT.Kommun.se/idéer/');
    expect(stored).toEqual({ ok: true, value: 'https://xn--intrant-bxa.kommun.se/id%C3%A9er' });
    expect(readableUrl(stored.ok ? stored.value : '')).toBe('https://intranät.kommun.se/idéer');
    expect(checkIntranetUrl(readableUrl(stored.ok ? stored.value : ''))).toEqual(stored);
    for (const url of ['https://a.se/med%20mellanslag', 'https://a.se/a%2Fb', 'https://a.se/x%E2%80%AEy', 'https://a.se/%E0%A4%A']) expect(readableUrl(url)).toBe(url);
    // A query's names and values and the fragment are decoded by the same rule; decomposed accents too (a Mac's file names).
    expect(readableUrl('https://a.se/nyheter/%C3%A5rsm%C3%B6te?s%C3%B6k=f%C3%B6rskola&sida=2#r%C3%A4tt-avsnitt')).toBe('https://a.se/nyheter/årsmöte?sök=förskola&sida=2#rätt-avsnitt');
    // …and left escaped where they would not read as plain letters: a "+" or a space, an "&" or "=" of their own, a slash.
    for (const url of ['https://a.se/?q=f%C3%B6r+skola', 'https://a.se/?q=a%20b', 'https://a.se/?q=a%26b%3Dc', 'https://a.se/#a%2Fb', 'https://a.se/?q=%E2%80%AE']) expect(readableUrl(url)).toBe(url);
    expect(readableUrl('https://a.se/cafe%CC%81.pdf')).toBe('https://a.se/cafe\u0301.pdf');
    for (const url of ['https://a.se/%CD%8F', 'https://a.se/a%CD%8Fb', 'https://a.se/%CC%81x']) expect(readableUrl(url)).toBe(url); // invisible, or a mark with no letter
    // Right-to-left segments stay escaped: shown decoded, two of them would read in swapped order.
    expect(readableUrl('https://a.se/%D7%90%D7%91/%D7%92%D7%93')).toBe('https://a.se/%D7%90%D7%91/%D7%92%D7%93');
  });

  it('leaves a label that is not valid punycode in ASCII rather than failing', () => {
    expect(readableUrl('https://xn--a.kommun.se')).toBe('https://xn--a.kommun.se');
  });
});
