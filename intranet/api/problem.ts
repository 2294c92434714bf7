/**
 * RFC 9457 problem details (`application/problem+json`), with `errors: [{ field, code, message }]`
 * for validation. Every API error goes through here so clients see one shape.
 */
import type { Context } from 'hono';
import type { FieldError } from '../../shared/domain/idea';

export const PROBLEM_TYPE_BASE = 'https://idesluss.example/problems/';

/** The body of an error response. Extra members (`current`, `signInUrl`) are allowed by RFC 9457. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Builds a problem response. `slug` names the problem type; `extra` adds members. */
export function problem(
  _c: Context,
  status: number,
  slug: string,
  title: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const body: Problem = { type: PROBLEM_TYPE_BASE + slug, title, status, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** A 422 with field errors. */
export function validationProblem(c: Context, errors: FieldError[]): Response {
  return problem(c, 422, 'validation', 'The idea is not valid.', { errors });
}
