import { useEffect, useRef } from 'preact/hooks';
import { isEditable } from '../../shared/domain/draft';
import { IDEA_KINDS, partLang, type FieldError, type IdeaContent, type Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import { errorBesideHint, lengthHint } from '../../shared/i18n/length-hint';
import { inSubmitGrace } from '../../shared/models/submit-grace';
import type { DraftsModel, EditorModel } from '../../shared/models/types';
import { clearJournal, recordKeystroke } from '../lib/keystroke-journal';
import { StorageError } from '../../shared/storage';
import { ErrorSummary } from './ErrorSummary';
import { controlIdFor, errorText } from './field-errors';
import { PageContext, type ContextPart } from './PageContext';
import { SaveStatusLine } from './SaveStatusLine';

export interface IdeaFormProps {
  editor: EditorModel;
  drafts: DraftsModel;
  t: Messages;
  /** The UI's language: content in another (a challenge's title) is marked with its own. */
  lang: Lang;
  /** After a successful submit, with the submitted idea's id. */
  onSubmitted(id: string): void;
  /** Called on every change the user makes to the idea. */
  onChange?(): void;
  /** True while the background fetches the challenge list of a device that had none when the popup opened. */
  fetchingChallenges?: boolean;
}

/**
 * The form bound to the editor model: every input goes to `editor.update` (autosave), the title has
 * focus the moment the popup opens, and errors sit next to their fields.
 */
export function IdeaForm({ editor, drafts, t, lang, onSubmitted, onChange, fetchingChallenges = false }: IdeaFormProps) {
  const p = t.popup;
  const titleRef = useRef<HTMLInputElement>(null);
  const content = editor.content.value;
  const editable = isEditable(editor.state.value);
  const errors = editor.fieldErrors.value;
  const errorFor = (field: string) => errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  const challenges = drafts.challenges.value;
  // On a device with no challenge list yet, the field is there from the first paint, saying it is fetching, so that a
  // list arriving a moment later does not push the form down under the reader's eyes and pointer. Once shown, it
  // stays for this popup, whatever the answer (an empty list, or none: offline, signed out).
  const awaitedList = useRef(false);
  if (fetchingChallenges) awaitedList.current = true;
  const fetching = fetchingChallenges && challenges.length === 0 && content.challengeId === undefined;

  // Ready to type the moment the popup opens (App moves focus here again after submit and edit).
  useEffect(() => titleRef.current?.focus(), []);

  // A second Enter or click while a submit is being stored, or right after one (the user's second
  // press, now on the new empty form; shared/models/submit-grace.ts), is ignored, as in the widget:
  // it would submit twice at once, or flag the empty form. Any input ends that grace period.
  const submitting = useRef(false);
  const submittedAt = useRef(0);
  const update = (patch: Partial<IdeaContent>) => {
    submittedAt.current = 0;
    editor.update(patch);
    recordKeystroke(editor);
    onChange?.();
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (submitting.current || inSubmitGrace(submittedAt.current, Date.now())) return;
    submitting.current = true;
    let refused = false;
    try {
      // `next`: the new draft replaces the submitted one in the same step, so the field is never
      // rendered disabled (which would blur it and drop the keys typed right after Enter).
      const result = await editor.submit({ next: {} });
      if (result.ok) {
        // Keys typed while the submit was stored are now the new draft's text: journalled like any input.
        const next = editor.content.value;
        if (next.title || next.description) recordKeystroke(editor);
        else {
          clearJournal();
          submittedAt.current = Date.now();
        }
        onSubmitted(result.id);
      } else refused = true;
    } catch (error) {
      // The store failed: the save status says so and offers the text to copy; the focus stays.
      if (error instanceof StorageError) return;
      throw error;
    } finally {
      submitting.current = false;
    }
    // After the re-render (the field is disabled while the draft is frozen): refused, to the first field to correct
    // (the summary above says what is wrong in each); else back to the title, for the next idea.
    setTimeout(() => {
      const first = refused ? editor.fieldErrors.peek()[0] : undefined;
      const id = first && controlFor(first.field);
      (id ? document.getElementById(id) : titleRef.current)?.focus();
    }, 0);
  };

  const titleError = errorFor('title');
  const descriptionError = errorFor('description');
  const titleHint = lengthHint(t.lengthHint, 'title', content.title);
  const descriptionHint = lengthHint(t.lengthHint, 'description', content.description);
  // A field past its limit is described by its hint alone (the limit and by how much): the refusal's same limit is
  // neither shown nor read again under it (the error summary above still lists it).
  const describedBy = (field: string, error: FieldError | undefined, hint: ReturnType<typeof lengthHint>) =>
    errorBesideHint(error, hint) ? `${field}-hint ${field}-error` : `${field}-hint`;
  const challengeError = errorFor('challengeId');
  const contextErrors: Partial<Record<ContextPart, string>> = {};
  for (const part of ['url', 'title', 'quote'] as const) {
    const error = errors.find((e) => e.field === `source.${part}`);
    if (error) contextErrors[part] = errorText(error, t);
  }
  // The field shows while there are open challenges, and while the idea names one (that may since
  // have closed or gone: shown by its id, so the user sees the link and can choose another or none).
  const showChallenge = challenges.length > 0 || content.challengeId !== undefined || awaitedList.current;
  const challengeKnown = content.challengeId === undefined || challenges.some((c) => c.id === content.challengeId);
  // An error links to its control only while the form shows it (no challenges, or a removed part: none).
  const controlFor = (field: string) => {
    if (field === 'challengeId' && !showChallenge) return undefined;
    const part = /^source\.(url|title|quote)$/.exec(field)?.[1] as ContextPart | undefined;
    if (part && !content.source?.[part]) return undefined;
    return controlIdFor(field, content.kind);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="form-heading">
      <ErrorSummary errors={errors} t={t} controlFor={controlFor} />
      <div class="field">
        <label for="title">{p.title}</label>
        <input
          id="title" ref={titleRef} type="text" dir="auto" autoFocus autocomplete="off" value={content.title} disabled={!editable}
          aria-invalid={titleError ? 'true' : undefined} aria-describedby={describedBy('title', titleError, titleHint)}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
        <LengthHint id="title-hint" hint={titleHint} />
        {errorBesideHint(titleError, titleHint) && <p id="title-error" class="error">{errorText(titleError!, t)}</p>}
      </div>
      <fieldset>
        <legend>{p.kindLegend}</legend>
        <div class="kinds">
          {IDEA_KINDS.map((kind) => (
            <span key={kind}>
              <input type="radio" name="kind" id={`kind-${kind}`} value={kind} checked={content.kind === kind} disabled={!editable} onChange={() => update({ kind })} />{' '}
              <label for={`kind-${kind}`}>{t.kind[kind]}</label>
            </span>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="description">{p.description}</label>
        <textarea
          id="description" dir="auto" value={content.description} disabled={!editable}
          aria-invalid={descriptionError ? 'true' : undefined} aria-describedby={describedBy('description', descriptionError, descriptionHint)}
          onInput={(e) => update({ description: e.currentTarget.value })}
        />
        <LengthHint id="description-hint" hint={descriptionHint} />
        {errorBesideHint(descriptionError, descriptionHint) && <p id="description-error" class="error">{errorText(descriptionError!, t)}</p>}
      </div>
      {showChallenge && (
        <div class="field">
          <label for="challenge">{p.challenge}</label>
          <select
            id="challenge" value={content.challengeId ?? ''} disabled={!editable || fetching}
            aria-invalid={challengeError ? 'true' : undefined} aria-describedby={challengeError ? 'challenge-error' : undefined}
            onChange={(e) => update({ challengeId: e.currentTarget.value || undefined })}
          >
            <option value="">{fetching ? p.challengesFetching : p.challengeNone}</option>
            {/* "Closed or removed" only once a list is known to lack it: offline or signed out, no list is loaded. */}
            {!challengeKnown && <option value={content.challengeId}>{challenges.length > 0 ? p.unknownChallenge(content.challengeId!) : `${t.kind.challenge} ${content.challengeId!}`}</option>}
            {challenges.map((c) => <option key={c.id} value={c.id} lang={partLang(c.lang, lang)}>{c.title}</option>)}
          </select>
          {challengeError && <p id="challenge-error" class="error">{errorText(challengeError, t)}</p>}
        </div>
      )}
      <PageContext source={content.source} disabled={!editable} t={t} errors={contextErrors} nextFieldId="anonymous" onChange={(source) => update({ source })} />
      <div class="field">
        <input type="checkbox" id="anonymous" checked={content.anonymous} disabled={!editable} aria-describedby="anonymous-who" onChange={(e) => update({ anonymous: e.currentTarget.checked })} />{' '}
        <label for="anonymous" style="display:inline">{p.anonymous}</label>
        <p id="anonymous-who" class="hint">
          {content.anonymous ? p.anonymousOn : p.anonymousOff}
          {/* The page's address or title can name the writer (a personal site, a case file): say so where it goes with the idea. */}
          {content.anonymous && (content.source?.url || content.source?.title) ? ` ${p.anonymousWithPage}` : null}
        </p>
      </div>
      <div class="row">
        <button type="submit" disabled={!editable}>{p.submit}</button>
        <SaveStatusLine editor={editor} t={t} />
      </div>
    </form>
  );
}

/** A field's limit, and by how much its text is past it (in the field's description, not announced per keystroke). */
function LengthHint({ id, hint }: { id: string; hint: ReturnType<typeof lengthHint> }) {
  return (
    <p id={id} class="hint">
      {hint.limit}
      {hint.over && <strong class="over"> {hint.over}</strong>}
    </p>
  );
}
