import { describe, expect, it, vi } from 'vitest';
import { emptyContent, LIMITS } from '../domain/idea';
import { withoutInvisible } from '../models/draft-writes';
import { validateIdea } from '../domain/validation';
import { lengthHint } from './length-hint';
import { en, sv } from './messages/common';

describe('lengthHint', () => {
  it('states the limit, and nothing more while the text is within it', () => {
    expect(lengthHint(sv.lengthHint, 'title', 'Fika')).toEqual({ limit: 'Kort och tydligt, högst 120 tecken.', over: undefined });
    expect(lengthHint(en.lengthHint, 'description', 'x'.repeat(LIMITS.descriptionMax))).toEqual({ limit: 'At most 5,000 characters.', over: undefined });
  });

  it('says by how much a text is past the limit, in each language', () => {
    expect(lengthHint(sv.lengthHint, 'description', 'x'.repeat(LIMITS.descriptionMax + 1200)).over).toBe('Du har 1\u00a0200 tecken för mycket.');
    expect(lengthHint(en.lengthHint, 'title', 'x'.repeat(LIMITS.titleMax + 1)).over).toBe('You have 1 character too many.');
    expect(lengthHint(en.lengthHint, 'title', 'x'.repeat(LIMITS.titleMax + 15)).over).toBe('You have 15 characters too many.');
  });

  it('groups thousands as Intl does, in each language, without calling it (a first render\'s long task)', () => {
    for (const n of [1, 12, 999, 1000, 5000, 12345, 1234567]) {
      expect(sv.lengthHint.over(n)).toBe(`Du har ${n.toLocaleString('sv-SE')} tecken för mycket.`);
      expect(en.lengthHint.description(n)).toBe(`At most ${n.toLocaleString('en-GB')} characters.`);
    }
    const toLocale = vi.spyOn(Number.prototype, 'toLocaleString');
    const numberFormat = vi.spyOn(Intl, 'NumberFormat');
    try {
      for (const m of [sv, en]) for (const field of ['title', 'description'] as const) lengthHint(m.lengthHint, field, 'x'.repeat(6000));
      expect(toLocale).not.toHaveBeenCalled();
      expect(numberFormat).not.toHaveBeenCalled();
    } finally {
      toLocale.mockRestore();
      numberFormat.mockRestore();
    }
  });

  it('counts as the submit does: an emoji is one character, spaces around a title and invisible marks are not counted', () => {
    const base = { kind: 'idea', description: '', lang: 'sv', anonymous: false };
    for (const title of ['😀'.repeat(LIMITS.titleMax), `  ${'a'.repeat(LIMITS.titleMax)}\u202e  `, 'e\u0301'.repeat(LIMITS.titleMax), 'ö'.repeat(LIMITS.titleMax + 1)]) {
      const refused = !validateIdea({ ...base, title: title.replace(/\u202e/g, '') }).ok;
      expect(lengthHint(sv.lengthHint, 'title', title).over !== undefined).toBe(refused);
    }
    expect(lengthHint(sv.lengthHint, 'title', 'e\u0301'.repeat(LIMITS.titleMax)).over).toBeUndefined(); // NFC: é is one
  });

  it('agrees with the submit on Word\'s soft line breaks, which a submit keeps as line breaks', () => {
    const description = `${'x'.repeat(LIMITS.descriptionMax - 5)}${'\v'.repeat(10)}`;
    const stored = withoutInvisible({ ...emptyContent('sv'), title: 'T', description })!;
    expect(validateIdea({ ...emptyContent('sv'), ...stored }).ok).toBe(false);
    expect(lengthHint(sv.lengthHint, 'description', description).over).toBe('Du har 5 tecken för mycket.');
  });
});
