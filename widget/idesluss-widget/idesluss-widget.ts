/**
 * The `<idesluss-widget>` element: attributes, rendering and the launcher's dialog. State and
 * events come from ./controller.ts; the form and the drafts list are in their own view modules.
 */
import { html, nothing } from 'lit/html.js';
import { langFromTag, type Lang } from '../../shared/domain/idea';
import { WidgetController, type WidgetHost } from '../controller';
import { editDraft, withdrawIdea } from '../list-actions';
import { widgetMessages, type WidgetMessages } from '../messages';
import { loginUrl } from '../page';
import { trapTab } from './dialog';
import { renderDrafts } from './drafts-view';
import { renderForm } from './form-view';
import { styles } from './styles';
import { WidgetElement } from './widget-element';

/**
 * `<idesluss-widget>`: the Idésluss form on any intranet page (DESIGN section 10). Drafts are kept
 * in this origin's IndexedDB from the first keystroke and sent to the intranet exactly once.
 *
 * @summary Capture an idea without leaving the page.
 *
 * @attr api-base - The Ideas API base URL (default `/api/idesluss/v1`).
 * @attr challenge - Presets the challenge the idea answers (a challenge id).
 * @attr lang - `sv` (default) or `en`; without it the page's `<html lang>` decides.
 * @attr mode - `inline` (default): the form in the page; `launcher`: a button opening the form in a dialog.
 *
 * @event idesluss-saved - {IdeslussSavedEvent} The draft was saved on this computer.
 * @event idesluss-submitted - {IdeslussSubmittedEvent} The user submitted the draft; it waits to be sent.
 * @event idesluss-sent - {IdeslussSentEvent} The intranet accepted an idea this widget submitted (one event per idea and page).
 *
 * @csspart base - The wrapper of everything.
 * @csspart launcher - The button that opens the dialog (launcher mode).
 * @csspart dialog - The dialog (launcher mode).
 * @csspart heading - The form's heading.
 * @csspart form - The form.
 * @csspart label - Every label.
 * @csspart input - Every text field and select.
 * @csspart hint - The hints under a field: its limit (and by how much a text is past it), who sees the author.
 * @csspart checkbox - The "without my name" checkbox.
 * @csspart submit - The submit button.
 * @csspart button - Secondary buttons (close, send now, continue writing).
 * @csspart status - The "saved on this computer" line.
 * @csspart error - Field errors, and the save line when a save failed (with `status`).
 * @csspart notice - The offline notice and the sign-in prompt.
 * @csspart drafts - This page's drafts list.
 *
 * @cssproperty --idesluss-font-family - Font family (default: system-ui).
 * @cssproperty --idesluss-font-size - Base font size; give it in px or a keyword, page rem sizes do not reach the widget (default `medium`, the browser's default size).
 * @cssproperty --idesluss-color - Text colour (default #1b1b1b).
 * @cssproperty --idesluss-muted - Secondary text colour (default #4a4a4a).
 * @cssproperty --idesluss-background - Background (default #fff).
 * @cssproperty --idesluss-accent - Buttons and focus ring (default #0b4f9c).
 * @cssproperty --idesluss-accent-text - Text on accent (default #fff).
 * @cssproperty --idesluss-border - Field borders (default #6b6b6b).
 * @cssproperty --idesluss-error - Errors (default #b3261e).
 * @cssproperty --idesluss-radius - Corner radius (default 6px).
 */
export class IdeslussWidget extends WidgetElement implements WidgetHost {
  static override styles = styles;
  // `lang` is HTMLElement's own property (it reflects to the attribute); the others get accessors.
  static override properties = {
    apiBase: { attribute: 'api-base', default: '/api/idesluss/v1' },
    challenge: {},
    lang: {},
    mode: { default: 'inline', reflect: true }, // reflected: `:host([mode=launcher])` sizes the host
  };

  declare apiBase: string;
  declare challenge: string | undefined;
  declare mode: 'inline' | 'launcher';
  readonly ctl: WidgetController = new WidgetController(this);
  private _hadFocus = false;

  /** The UI language: the `lang` attribute, else the page's, Swedish unless English. */
  get uiLang(): Lang {
    // A `lang` the widget has no texts for (`de`, a typo) counts as none: the page's language then.
    return langFromTag(/^(sv|en)\b/i.test(this.lang) ? this.lang : document.documentElement.lang);
  }

  /** The messages in the UI language. */
  get m(): WidgetMessages {
    return widgetMessages(this.uiLang);
  }

