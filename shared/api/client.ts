/**
 * The Ideas API v1 client (DESIGN section 7) over an injected `fetch`.
 *
 * Every failure becomes one ApiError (./errors.ts): no response at all, each HTTP status with its
 * problem+json and `Retry-After`, a redirect (an intranet's sign-in gateway), or a 2xx whose body
 * breaks the contract. Nothing is retried here:
 * retrying is the sync engine's decision, made from the classification of that error.
 */
import * as v from 'valibot';
import type { Challenge, IdeaContent, Me, RemoteIdea } from '../domain/idea';
import { ApiError } from './errors';
import { isJsonContentType, toProblem } from './problem';
import { parseRetryAfter } from './retry-after';
import { challengeListSchema, meSchema, remoteIdeaListSchema, remoteIdeaSchema } from './schemas';
import type { IdeasApi } from './types';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface IdeasApiOptions {
  /** E.g. `https://intranet.example/api/idesluss/v1` (no trailing slash needed). */
  baseUrl: string;
  /** Injected so tests can fault it and so the worker, the popup and the widget pass their own. */
  fetch: FetchLike;
  /** `X-Idesluss-Client` value, e.g. `idesluss-extension/0.1.0`. The API refuses writes without it. */
  clientName: string;
  /** Default `include`: the intranet's session cookie is the usual credential. */
  credentials?: RequestCredentials;
  /** Extra headers on every request, e.g. `Authorization: Bearer …` for a token-based intranet. */
  headers?: Record<string, string>;
  /** For `Retry-After` dates; default `Date.now`. */
  now?: () => number;
}

/** Creates the Ideas API client. Cheap; make one per base URL in each composition root. */
export function createIdeasApi(options: IdeasApiOptions): IdeasApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;

  async function call<S extends v.GenericSchema>(method: string, path: string, schema: S, body: unknown, signal?: AbortSignal) {
    const url = `${base}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      headers['X-Idesluss-Client'] = options.clientName;
    }
    // The API never redirects; a redirect is a sign-in gateway in front of the intranet (SSO). Followed, a
    // PUT becomes a GET of the sign-in page (a 200 of HTML) or dies on the identity provider's missing
    // CORS headers (indistinguishable from being offline), and the user is never told to sign in.
    const init: RequestInit = { method, headers, credentials: options.credentials ?? 'include', signal, redirect: 'manual' };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await options.fetch(url, init);
    } catch (cause) {
      throw new ApiError({ kind: signal?.aborted ? 'aborted' : 'network', method, url, cause });
    }
    // Browsers hide a redirect not followed as `opaqueredirect` with status 0; Node shows the 3xx.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new ApiError({ kind: 'redirect', method, url, status: response.status || undefined });
    }
    if (!response.ok) throw await httpError(response, method, url, now());
    const parsed = v.safeParse(schema, await readJson(response, method, url, signal));
    if (!parsed.success) {
      throw new ApiError({ kind: 'invalid-body', method, url, status: response.status, cause: parsed.issues });
    }
    return { status: response.status, value: parsed.output as v.InferOutput<S> };
  }

  return {
    baseUrl: base,
    async putIdea(id, content: IdeaContent, signal) {
      const { status, value } = await call('PUT', `/ideas/${encodeURIComponent(id)}`, remoteIdeaSchema, content, signal);
      return { created: status === 201, idea: value as RemoteIdea };
    },
    async getIdea(id, signal) {
      return (await call('GET', `/ideas/${encodeURIComponent(id)}`, remoteIdeaSchema, undefined, signal)).value as RemoteIdea;
    },
    async listMyIdeas(signal) {
      return (await call('GET', '/ideas?mine=true', remoteIdeaListSchema, undefined, signal)).value as RemoteIdea[];
    },
    async listChallenges(signal) {
      return (await call('GET', '/challenges', challengeListSchema, undefined, signal)).value as Challenge[];
    },
    async me(signal) {
      return (await call('GET', '/me', meSchema, undefined, signal)).value as Me;
    },
  };
}

/** Reads a 2xx body as JSON. A body cut off mid-stream is no response at all (the write may have landed). */
async function readJson(response: Response, method: string, url: string, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new ApiError({ kind: signal?.aborted ? 'aborted' : 'network', method, url, cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ApiError({ kind: 'invalid-body', method, url, status: response.status, cause });
  }
}

async function httpError(response: Response, method: string, url: string, nowMs: number): Promise<ApiError> {
  let problem;
  if (isJsonContentType(response.headers.get('content-type'))) {
    try {
      problem = toProblem(JSON.parse(await response.text()));
    } catch {
      // A broken error body still tells us the status; the status is what callers branch on.
    }
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  return new ApiError({ kind: 'http', method, url, status: response.status, problem, retryAfterMs });
}
