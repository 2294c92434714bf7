/**
 * Our own sentence for a field error, in the user's language, whatever words the server used: the
 * popup and the widget show the same text, and the same field names, for the same error. Imports no catalogue, so the widget
 * bundles only its own (widget/messages.ts).
 */
import { LIMITS, type FieldError } from '../domain/idea';
import type { sv } from './messages/common';

/** The field errors of one language (`messages.fieldError`). */
export type FieldErrorMessages = (typeof sv)['fieldError'];

/** The short names of the idea's fields in one language (`messages.field`). */
export type FieldNames = (typeof sv)['field'];

/** The limit a `too_long` on each field refers to. */
const MAX_LENGTH: Record<string, number> = {
  title: LIMITS.titleMax,
  description: LIMITS.descriptionMax,
  'source.url': LIMITS.sourceUrlMax,
  'source.title': LIMITS.sourceTitleMax,
  'source.quote': LIMITS.sourceQuoteMax,
};

/**
 * The sentence for `error`; a `too_long` names its field's limit, a refused challenge says so. The challenge is chosen
 * from a list, so any refusal of it (an unknown id; one over 100 characters from a widget's `challenge`) asks for another.
 */
export function fieldErrorText(messages: FieldErrorMessages, error: FieldError): string {
  if (error.field === 'challengeId') return messages.unknownChallenge;
  if (error.code === 'too_long') return messages.too_long(MAX_LENGTH[error.field] ?? LIMITS.titleMax);
  return messages[error.code];
}

/** The translated name of an API field (`title`, `challengeId`, `source.quote`, …); "Övrigt" for one we do not know. */
export function fieldLabel(names: FieldNames, field: string): string {
  return Object.hasOwn(names, field) ? names[field as keyof FieldNames] : names.other;
}

/** The distinct translated names of the fields in `errors`, joined for a sentence ("Rubrik, Utmaning"). */
export function fieldList(names: FieldNames, errors: readonly FieldError[]): string {
  return [...new Set(errors.map((e) => fieldLabel(names, e.field)))].join(', ');
}
