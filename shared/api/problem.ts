/**
 * Reads RFC 9457 problem details defensively: a proxy's HTML error page or a half body must not
 * turn into a crash, and only well-formed field errors reach the UI (as text).
 */
import type { FieldError, FieldErrorCode } from '../domain/idea';
import { isSafeHttpUrl } from '../domain/validation';
import type { Problem } from './errors';

const CODES: readonly FieldErrorCode[] = ['required', 'too_long', 'invalid_url', 'invalid_value', 'invalid_type'];

/** True for `application/problem+json` and plain JSON content types. */
export function isJsonContentType(contentType: string | null): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type === 'application/problem+json' || type.endsWith('+json');
}

/** Picks the known members of a parsed problem object; unknown members and wrong types are ignored. */
export function toProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const raw = body as Record<string, unknown>;
  const problem: Problem = {};
  if (typeof raw.type === 'string') problem.type = raw.type;
  if (typeof raw.title === 'string') problem.title = raw.title;
  if (typeof raw.status === 'number') problem.status = raw.status;
  if (typeof raw.detail === 'string') problem.detail = raw.detail;
  if (Array.isArray(raw.errors)) problem.errors = raw.errors.flatMap(toFieldError);
  // Becomes a link the user follows: only an absolute http(s) URL.
  if (typeof raw.signInUrl === 'string' && isSafeHttpUrl(raw.signInUrl)) problem.signInUrl = raw.signInUrl;
  return problem;
}

function toFieldError(item: unknown): FieldError[] {
  if (typeof item !== 'object' || item === null) return [];
  const { field, code, message } = item as Record<string, unknown>;
  if (typeof field !== 'string') return [];
  const known = typeof code === 'string' && (CODES as readonly string[]).includes(code);
  return [{ field, code: known ? (code as FieldErrorCode) : 'invalid_value', message: typeof message === 'string' ? message : '' }];
}
