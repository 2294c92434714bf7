import { describe, expect, it } from 'vitest';
import { LIMITS, partLang } from './idea';
import { contentKey, inEnglish, validateIdea } from './validation';

const base = { title: 'Digital inpassering', description: '', kind: 'idea', anonymous: false, lang: 'sv' };

function errorsOf(input: unknown) {
  const result = validateIdea(input);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
}

describe('validateIdea', () => {
  it('normalises the title to NFC and trims it', () => {
    const result = validateIdea({ ...base, title: '  Cafe\u0301 i entrén  ' });
    expect(result.ok && result.value.title).toBe('Café i entrén');
  });

  it('fills defaults and drops unknown fields and empty optional parts', () => {
    const result = validateIdea({ title: 'x', extra: 1, source: { url: '', quote: '' }, challengeId: '' });
    expect(result).toEqual({ ok: true, value: { title: 'x', description: '', kind: 'idea', anonymous: false, lang: 'sv' } });
  });

  it.each([
    [{ ...base, title: '   ' }, 'title:required'],
    [{ description: 'no title at all' }, 'title:required'],
    [{ ...base, title: 'a'.repeat(LIMITS.titleMax + 1) }, 'title:too_long'],
    [{ ...base, description: 'a'.repeat(LIMITS.descriptionMax + 1) }, 'description:too_long'],
    [{ ...base, kind: 'rant' }, 'kind:invalid_value'],
    [{ ...base, lang: 'de' }, 'lang:invalid_value'],
    [{ ...base, anonymous: 'yes' }, 'anonymous:invalid_type'],
    [{ ...base, source: { url: 'javascript:alert(1)' } }, 'source.url:invalid_url'],
    [{ ...base, source: { url: 'data:text/html,<b>x</b>' } }, 'source.url:invalid_url'],
    [{ ...base, source: { url: `https://a.se/${'a'.repeat(LIMITS.sourceUrlMax)}` } }, 'source.url:invalid_url'],
    [{ ...base, source: { title: 'a'.repeat(LIMITS.sourceTitleMax + 1) } }, 'source.title:too_long'],
    [{ ...base, source: { quote: 'a'.repeat(LIMITS.sourceQuoteMax + 1) } }, 'source.quote:too_long'],
    [{ ...base, title: 'evil\u202Egnp.exe' }, 'title:invalid_value'],
    [{ ...base, title: 'broken \ud800 text' }, 'title:invalid_value'],
    [{ ...base, challengeId: '"><script>' }, 'challengeId:invalid_value'],
    [{ ...base, source: 'https://a.se' }, 'source:invalid_type'],
    [{ ...base, source: null }, 'source:invalid_type'],
    [{ ...base, source: [{ url: 'https://a.se' }] }, 'source:invalid_type'], // not taken for an empty object
    [{ ...base, source: [] }, 'source:invalid_type'],
    [{ ...base, challengeId: 'a'.repeat(101) }, 'challengeId:too_long'],
    // Found by a security review: nothing to read, or a URL that is stored and exported as given.
    [{ ...base, title: '\u200b\u3164 \ufeff' }, 'title:required'],
    [{ ...base, source: { url: 'https://ex.com/\u0000' } }, 'source.url:invalid_url'],
    [{ ...base, source: { url: 'https://ex.com/\u202egpj.exe' } }, 'source.url:invalid_url'],
    [{ ...base, source: { url: 'https://ex.com/a\nb' } }, 'source.url:invalid_url'],
    [{ ...base, source: { url: 'https://ex.com/a b' } }, 'source.url:invalid_url'],
  ])('refuses %j with %s', (input, expected) => {
    expect(errorsOf(input)).toContain(expected);
  });

  it('counts an emoji as one character', () => {
    expect(validateIdea({ ...base, title: '💡'.repeat(LIMITS.titleMax) }).ok).toBe(true);
  });

  it('accepts markup as plain text, verbatim', () => {
    const title = '<img src=x onerror=alert(1)>';
    const result = validateIdea({ ...base, title });
    expect(result.ok && result.value.title).toBe(title);
  });

  it('reports one error per field, in the order of the fields', () => {
    expect(errorsOf({ lang: 'de', anonymous: 1, source: { quote: 1, url: 'ftp://x' }, kind: 'x' })).toEqual([
      'title:required',
      'kind:invalid_value',
      'source.url:invalid_url',
      'source.quote:invalid_type',
      'anonymous:invalid_type',
      'lang:invalid_value',
    ]);
  });

  it('refuses non-objects', () => {
    expect(errorsOf('x')).toEqual([':invalid_type']);
    expect(errorsOf([1])).toEqual([':invalid_type']);
  });

  it('gives codes without messages; inEnglish words them as the intranet answers', () => {
    const field = validateIdea({ title: ' ' });
    const body = validateIdea('x');
    if (field.ok || body.ok) throw new Error('expected invalid');
    expect(field.errors).toEqual([{ field: 'title', code: 'required', message: '' }]);
    expect(inEnglish(field.errors)).toEqual([{ field: 'title', code: 'required', message: 'This field is required.' }]);
    expect(inEnglish(body.errors)).toEqual([{ field: '', code: 'invalid_type', message: 'The body must be a JSON object.' }]);
  });

  it('gives equal keys for equal content and different keys otherwise', () => {
    const a = validateIdea({ ...base, source: { url: 'https://a.se', title: 'T' } });
    const b = validateIdea({ source: { title: 'T', url: 'https://a.se' }, ...base });
    const c = validateIdea({ ...base, anonymous: true });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(contentKey(a.value)).toBe(contentKey(b.value));
    expect(contentKey(a.value)).not.toBe(contentKey(c.value));
  });
});

describe('partLang', () => {
  it('marks content in another language than the UI with its tag, and nothing else', () => {
    expect(partLang('sv', 'en')).toBe('sv');
    expect(partLang('sv-SE', 'en')).toBe('sv-SE');
    expect(partLang('sv', 'sv')).toBeUndefined();
    expect(partLang('SV-se', 'sv')).toBeUndefined();
    expect(partLang(undefined, 'en')).toBeUndefined();
    for (const bad of ['', 'svenska språket', '"><b>', 'x']) expect(partLang(bad, 'en'), bad).toBeUndefined();
  });
});
