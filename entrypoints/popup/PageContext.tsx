import { readableUrl } from '../../shared/config/readable-url';
import type { IdeaSource } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';

export interface PageContextProps {
  source: IdeaSource | undefined;
  disabled: boolean;
  t: Messages;
  /** Error messages for parts of the context (the API's `source.url`, `source.title`, `source.quote`). */
  errors?: Partial<Record<ContextPart, string>>;
  /** The control after the context in the form: focus goes there when the last part is removed. */
  nextFieldId: string;
  onChange(source: IdeaSource | undefined): void;
}

/** Characters a line of the value's box holds at the least (the popup is 360 px wide, beside the remove button). */
const LINE_CHARS = 30;

/**
 * True when `value` may not fit its box (`max-height: 6em`, about four lines): more than three lines once its own
 * lines wrap at `LINE_CHARS`. An estimate on the safe side: a value that fits may still take focus, never the reverse.
 */
export function mayScroll(value: string | undefined): boolean {
  return !!value && value.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / LINE_CHARS)), 0) > 3;
}

/** One part of the page context. */
export type ContextPart = keyof IdeaSource;
type Part = ContextPart;

/**
 * The page context attached to the idea — address, title, selected text — each removable.
 * Everything the page said is rendered as text (Preact escapes it); the address is never a link here,
 * and is shown as a person reads it (`/nyheter/årsmöte`, not `/nyheter/%C3%A5rsm%C3%B6te`; docs/adr/028):
 * what is sent stays as the browser gave it.
 * A part's error sits under it, and its remove button (id `context-remove-<part>`) is marked invalid.
 */
export function PageContext({ source, disabled, t, errors = {}, nextFieldId, onChange }: PageContextProps) {
  const p = t.popup;
  const parts: Array<[Part, string]> = [
    ['url', p.contextUrl],
    ['title', p.contextTitle],
    ['quote', p.contextQuote],
  ];
  const present = parts.filter(([key]) => source?.[key]);
  if (present.length === 0) return null;
  const remove = (key: Part) => {
    const next = { ...source };
    delete next[key];
    // The pressed button goes away with its part: focus moves to the next part's button (else the one
    // before it, else the field after the context), not to <body>, where a keyboard would start over.
    const at = present.findIndex(([k]) => k === key);
    const neighbour = present[at + 1] ?? present[at - 1];
    onChange(Object.keys(next).length > 0 ? next : undefined);
    document.getElementById(neighbour ? `context-remove-${neighbour[0]}` : nextFieldId)?.focus();
  };
  return (
    <fieldset class="context">
      <legend>{p.contextLegend}</legend>
      <p class="hint" id="context-hint">{p.contextHint}</p>
      {present.map(([key, name]) => (
        <div class="context-item" key={key} data-context={key}>
          <div>
            <span class="name" id={`context-${key}`}>{name}</span>
            {/* Its own direction (dir="auto": a page in Arabic or Hebrew); a long value scrolls in its box,
                which then takes focus so that a keyboard can scroll it too. */}
            {/* Focusable, it is named by its label ("Sidans rubrik"), as a group, so focus does not land on a nameless box. */}
            <span
              class="value" dir="auto"
              {...(mayScroll(source?.[key]) ? { tabIndex: 0, role: 'group', 'aria-labelledby': `context-${key}` } : {})}
            >
              {key === 'url' ? readableUrl(source?.url ?? '') : source?.[key]}
            </span>
            {errors[key] && <p id={`context-error-${key}`} class="error">{errors[key]}</p>}
          </div>
          <button
            type="button" class="link" id={`context-remove-${key}`} disabled={disabled}
            aria-invalid={errors[key] ? 'true' : undefined} aria-describedby={`context-${key}${errors[key] ? ` context-error-${key}` : ''}`}
            onClick={() => remove(key)}
          >
            {p.remove[key]}
          </button>
        </div>
      ))}
    </fieldset>
  );
}
