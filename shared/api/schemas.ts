/**
 * Response shapes of the Ideas API, checked on arrival: a 2xx that does not match is an
 * `invalid-body` ApiError, never a half-typed object in the store. Unknown members are dropped
 * (the API may grow), missing or mistyped required ones are refused.
 */
import * as v from 'valibot';
import { IDEA_KINDS, IDEA_STATUSES, LANGS } from '../domain/idea';

const optionalString = v.optional(v.string());

/** A list of `item`s: a JSON array, or one wrapped as `{ items: [...] }` (an envelope the API may grow). */
function listOf<S extends v.GenericSchema>(item: S) {
  const unwrap = (body: unknown) => (typeof body === 'object' && body !== null && 'items' in body ? body.items : body);
  return v.pipe(v.unknown(), v.transform(unwrap), v.array(item));
}

export const remoteIdeaSchema = v.object({
  id: v.string(),
  title: v.string(),
  description: v.optional(v.string(), ''),
  kind: v.picklist(IDEA_KINDS),
  challengeId: optionalString,
  source: v.optional(v.object({ url: optionalString, title: optionalString, quote: optionalString })),
  anonymous: v.boolean(),
  lang: v.picklist(LANGS),
  status: v.picklist(IDEA_STATUSES),
  createdAt: v.string(),
  updatedAt: v.string(),
});

export const remoteIdeaListSchema = listOf(remoteIdeaSchema);

export const challengeSchema = v.object({
  id: v.string(),
  title: v.string(),
  summary: v.optional(v.string(), ''),
  url: v.string(),
  closesAt: optionalString,
  lang: optionalString,
});

export const challengeListSchema = listOf(challengeSchema);

export const meSchema = v.object({
  id: v.string(),
  name: v.string(),
  roles: v.optional(v.array(v.string()), []),
});
