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

  it('says the computer is offline, never the person: one phrasing in the popup, the widget and the options page', () => {
    const personal = /\b(du är|you are)\b[^.]*\b(ansluten|offline|online|connected)\b|anslutningen är tillbaka|connection is back|network connection/i;
    for (const lang of ['sv', 'en'] as const) {
      const texts = [...leaves(messagesFor(lang)).values()].filter((v): v is string => typeof v === 'string');
      expect(texts.filter((text) => personal.test(text)), lang).toEqual([]);
    }
    const sv = messagesFor('sv');
    const en = messagesFor('en');
    const first = (text: string) => text.slice(0, text.indexOf('.') + 1);
    expect([sv.popup.offline, sv.widget.offline].map(first)).toEqual(['Datorn är inte ansluten.', 'Datorn är inte ansluten.']);
    expect([sv.popup.onlineAgain, sv.widget.online]).toEqual(['Datorn är ansluten igen.', 'Datorn är ansluten igen.']);
    expect(sv.popup.waitingForConnection).toBe('Väntar på att datorn blir ansluten igen.');
    expect(sv.options.check.noAnswer).toContain('Eller är datorn inte ansluten?');
    expect([en.popup.offline, en.widget.offline].map(first)).toEqual(['The computer is offline.', 'The computer is offline.']);
    expect([en.popup.onlineAgain, en.widget.online]).toEqual(['The computer is back online.', 'The computer is back online.']);
    expect(en.popup.waitingForConnection).toBe('Waiting for the computer to be back online.');
    expect(en.options.check.noAnswer).toContain('and that the computer is online.');
  });

  it('says what an address must be in words an employee knows: https://, and plain http:// only for a test server on this computer', () => {
    for (const lang of ['sv', 'en'] as const) {
      const { error } = messagesFor(lang).options;
      for (const [code, text] of Object.entries(error)) expect(text, `${lang} ${code}`).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]/);
      for (const text of [error.unsafe_scheme, error.insecure_remote]) expect(text, lang).toMatch(/^(Adressen måste börja med|The address must start with) https:\/\//);
    }
    expect(messagesFor('sv').options.error.insecure_remote).toBe('Adressen måste börja med https://. Med http:// skickas idéerna okrypterade, och det är bara tillåtet för en testserver på den här datorn.');
    expect(messagesFor('sv').options.error.unsafe_scheme).toBe('Adressen måste börja med https:// (eller http:// för en testserver på den här datorn).');
    expect(messagesFor('en').options.error.insecure_remote).toBe('The address must start with https://. With http://, ideas would be sent unencrypted, which is allowed only for a test server on this computer.');
    expect(messagesFor('en').options.error.unsafe_scheme).toBe('The address must start with https:// (or http:// for a test server on this computer).');
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
