import { describe, expect, it } from 'vitest';
import { emptyContent, isUnwritten, sameSource } from './idea';

describe('isUnwritten', () => {
  it('is true while nothing is written or quoted, whatever else was chosen', () => {
    expect(isUnwritten({ ...emptyContent('sv'), title: '  ', kind: 'challenge', challengeId: 'c1', anonymous: true, source: { url: 'https://a.se/', title: 'A' } })).toBe(true);
  });

  it('is false with a title, a description or a quote', () => {
    expect(isUnwritten({ ...emptyContent('sv'), title: 'x' })).toBe(false);
    expect(isUnwritten({ ...emptyContent('sv'), description: 'x' })).toBe(false);
    expect(isUnwritten({ ...emptyContent('sv'), source: { quote: 'x' } })).toBe(false);
  });
});

describe('sameSource', () => {
  it('compares address, title and quote; no context equals none', () => {
    expect(sameSource({ url: 'https://a.se/', title: 'A' }, { url: 'https://a.se/', title: 'A' })).toBe(true);
    expect(sameSource(undefined, {})).toBe(true);
    expect(sameSource({ url: 'https://a.se/' }, { url: 'https://b.se/' })).toBe(false);
    expect(sameSource({ url: 'https://a.se/', title: 'A' }, { url: 'https://a.se/' })).toBe(false);
    expect(sameSource({ quote: 'x' }, { quote: 'y' })).toBe(false);
  });
});
