/**
 * The one error type of the Ideas API client. Callers branch on `kind` and `status`, never on
 * message text: the sync engine classifies it (../sync/classify.ts), and the UI says it in its own words
 * from the kind, the status and the field errors' codes (never the server's wording).
 *
 * - `network`: no response at all (refused, reset, DNS, offline, CORS) — the server may or may not
 *   have stored a PUT, which is why every write is idempotent;
 * - `aborted`: the caller's AbortSignal fired; also no response;
 * - `http`: a response with a non-2xx status, with the parsed problem+json when there was one;
 * - `redirect`: the API answered with a redirect, which it never does itself: a sign-in gateway (SSO)
 *   in front of the intranet sends the caller to sign in, so it means what 401 means;
 * - `invalid-body`: a 2xx whose body is not the JSON the contract promises.
 */
import type { FieldError } from '../domain/idea';

export type ApiErrorKind = 'network' | 'aborted' | 'http' | 'redirect' | 'invalid-body';

/** RFC 9457 problem details as the Ideas API sends them (`errors` for validation). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  /** With 401 (the Ideas API's extension member): where a person signs in; an http(s) URL. */
  signInUrl?: string;
}

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  url: string;
  status?: number;
  problem?: Problem;
  /** From `Retry-After`, as a delay in ms from when the response arrived. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Thrown by every IdeasApi method for anything but a valid 2xx. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly url: string;
  /** HTTP status; undefined when no response arrived (`network`, `aborted`). */
  readonly status: number | undefined;
  readonly problem: Problem | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.problem = init.problem;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** True when no HTTP response arrived at all. */
  get noResponse(): boolean {
    return this.kind === 'network' || this.kind === 'aborted';
  }

  /** Field errors from problem+json `errors` (400/413/422), or an empty list. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

function describe(init: ApiErrorInit): string {
  const where = `${init.method} ${init.url}`;
  switch (init.kind) {
    case 'network':
      return `No response from ${where}`;
    case 'aborted':
      return `Request aborted: ${where}`;
    case 'redirect':
      return `Redirected (to sign in?) by ${where}`;
    case 'invalid-body':
      return `Invalid response body from ${where} (HTTP ${init.status})`;
    case 'http':
      return `HTTP ${init.status} from ${where}${init.problem?.title ? `: ${init.problem.title}` : ''}`;
  }
}