  protected override render() {
    const { m } = this;
    const sync = this.ctl.runtime?.sync;
    const login = sync?.paused.value === 'auth' ? loginUrl(this.apiBase, sync.signInUrl.value) : undefined;
    // Focus inside before this render: if the render removes the focused control, focus moves on (updated()).
    this._hadFocus = !!this.renderRoot.activeElement;
    const other = sync?.accountSwitch.value; // set only while paused for another account
    // Both wait on the user, so both also stand beside the launcher's button.
    const signIn = login
      ? html`<p class="notice" part="notice">${m.signInNote} <a href=${login}>${m.signIn}</a></p>`
      : other
        ? html`<p class="notice" part="notice">${m.otherAccount(other.previous.name, other.current.name)}
            <button type="button" part="button" @click=${() => void sync!.sendAsSignedIn(other.current.id).catch(() => undefined)}>${m.sendAs(other.current.name)}</button></p>`
        : nothing;
    const body = html`<h2 id="heading" part="heading" tabindex="-1">${m.heading}</h2>
      ${sync && !sync.online.value ? html`<p class="notice" part="notice">${m.offline}</p>` : nothing}
      ${signIn} ${renderForm(this)} ${renderDrafts(this)}`;
    const launcher = this.mode === 'launcher';
    // In launcher mode the sign-in prompt also stands beside the button: ideas wait, and a sighted
    // user must see it without opening the dialog (a screen reader hears it from the live region).
    // Two live regions in launcher mode: a modal dialog makes the rest of the page inert, so while it
    // is open only a region inside it is heard; while it is closed, only the one outside it.
    const said = this.ctl.said.lines();
    const open = !!this.renderRoot.querySelector('dialog')?.open;
    return html`<div class="base" part="base" lang=${this.uiLang} dir="ltr">
      ${launcher
        ? html`<button type="button" class="open" part="launcher" aria-haspopup="dialog" @click=${this.openDialog}>${m.open}</button>
            ${open ? nothing : signIn}
            <dialog part="dialog" aria-labelledby="heading" @keydown=${trapTab} @close=${this._onClose}>
              <button type="button" class="close" part="button" @click=${this.closeDialog}>${m.close}</button>
              ${body} ${live(open ? said : [])}
            </dialog>`
        : html`<section class="panel">${body}</section>`}
      ${live(open ? [] : said)}
    </div>`;
  }

  protected override updated(changed: ReadonlySet<string>): void {
    if (changed.has('apiBase')) this.ctl.followApiBase();
    if (changed.has('challenge')) this.ctl.followChallenge();
    const editor = this.ctl.editor;
    if (changed.has('lang') && editor?.draftId.value) editor.update({ lang: this.uiLang });
    // What was said in the previous language is not left in the live region.
    if (changed.has('lang') && this.ctl.said.text) this.ctl.announce('');
    // The focused control is gone (an item sent, taken back, opened, a prompt answered): focus the list's
    // heading, else the form's; beside a closed launcher dialog, whose contents cannot take focus, the launcher.
    if (this._hadFocus && !this.renderRoot.activeElement) {
      const closed = this.mode === 'launcher' && !this.renderRoot.querySelector('dialog')?.open;
      (closed ? this.renderRoot.querySelector<HTMLElement>('[part=launcher]') : (this._field('drafts-heading') ?? this._field('heading')))?.focus();
    }
  }

  /** Opens the launcher's dialog with focus on the title (no-op in inline mode). */
  async openDialog(): Promise<void> {
    await this.updateComplete; // a page may call this before the first render, which has a task of its own
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.ctl.announce(''); // said outside, before: not moved into the dialog's region
    this._field('title')?.focus();
    await this.ctl.start();
  }

  /** Closes the dialog; focus returns to the launcher button. */
  closeDialog(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    // A submitter: Enter or a click (not a script's requestSubmit()), which a double press repeats.
    if ((await this.ctl.submit(!!(event as SubmitEvent).submitter)) !== undefined) await this._focusForm();
  };

  editDraft = (id: string): void => {
    void editDraft(this.ctl, id).then(this._focusForm);
  };

  withdrawDraft = (id: string): void => {
    void withdrawIdea(this.ctl, id).then(this._focusForm);
  };

  /** Offers the text for copying when it cannot be saved on this computer. */
  copyText = (): void => {
    const { title = '', description = '' } = this.ctl.content();
    const text = `${title}\n\n${description}`.trim();
    const copied = () => this.ctl.announce(this.m.copied);
    // No clipboard API outside a secure context (an intranet on plain http): copy the selection of a
    // scratch field instead, still within the click; where even that fails, the title is selected.
    const fallback = () => {
      const scratch = Object.assign(document.createElement('textarea'), { value: text });
      scratch.style.cssText = 'position:fixed;opacity:0';
      this.renderRoot.append(scratch);
      scratch.select();
      const ok = document.execCommand('copy');
      scratch.remove();
      if (ok) copied();
      else this._field('title')?.select();
    };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(copied, fallback);
    else fallback();
  };

  private _onClose = (): void => {
    this.ctl.announce(''); // said inside: not moved out to be said again
    void this.ctl.editor?.flush();
    this.renderRoot.querySelector<HTMLElement>('.open')?.focus();
  };

  /** Focuses the first field marked invalid, else the title. */
  private _focusForm = async (): Promise<void> => {
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this._field('title'))?.focus();
  };

  private _field<T extends HTMLElement = HTMLInputElement>(id: string): T | null {
    return this.renderRoot.querySelector<T>(`#${id}`);
  }
}

/** A polite live region (visually hidden); each line a `<p>` of its own, so that a line added beside earlier ones is said. */
function live(lines: string[]) {
  return html`<div class="vh" role="status" aria-live="polite">${lines.map((line) => html`<p>${line}</p>`)}</div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'idesluss-widget': IdeslussWidget;
  }
}
