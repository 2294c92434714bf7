/**
 * The hint under the title and the description, shared by the popup and the widget: the field's
 * limit before anything is refused (WCAG 3.3.2), and, while the text is past it, by how much, so
 * the person knows what to shorten before the submit says no. Counted as a submit counts
 * (`charactersOver`), so the hint and the refusal always agree.
 */
import { LIMITS, type FieldError } from '../domain/idea';
import { charactersOver } from '../domain/validation';
import type { sv } from './messages/common';

/** The hints of one language (`messages.lengthHint`). */
export type LengthHintMessages = (typeof sv)['lengthHint'];

/** The limited text fields of the form. */
export type LimitedField = 'title' | 'description';

/** The limit's sentence, and `over` ("Du har 15 tecken för mycket.") while `value` is past the limit. */
export function lengthHint(m: LengthHintMessages, field: LimitedField, value: string): { limit: string; over?: string } {
  const max = field === 'title' ? LIMITS.titleMax : LIMITS.descriptionMax;
  const over = charactersOver(value, max, field === 'title');
  return { limit: m[field](max), over: over > 0 ? m.over(over) : undefined };
}

/**
 * `error`, unless it is a refusal for length that the field's hint already states with by how much: then the popup and
 * the widget neither show it under the field nor put it in the field's description, so it is said once.
 */
export function errorBesideHint<E extends FieldError>(error: E | undefined, hint: { over?: string } | undefined): E | undefined {
  return error && !(error.code === 'too_long' && hint?.over) ? error : undefined;
}
