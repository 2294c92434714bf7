/**
 * The one schema for an idea, used by the client before it queues a draft and by the reference
 * intranet on every write (DESIGN section 3). Valibot: tree-shakable, so the widget pays only for
 * the few actions used here (see docs/adr/002-schema-library.md).
 *
 * Issue messages are our error codes; `validateIdea` turns them into `FieldError`s.
 */
import * as v from 'valibot';
import { IDEA_KINDS, LANGS, LIMITS, type FieldError, type FieldErrorCode, type IdeaContent } from './idea';

/** Length in Unicode code points, so an emoji counts as one character, as the user sees it. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

// C0 controls and DEL, except tab, line feed and carriage return; plus bidi overrides/isolates,
// which can make a title read differently from what it is ("Trojan Source").
// Global, for `replace`; `search` ignores `lastIndex`, so the tests below keep no state.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** True when a string holds no control characters, bidi overrides or broken UTF-16. */
export function isCleanText(value: string): boolean {
  return value.search(FORBIDDEN_CHARS) < 0 && value.search(LONE_SURROGATE) < 0;
}

/** `value` without the characters `isCleanText` refuses: for text from a page, cleaned rather than refused. */
export function stripUncleanText(value: string): string {
  return value.replace(FORBIDDEN_CHARS, '').replace(LONE_SURROGATE, '');
}

/**
 * A title's or description's text as a submit stores it (docs/adr/026-invisible-characters.md): a
 * vertical tab or form feed (Word's line or page break) becomes `lineBreak` (a space in the one-line
 * title, a new line in the description, so the words around it stay apart), and the characters the
 * contract refuses, which a person cannot see to take out, are taken out.
 */
export function submittedText(value: string, lineBreak: ' ' | '\n'): string {
  return stripUncleanText(value.replace(/[\v\f]/g, lineBreak));
}

/**
 * How many characters `value` is over `max` as a submit counts them (cleaned, NFC, trimmed when the field is), else 0.
 * For the hint that says, while the person types, by how much a text is past its limit.
 */
export function charactersOver(value: string, max: number, trim = false): number {
  const counted = submittedText(value, trim ? ' ' : '\n').normalize('NFC');
  return Math.max(0, codePointLength(trim ? counted.trim() : counted) - max);
}

/**
 * True for an absolute http(s) URL within the length limit: the only URLs that may become links.
 * No whitespace, control characters or bidi overrides: `new URL` would drop or encode them, but the
 * string as given is what is stored and exported (a browser's own URLs never hold them).
 */
export function isSafeHttpUrl(value: string): boolean {
  if (codePointLength(value) > LIMITS.sourceUrlMax || /\s/.test(value) || !isCleanText(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const cleanText = (max: number, { trim = false, required = false } = {}) =>
  v.pipe(
    v.string('invalid_type'),
    v.check(isCleanText, 'invalid_value'),
    v.transform((s) => (trim ? s.normalize('NFC').trim() : s.normalize('NFC'))),
    // Required means something to read: not only spaces or invisible characters (U+200B, U+3164 …).
    v.check((s) => !required || s.replace(/[\p{Default_Ignorable_Code_Point}\s]/gu, '').length > 0, 'required'),
    v.check((s) => codePointLength(s) <= max, 'too_long'),
  );

// Valibot's `object` takes an array for an empty object: `"source": [...]` would be stored as no source, and the
// write-once PUT would then refuse the corrected retry (409). So an array is refused as `invalid_type` first.
const sourceSchema = v.pipe(
  v.custom<unknown>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'invalid_type'),
  v.object({
    url: v.optional(v.pipe(v.string('invalid_type'), v.trim(), v.check((s) => s === '' || isSafeHttpUrl(s), 'invalid_url'))),
    title: v.optional(cleanText(LIMITS.sourceTitleMax, { trim: true })),
    quote: v.optional(cleanText(LIMITS.sourceQuoteMax, { trim: true })),
  }),
);

/** The schema for the body of `PUT /ideas/{id}`. Unknown fields are dropped. */
export const ideaContentSchema = v.object({
  title: cleanText(LIMITS.titleMax, { trim: true, required: true }),
  description: v.optional(cleanText(LIMITS.descriptionMax), ''),
  kind: v.optional(v.picklist(IDEA_KINDS, 'invalid_value'), 'idea'),
  challengeId: v.optional(v.pipe(v.string('invalid_type'), v.trim(), v.check((s) => s.length <= 100, 'too_long'), v.check((s) => /^[\w-]*$/.test(s), 'invalid_value'))),
  source: v.optional(sourceSchema),
  anonymous: v.optional(v.boolean('invalid_type'), false),
  lang: v.optional(v.picklist(LANGS, 'invalid_value'), 'sv'),
  // A missing required key is reported with the object's message: "required", not "invalid_type".
}, 'required');

export type ValidationResult = { ok: true; value: IdeaContent } | { ok: false; errors: FieldError[] };

const CODES: readonly FieldErrorCode[] = ['required', 'too_long', 'invalid_url', 'invalid_value', 'invalid_type'];

/**
 * Validates and normalises an idea: NFC, trimmed title, defaults filled in, empty optional parts
 * removed. Call it on submit (client) and on every write (server); the result is the canonical
 * content that idempotency compares. Its field errors carry a code and no message: each client says
 * a code in its own words, and the intranet words its answer with `inEnglish`.
 */
export function validateIdea(input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', code: 'invalid_type', message: '' }] };
  }
  const result = v.safeParse(ideaContentSchema, input, { abortPipeEarly: true });
  if (!result.success) {
    const errors: FieldError[] = [];
    for (const issue of result.issues) {
      const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      const code = (CODES as readonly string[]).includes(issue.message) ? (issue.message as FieldErrorCode) : 'invalid_type';
      if (!errors.some((e) => e.field === field)) errors.push({ field, code, message: '' });
    }
    return { ok: false, errors };
  }
  return { ok: true, value: canonicalContent(result.output) };
}

/** The reference intranet's English for each code, in its answer to an invalid idea. */
const ENGLISH: Record<FieldErrorCode, string> = {
  required: 'This field is required.',
  too_long: 'This field is too long.',
  invalid_url: 'Only http and https addresses are allowed.',
  invalid_value: 'This value is not allowed.',
  invalid_type: 'This field has the wrong type.',
};

/** Errors from `validateIdea` with the intranet's English messages: a body that is no object, or a field's code. */
export function inEnglish(errors: FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, message: error.field === '' ? 'The body must be a JSON object.' : ENGLISH[error.code] }));
}

/** Drops empty optional parts so that two equal ideas have one representation. */
function canonicalContent(value: v.InferOutput<typeof ideaContentSchema>): IdeaContent {
  const content: IdeaContent = {
    title: value.title,
    description: value.description,
    kind: value.kind,
    anonymous: value.anonymous,
    lang: value.lang,
  };
  if (value.challengeId) content.challengeId = value.challengeId;
  const source = value.source;
  if (source) {
    const kept = Object.fromEntries(Object.entries(source).filter(([, s]) => typeof s === 'string' && s !== ''));
    if (Object.keys(kept).length > 0) content.source = kept;
  }
  return content;
}

/** A stable string of canonical content: equal ideas give equal keys (object key order fixed). */
export function contentKey(content: IdeaContent): string {
  const { title, description, kind, challengeId, source, anonymous, lang } = content;
  return JSON.stringify([title, description, kind, challengeId ?? null, source?.url ?? null, source?.title ?? null, source?.quote ?? null, anonymous, lang]);
}
