import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain/idea';
import { fieldErrorText } from './field-error-text';
import { en, sv } from './messages/common';

describe('fieldErrorText', () => {
  it('names the limit of the field that is too long', () => {
    // Numbers through Intl: a no-break space groups thousands in Swedish, a comma in English.
    expect(LIMITS.descriptionMax).toBe(5000);
    expect(fieldErrorText(sv.fieldError, { field: 'description', code: 'too_long', message: 'x' })).toBe('Texten får vara högst 5\u00a0000 tecken.');
    expect(fieldErrorText(en.fieldError, { field: 'description', code: 'too_long', message: 'x' })).toBe('Use 5,000 characters or fewer.');
    expect(fieldErrorText(en.fieldError, { field: 'source.quote', code: 'too_long', message: 'x' })).toBe(`Use ${LIMITS.sourceQuoteMax.toLocaleString('en-GB')} characters or fewer.`);
  });

  it('says a refused challenge is gone, rather than talking of control characters', () => {
    expect(fieldErrorText(sv.fieldError, { field: 'challengeId', code: 'invalid_value', message: 'There is no such challenge.' })).toBe(sv.fieldError.unknownChallenge);
    expect(fieldErrorText(sv.fieldError, { field: 'title', code: 'invalid_value', message: 'x' })).toBe(sv.fieldError.invalid_value);
    // A widget's `challenge` over 100 characters: not the title's limit under a list, but another challenge to choose.
    expect(fieldErrorText(en.fieldError, { field: 'challengeId', code: 'too_long', message: 'x' })).toBe(en.fieldError.unknownChallenge);
  });
});
