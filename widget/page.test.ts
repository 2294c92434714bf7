// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IdeslussSavedEvent, IdeslussSentEvent, IdeslussSubmittedEvent } from './events';
import { widgetMessages } from './messages';
import { isThisPage, loginUrl, pageSource, recall, remember, resolveApiBase, storageNames } from './page';

const here = 'http://intranet.example/utmaningar/farre?x=1#top';

beforeAll(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(here);
});

afterEach(() => {
  document.title = '';
});

describe('the host page', () => {
  it('signs in on the API origin and returns to this page', () => {
    expect(loginUrl('/api/idesluss/v1')).toBe('http://intranet.example/login?return=%2Futmaningar%2Ffarre%3Fx%3D1');
    expect(loginUrl('https://other.example/api/idesluss/v1')).toBe(`https://other.example/login?return=${encodeURIComponent(location.href)}`);
  });

  it('gives every API base but the default its own database, change channel and sync lock', () => {
    expect(storageNames(resolveApiBase(''))).toEqual({});
    expect(storageNames(resolveApiBase('/api/idesluss/v1/'))).toEqual({});
    const other = storageNames(resolveApiBase('https://other.example/api/idesluss/v1'));
    expect(other).toEqual({
      db: 'idesluss https://other.example/api/idesluss/v1',
      channel: 'idesluss-changes https://other.example/api/idesluss/v1',
      lock: 'idesluss-sync https://other.example/api/idesluss/v1',
    });
    expect(storageNames(resolveApiBase('/annat/api')).db).toBe('idesluss http://intranet.example/annat/api');
  });

  it('signs in where the intranet said, when it did, and returns to this page', () => {
    expect(loginUrl('/api/idesluss/v1', 'http://intranet.example/logga-in')).toBe('http://intranet.example/logga-in?return=%2Futmaningar%2Ffarre%3Fx%3D1');
    expect(loginUrl('/api/idesluss/v1', 'https://sso.example/start?app=1')).toBe(`https://sso.example/start?app=1&return=${encodeURIComponent(location.href)}`);
  });

  it('never builds a sign-in link from a non-http API base', () => {
    expect(loginUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('matches this page by origin and path only', () => {
    expect(isThisPage('http://intranet.example/utmaningar/farre')).toBe(true);
    expect(isThisPage('http://intranet.example/utmaningar/farre?y=2')).toBe(true);
    expect(isThisPage('http://intranet.example/utmaningar')).toBe(false);
    expect(isThisPage('http://evil.example/utmaningar/farre')).toBe(false);
    expect(isThisPage(undefined)).toBe(false);
    expect(isThisPage('not a url')).toBe(false);
  });

  it('takes the page as the source, dropping a title with control characters', () => {
    document.title = 'Färre blanketter';
    expect(pageSource()).toEqual({ url: location.href, title: 'Färre blanketter' });
    document.title = 'evil\u202Etxt.exe';
    expect(pageSource()).toEqual({ url: location.href });
  });

  it('takes a page whose address is past the limit without its query, rather than not at all', () => {
    const happy = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    happy.setURL(`http://intranet.example/sok?q=${'ord+'.repeat(700)}`);
    try {
      document.title = 'Sökresultat';
      expect(pageSource()).toEqual({ url: 'http://intranet.example/sok', title: 'Sökresultat' });
    } finally {
      happy.setURL(here);
    }
  });

  it('resolves equal API bases to one key', () => {
    expect(resolveApiBase('/api/idesluss/v1/')).toBe(resolveApiBase('http://intranet.example/api/idesluss/v1'));
  });

  it('refuses an API base that is no http(s) address, which would otherwise look like an intranet that does not answer', () => {
    for (const bad of ['http://[fel', 'ftp://intranet.example/api', 'javascript:alert(1)', 'data:,x']) expect(() => resolveApiBase(bad), bad).toThrow();
    expect(resolveApiBase('https://other.example/api/')).toBe('https://other.example/api');
  });

  it('remembers a draft per tab', () => {
    remember('k', 'id-1');
    expect(recall('k')).toBe('id-1');
    expect(recall('other')).toBeUndefined();
  });
});

describe('messages and events', () => {
  it('has both languages', () => {
    expect(widgetMessages('en').submit).toBe('Send the idea');
    expect(widgetMessages('sv').state.draft).toBe('Utkast – bara på den här datorn');
  });

  it.each([
    ['idesluss-saved', new IdeslussSavedEvent({ id: 'a', at: 1 })],
    ['idesluss-submitted', new IdeslussSubmittedEvent({ id: 'a' })],
    ['idesluss-sent', new IdeslussSentEvent({ id: 'a' })],
  ])('%s bubbles out of the shadow root', (type, event) => {
    expect([event.type, event.bubbles, event.composed, event.detail.id]).toEqual([type, true, true, 'a']);
  });
});
