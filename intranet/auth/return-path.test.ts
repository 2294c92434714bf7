import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/inkorg', '/inkorg'],
    ['/inkorg?status=received#x', '/inkorg?status=received#x'],
    ['/a/../b', '/b'],
    [undefined, '/'],
    ['', '/'],
    ['inkorg', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\tevil', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/logga-in?return=/x', '/'],
    ['/auth/logout', '/'],
    // dot segments that only make `//` once normalised (protocol-relative open redirect)
    ['/.//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['/x/..//evil.example', '/'],
    ['/x/.././/evil.example/y?z#h', '/'],
    ['/a/.//b', '/a//b'],
  ])('%j → %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
