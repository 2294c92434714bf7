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
  ])('%j → %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
