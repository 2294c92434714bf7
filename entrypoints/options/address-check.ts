/**
 * The options page's check of a saved address: asked once after each save, so that a wrong port
 * or path is found while the person is still on the page, not weeks later as "the intranet did
 * not answer". The address is saved either way: the check may run while the intranet is down.
 */
import { useRef, useState } from 'preact/hooks';
import { checkAddress, type AddressCheck } from '../../shared/api';
import type { Messages } from '../../shared/i18n';
import { signInUrlFor } from '../../shared/config/settings';
import { hostAccess } from '../lib/host-access';
import { createIntranetApi } from '../lib/intranet-api';

/** The check's state: running, its finding, or nothing to say. */
export type AddressCheckState = AddressCheck | { kind: 'checking' } | undefined;

/** The sentence for a check's state in the language of `t`; empty when there is nothing to say. */
export function addressCheckText(state: AddressCheckState, t: Messages): string {
  const c = t.options.check;
  switch (state?.kind) {
    case undefined:
      return '';
    case 'checking':
      return t.options.checking;
    case 'signed-in':
      return c.signedIn(state.name);
    case 'signed-out':
      return c.signedOut;
    case 'no-answer':
      return c.noAnswer;
    case 'no-api':
      return c.noApi;
    case 'server-error':
      return c.serverError(state.status);
  }
}

/**
 * Signed out: where to sign in, so the finding comes with a way on. The 401's own page wins; a
 * redirect (a sign-in gateway, docs/adr/014) names none a fetch may read, so the popup's guess is used.
 */
function withSignInPage(found: AddressCheck, intranetUrl: string): AddressCheck {
  return found.kind === 'signed-out' ? { kind: 'signed-out', signInUrl: found.signInUrl ?? signInUrlFor(intranetUrl) } : found;
}

/**
 * The check's state, `run(url)` to check a saved address, and `clear()` when the field changes.
 * Only the last run's finding is shown: an earlier, slower one is dropped.
 */
export function useAddressCheck(): { state: AddressCheckState; run(url: string): void; clear(): void } {
  const [state, setState] = useState<AddressCheckState>();
  const latest = useRef(0);
  const run = (url: string) => {
    const id = ++latest.current;
    setState({ kind: 'checking' });
    const show = (found: AddressCheckState) => void (id === latest.current && setState(found));
    // Without site access the request would be blocked and look like "no answer"; the access
    // notice above the form says what is missing instead.
    void hostAccess(url)
      .then(async (access) => show(access === 'granted' ? withSignInPage(await checkAddress(createIntranetApi(url)), url) : undefined))
      .catch(() => show({ kind: 'no-answer' }));
  };
  const clear = () => {
    latest.current++;
    setState(undefined);
  };
  return { state, run, clear };
}
