/**
 * The Ideas API client as the extension uses it, in the worker and in the popup: the configured
 * intranet's API base, the browser's own session cookies (`credentials: 'include'`; the host
 * permission lets the extension's fetch carry them and skip CORS), and our client name.
 */
import { createIdeasApi, type IdeasApi } from '../../shared/api';
import { apiBaseFor } from '../../shared/config/settings';
import { ext } from './ext';

/** Creates the API client for `intranetUrl` (already checked by shared/config/settings.ts). */
export function createIntranetApi(intranetUrl: string): IdeasApi {
  return createIdeasApi({
    baseUrl: apiBaseFor(intranetUrl),
    fetch: (input, init) => fetch(input, init),
    clientName: `idesluss-extension/${ext.runtime.getManifest().version}`,
    credentials: 'include',
  });
}
