/**
 * The form: title, kind, description, challenge, anonymous (with who sees the author), the
 * "saved on this computer" status and submit. Every label sits in the same shadow root as its
 * control; every string from the page, the user or the intranet is rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { IDEA_KINDS, partLang, type FieldError, type IdeaKind } from '../../shared/domain/idea';
import { failureText } from '../../shared/i18n/failure-text';
import { errorBesideHint, lengthHint, type LimitedField } from '../../shared/i18n/length-hint';
import { fieldErrorText, fieldLabel } from '../../shared/i18n/field-error-text';
import type { WidgetController } from '../controller';
import { failedText, timeOf, type WidgetMessages } from '../messages';
import type { Lang } from '../../shared/domain/idea';
import type { DraftRecord } from '../../shared/domain/draft';

/** What the form view reads from its element. */
export interface FormHost {
  readonly ctl: WidgetController;
  readonly m: WidgetMessages;
  readonly uiLang: Lang;
  onSubmit(event: Event): void;
  copyText(): void;
}

/** The error text for one field error, in the UI language. */
export function errorText(m: WidgetMessages, e: FieldError): string {
  return fieldErrorText(m.fieldError, e);
}

/**
 * Why the intranet has not taken `d` yet, worded as in the popup (shared/i18n/failure-text.ts); a
 * refusal that names fields says the first by its name and why ("Rubrik: Fyll i fältet."), as the
 * popup's error summary does; the form then marks each. Undefined when nothing failed, or when
 * the try got no answer while the device is `offline` (the offline notice says why).
 */
export function reasonText(m: WidgetMessages, d: DraftRecord, offline = false): string | undefined {
  return failureText(m.failure, d, ([first]) => `${fieldLabel(m.field, first!.field)}: ${errorText(m, first!)}`, offline);
}

/** The idea's title for a sentence, or "(utan rubrik)": an announcement never ends in mid-air. */
export function titleOf(m: WidgetMessages, d: DraftRecord): string {
  const { title, description, source } = d.content;
  // Without a title, the start of its text tells one item from another ("Fortsätt skriva: (utan rubrik)" twice was
  // the same name twice for a screen reader); isolated (FSI … PDI) so that a right-to-left text keeps its direction.
  const start = [description, source?.quote].map((s) => s?.replace(/\s+/g, ' ').trim()).find(Boolean) ?? '';
  // By grapheme where the browser can (a flag or a family emoji is not cut apart), else by code point.
  const text = Intl.Segmenter ? Array.from(new Intl.Segmenter().segment(start), (s) => s.segment) : [...start];
  return title.trim() || (text[0] ? m.untitledWith(`\u2068${text.slice(0, 40).join('').trimEnd()}${text[40] ? '…' : ''}\u2069`) : m.untitled);
}

/** What is said when the intranet refuses an idea: its state, title and why; for a 409, that a version is to be chosen. */
export function attentionText(m: WidgetMessages, d: DraftRecord): string {
  return `${m.state[d.state]}: ${titleOf(m, d)}. ${d.conflict ? `${m.conflict}. ${m.chooseVersion}` : reasonText(m, d) ?? ''}`;
}

const value = (e: Event) => (e.target as HTMLInputElement).value;

