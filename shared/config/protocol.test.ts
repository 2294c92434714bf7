import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain/idea';
import { validateIdea } from '../domain/validation';
import { isOwnExtensionSender, parseMessage } from './messages';
import { cleanPageText, PAGE_TEXT_READ_MAX, pageContextFrom } from './page-context';

describe('parseMessage', () => {
  it('accepts exactly our message types', () => {
    expect(parseMessage({ type: 'sync-now' })).toEqual({ type: 'sync-now' });
    expect(parseMessage({ type: 'submitted' })).toEqual({ type: 'submitted' });
    expect(parseMessage({ type: 'settings-changed' })).toEqual({ type: 'settings-changed' });
    expect(parseMessage({ type: 'popup-opened' })).toEqual({ type: 'popup-opened' });
  });

  it.each([null, 'sync-now', [{ type: 'sync-now' }], { type: 'delete-all' }, { type: 'sync-now', extra: 1 }, { type: 1 }])('refuses %j', (value) => {
    expect(parseMessage(value)).toBeUndefined();
  });
});

describe('isOwnExtensionSender', () => {
  const id = 'mefjplfhbhfjiipmlgnfhfaefbdfgmmh';
  const origin = `chrome-extension://${id}/`;
  it('accepts our own pages only', () => {
    expect(isOwnExtensionSender({ id, url: `${origin}popup.html` }, id, origin)).toBe(true);
    expect(isOwnExtensionSender({ id, url: `chrome-extension://${id}/options.html` }, id, origin.slice(0, -1))).toBe(true);
  });
  it('refuses other extensions, web pages and content scripts', () => {
    expect(isOwnExtensionSender({ id: 'other', url: `${origin}popup.html` }, id, origin)).toBe(false);
    expect(isOwnExtensionSender({ id, url: 'https://evil.example/' }, id, origin)).toBe(false);
    expect(isOwnExtensionSender({ id, url: `chrome-extension://${id}evil/x.html` }, id, origin)).toBe(false);
    expect(isOwnExtensionSender({ id }, id, origin)).toBe(false);
  });
  it('judges by the URL, not by the tab: our page open in a tab is ours, a content script in a page is not', () => {
    // Both carry `tab`, as runtime.MessageSender does for them; a content script has our id and its page's URL.
    const ownPageInTab = { id, url: `${origin}options.html`, tab: { id: 7 } };
    const contentScript = { id, url: 'https://intranet.example/nyheter', tab: { id: 8 }, frameId: 0 };
    expect(isOwnExtensionSender(ownPageInTab, id, origin)).toBe(true);
    expect(isOwnExtensionSender(contentScript, id, origin)).toBe(false);
  });
});

describe('pageContextFrom', () => {
  it('keeps a normal page verbatim, markup included, as text', () => {
    const raw = { url: 'https://intranet.example/news?id=1', title: '<img src=x onerror=alert(1)> Nyheter', quote: 'Vi borde <b>testa</b> detta' };
    expect(pageContextFrom(raw)).toEqual(raw);
  });

  it('drops unsafe addresses and the title that came with them, keeps the quote', () => {
    expect(pageContextFrom({ url: 'javascript:alert(1)', title: 'T', quote: 'q' })).toEqual({ quote: 'q' });
    expect(pageContextFrom({ url: 'chrome-extension://abc/popup.html', title: 'Idésluss' })).toBeUndefined();
    expect(pageContextFrom({ url: 42, title: {}, quote: [] })).toBeUndefined();
  });

  it('cuts long text to the limits and strips characters validation refuses, so the idea validates', () => {
    const source = pageContextFrom({ url: 'https://a.se/', title: 'x'.repeat(999), quote: `a\u202Eb\u0000c ${'💡'.repeat(2000)}` });
    expect(Array.from(source!.title!)).toHaveLength(LIMITS.sourceTitleMax);
    expect(Array.from(source!.quote!)).toHaveLength(LIMITS.sourceQuoteMax);
    expect(source!.quote!.startsWith('abc ')).toBe(true);
    expect(validateIdea({ title: 'x', source }).ok).toBe(true);
  });

  it('keeps a page whose address is past the limit, without its query, rather than drop the context', () => {
    const long = `https://intranet.example/sok/resultat?q=${'ord+'.repeat(700)}#traff`;
    expect(pageContextFrom({ url: long, title: 'Sökresultat' })).toEqual({ url: 'https://intranet.example/sok/resultat', title: 'Sökresultat' });
    // A path past the limit on its own: nothing of the address fits, so it and its title stay behind.
    expect(pageContextFrom({ url: `https://intranet.example/${'a'.repeat(LIMITS.sourceUrlMax)}`, title: 'T' })).toBeUndefined();
    expect(pageContextFrom({ url: `javascript:${'a'.repeat(LIMITS.sourceUrlMax)}`, title: 'T' })).toBeUndefined();
  });

  it('trims and collapses blank lines', () => {
    expect(cleanPageText('  a\n\n\n\nb  ', 100)).toBe('a\n\nb');
  });

  it('reads no further into a page’s text than PAGE_TEXT_READ_MAX, and marks what it cut', () => {
    // A hostile page can select millions of characters: cleaned whole, 50 million held the popup for seconds.
    expect(cleanPageText(`${' '.repeat(PAGE_TEXT_READ_MAX)}dold`, 100)).toBe('');
    expect(cleanPageText(`${'\n'.repeat(PAGE_TEXT_READ_MAX - 3)}abcdef`, 100)).toBe('abc…');
    expect(cleanPageText(`${'\n'.repeat(PAGE_TEXT_READ_MAX - 6)}abcdef`, 100)).toBe('abcdef');
    expect(cleanPageText(`${'💡'.repeat(PAGE_TEXT_READ_MAX)}`, 3)).toBe('💡💡…');
    expect(pageContextFrom({ url: 'https://a.se/', quote: `${'\n'.repeat(PAGE_TEXT_READ_MAX - 1)}x y` })).toEqual({ url: 'https://a.se/', quote: 'x…' });
  });
});
