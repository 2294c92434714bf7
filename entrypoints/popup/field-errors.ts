/**
 * Field errors in the popup's own words: the message per error code, the translated name of the
 * field (never the API's internal name such as `source.quote`), and the form control it belongs to.
 */
import type { FieldError } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import { fieldErrorText, fieldLabel as sharedFieldLabel, fieldList as sharedFieldList } from '../../shared/i18n/field-error-text';

/** The message for a field error: our own sentence per code, whatever the server said. */
export function errorText(error: FieldError, t: Messages): string {
  return fieldErrorText(t.fieldError, error);
}

/** The translated name of an API field (`title`, `challengeId`, `source.quote`, …); "Other" for one we do not know. */
export function fieldLabel(field: string, t: Messages): string {
  return sharedFieldLabel(t.field, field);
}

const FIELD_CONTROLS: Partial<Record<string, string>> = { title: 'title', description: 'description', challengeId: 'challenge', anonymous: 'anonymous' };

/**
 * The id of the control where a field's error is shown and fixed, if the form has one now:
 * the title and description fields, the chosen kind, the challenge list, the page context's
 * remove buttons (PageContext.tsx gives them these ids).
 */
export function controlIdFor(field: string, kind: string): string | undefined {
  const part = /^source\.(url|title|quote)$/.exec(field)?.[1];
  if (part) return `context-remove-${part}`;
  if (field === 'kind') return `kind-${kind}`;
  return FIELD_CONTROLS[field];
}

/** The distinct translated names of the fields in `errors`, joined for a sentence ("Rubrik, Utmaning"). */
export function fieldList(errors: readonly FieldError[], t: Messages): string {
  return sharedFieldList(t.field, errors);
}
