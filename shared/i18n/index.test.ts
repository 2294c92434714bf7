import { describe, expect, it } from 'vitest';
import { langFromTag } from '../domain/idea';
import { formatRelative, messagesFor } from './index';

/** Every leaf of both catalogues: the same keys, and no empty string. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [lk, lv] of leaves(v, `${prefix}${k}.`)) out.set(lk, lv);
  } else out.set(prefix.slice(0, -1), value);
  return out;
}

describe('i18n', () => {
  it('has the same keys in Swedish and English, none empty, none left untranslated by accident', () => {
    const sv = leaves(messagesFor('sv'));
    const en = leaves(messagesFor('en'));
    expect([...en.keys()].sort()).toEqual([...sv.keys()].sort());
    for (const [key, value] of sv) {
      expect(value, key).not.toBe('');
      expect(typeof value === 'string' || typeof value === 'function', key).toBe(true);
    }
  });

  it('picks the language from a browser tag, Swedish first', () => {
    expect(langFromTag('en-GB')).toBe('en');
    expect(langFromTag('sv-SE')).toBe('sv');
    expect(langFromTag('fi')).toBe('sv');
    expect([langFromTag('EN'), langFromTag('<b>en</b>'), langFromTag(null), langFromTag(undefined)]).toEqual(['en', 'sv', 'sv', 'sv']);
  });

  it('formats relative times in both languages', () => {
    expect(formatRelative(120_000, 0, 'sv')).toBe('om 2 minuter');
    expect(formatRelative(120_000, 0, 'en')).toBe('in 2 minutes');
  });
});
