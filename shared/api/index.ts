/** The Ideas API client: public surface of shared/api. */
export { createIdeasApi, type FetchLike, type IdeasApiOptions } from './client';
export { ApiError, type ApiErrorKind, type Problem } from './errors';
export { parseRetryAfter } from './retry-after';
export type { IdeasApi } from './types';
