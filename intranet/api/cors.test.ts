import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../context';
import { isAllowedCrossOrigin, parseOriginPolicy } from './cors';

describe('origin checks', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/api', true],
    ['https://intranet.example', 'http://intranet.example/api', true], // TLS ends at a proxy
    ['http://intranet.example', 'https://intranet.example/api', false], // under https, a plain-http page is not ours
    ['https://intranet.example', 'https://intranet.example/', true],
    ['http://127.0.0.1:8788', 'http://127.0.0.1:8787/api', false],
    ['http://localhost:8787', 'http://127.0.0.1:8787/api', false],
    ['https://intranet.example.evil.example', 'http://intranet.example/', false],
    ['null', 'http://intranet.example/', false],
    ['chrome-extension://abc', 'http://abc/', false],
    ['http://intranet.example/path', 'http://intranet.example/', false],
  ])('isSameOrigin(%j, %j) is %s', (origin, url, expected) => {
    expect(isSameOrigin(origin, url)).toBe(expected);
  });

  it('allows any extension origin by default, only listed ones when configured', () => {
    const any = parseOriginPolicy(undefined);
    expect(isAllowedCrossOrigin(any, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe(true);
    expect(isAllowedCrossOrigin(any, 'moz-extension://0f7a9a3e-5d7b-4a54-9c1e-2a9f1d3c6b7e')).toBe(true);
    expect(isAllowedCrossOrigin(any, 'https://evil.example')).toBe(false);
    expect(isAllowedCrossOrigin(any, 'chrome-extension://x/../y')).toBe(false);
    expect(parseOriginPolicy('*')).toEqual({ extensions: 'any' });
    const listed = parseOriginPolicy('chrome-extension://aaa/, https://not-an-extension.example');
    expect(listed).toEqual({ extensions: ['chrome-extension://aaa'] });
    expect(isAllowedCrossOrigin(listed, 'chrome-extension://aaa')).toBe(true);
    expect(isAllowedCrossOrigin(listed, 'chrome-extension://bbb')).toBe(false);
  });
});
