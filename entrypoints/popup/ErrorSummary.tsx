import type { FieldError } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import { errorText, fieldLabel } from './field-errors';

export interface ErrorSummaryProps {
  errors: readonly FieldError[];
  t: Messages;
  /** The id of the control where an error's field is fixed, when the form shows one. */
  controlFor(field: string): string | undefined;
}

/**
 * "Rätta det här innan du skickar:" with one entry per error: the field's translated name and our
 * own message, linked to its control when there is one (activating the link moves focus there).
 */
export function ErrorSummary({ errors, t, controlFor }: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  const focus = (event: Event, id: string) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <div class="notice warning" role="alert" data-error-summary>
      <p>{t.popup.errorSummary}</p>
      <ul>
        {errors.map((e, i) => {
          const text = `${e.field ? `${fieldLabel(e.field, t)}: ` : ''}${errorText(e, t)}`;
          const id = controlFor(e.field);
          return <li key={`${e.field}-${i}`}>{id ? <a href={`#${id}`} onClick={(event) => focus(event, id)}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}
