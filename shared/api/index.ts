/** The Ideas API client and the options page's address check: public surface of shared/api. */
export { checkAddress, type AddressCheck } from './address-check';
export { createIdeasApi, type FetchLike, type IdeasApiOptions } from './client';
export { ApiError, type ApiErrorKind, type Problem } from './errors';
export { parseRetryAfter } from './retry-after';
export type { IdeasApi } from './types';