/** The form, bound to the controller's editor; labels and controls share this shadow root. */
export function renderForm(host: FormHost): TemplateResult {
  const { ctl, m } = host;
  const c = ctl.content();
  const editor = ctl.editor;
  const errors = editor?.fieldErrors.value ?? [];
  const errorOf = (field: string) => errors.find((e) => e.field === field);
  const other = errors.filter((e) => !['title', 'description', 'kind', 'challengeId'].includes(e.field));
  const challenges = ctl.runtime?.drafts.challenges.value ?? [];
  const chosen = c.challengeId ?? '';
  const known = !chosen || challenges.some((ch) => ch.id === chosen);

  const hints = { title: lengthHint(m.lengthHint, 'title', c.title ?? ''), description: lengthHint(m.lengthHint, 'description', c.description ?? '') };
  // A field past its limit is described by its hint alone (the limit and by how much), not the refusal's same limit again.
  // A refusal for length that the field's hint already says (the limit, and by how much) is neither shown nor read twice.
  const errorShown = (field: string, hint?: LimitedField) => errorBesideHint(errorOf(field), hint && hints[hint]);
  const describe = (field: string, hint?: LimitedField) =>
    [hint && `${hint}-hint`, errorShown(field, hint) && `${field}-error`].filter(Boolean).join(' ') || nothing;
  // The space inside <strong>: a text node of only a space before it is left out of the description Chromium computes.
  const hint = (field: LimitedField) =>
    html`<p class="hint" id="${field}-hint" part="hint">${hints[field].limit}${hints[field].over ? html`<strong> ${hints[field].over}</strong>` : nothing}</p>`;
  const error = (field: string, hint?: LimitedField) => {
    const e = errorShown(field, hint);
    return e ? html`<p class="error" id="${field}-error" part="error">${errorText(m, e)}</p>` : nothing;
  };

  // Browser constraint: WebKit resets a field with autocomplete="off" to its `value` attribute as it restores a page
  // from the back/forward cache, so the title's attribute holds the title too (docs/adr/036-back-forward-cache.md).
  // The lists' options bind the `selected` property as well as the attribute: once the person has picked an option, a
  // browser ignores the attribute (its selectedness is dirty), and the list would go on showing that pick while the
  // draft, after a submit or another tab's change, holds another value. The attribute stays for a restored page, as above.
  return html`<form part="form" novalidate @submit=${host.onSubmit} @focusin=${() => void ctl.start()}>
    <div class="field">
      <label for="title" part="label">${m.title}</label>
      <input id="title" name="title" part="input" dir="auto" autocomplete="off" required
        aria-invalid=${errorOf('title') ? 'true' : 'false'} aria-describedby=${describe('title', 'title')}
        value=${c.title ?? ''} .value=${c.title ?? ''} @input=${(e: Event) => ctl.update({ title: value(e) })} />
      ${hint('title')}${error('title', 'title')}
    </div>
    <div class="field">
      <label for="kind" part="label">${m.kindLabel}</label>
      <select id="kind" part="input" @change=${(e: Event) => ctl.update({ kind: value(e) as IdeaKind })}>
        ${IDEA_KINDS.map((k) => html`<option value=${k} ?selected=${(c.kind ?? 'idea') === k} .selected=${(c.kind ?? 'idea') === k}>${m.kind[k]}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="description" part="label">${m.description}</label>
      <textarea id="description" part="input" dir="auto" rows="4" aria-invalid=${errorOf('description') ? 'true' : 'false'}
        aria-describedby=${describe('description', 'description')} .value=${c.description ?? ''}
        @input=${(e: Event) => ctl.update({ description: value(e) })}></textarea>
      ${hint('description')}${error('description', 'description')}
    </div>
    <div class="field">
      <label for="challenge" part="label">${m.challenge}</label>
      <select id="challenge" part="input" aria-invalid=${errorOf('challengeId') ? 'true' : 'false'}
        aria-describedby=${describe('challengeId')}
        @change=${(e: Event) => ctl.update({ challengeId: value(e) || undefined })}>
        <option value="" ?selected=${!chosen} .selected=${!chosen}>${m.noChallenge}</option>
        ${known ? nothing : html`<option value=${chosen} selected .selected=${true}>${challenges.length > 0 ? m.unknownChallenge(chosen) : chosen === ctl.host.challenge?.trim() ? m.pageChallenge : `${m.kind.challenge} ${chosen}`}</option>`}
        ${challenges.map((ch) => html`<option value=${ch.id} lang=${partLang(ch.lang, host.uiLang) ?? nothing} ?selected=${ch.id === chosen} .selected=${ch.id === chosen}>${ch.title}</option>`)}
      </select>
      ${error('challengeId')}
    </div>
    <div class="check">
      <input type="checkbox" id="anonymous" part="checkbox" aria-describedby="who" .checked=${!!c.anonymous}
        @change=${(e: Event) => ctl.update({ anonymous: (e.target as HTMLInputElement).checked })} />
      <label for="anonymous" part="label">${m.anonymous}</label>
    </div>
    <p id="who" class="hint" part="hint">${c.anonymous ? m.whoSeesAnonymous : m.whoSeesNamed}</p>
    ${other.map((e) => html`<p class="error" part="error">${errorText(m, e)}</p>`)}
    <div class="actions">
      <button type="submit" part="submit">${m.submit}</button>
      ${renderSaveStatus(host)}
    </div>
  </form>`;
}

function renderSaveStatus({ ctl, m, uiLang, copyText }: FormHost): TemplateResult {
  const status = ctl.editor?.saveStatus.value;
  if (ctl.failed || status?.kind === 'error') {
    return html`<p class="error" part="status error">${failedText(m, ctl.failed || 'storage')}
      <button type="button" part="button" @click=${copyText}>${m.copy}</button></p>`;
  }
  const text = status?.kind === 'saved' ? m.saved(timeOf(status.at, uiLang)) : status?.kind === 'saving' ? m.saving : m.notSaved;
  return html`<p class="hint" part="status">${text}</p>`;
}
