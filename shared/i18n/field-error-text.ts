/**
 * Our own sentence for a field error, in the user's language, whatever words the server used: the
 * popup and the widget show the same text for the same error. Imports no catalogue, so the widget
 * bundles only its own (widget/messages.ts).
 */
import { LIMITS, type FieldError } from '../domain/idea';
import type { sv } from './messages/common';

/** The field errors of one language (`messages.fieldError`). */
export type FieldErrorMessages = (typeof sv)['fieldError'];

/** The limit a `too_long` on each field refers to. */
const MAX_LENGTH: Record<string, number> = {
  title: LIMITS.titleMax,
  description: LIMITS.descriptionMax,
  'source.url': LIMITS.sourceUrlMax,
  'source.title': LIMITS.sourceTitleMax,
  'source.quote': LIMITS.sourceQuoteMax,
};

/** The sentence for `error`; a `too_long` names its field's limit, a refused challenge says so. */
export function fieldErrorText(messages: FieldErrorMessages, error: FieldError): string {
  if (error.code === 'too_long') return messages.too_long(MAX_LENGTH[error.field] ?? LIMITS.titleMax);
  if (error.code === 'invalid_value' && error.field === 'challengeId') return messages.unknownChallenge;
  return messages[error.code];
}
