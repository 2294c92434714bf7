import { useEffect, useState } from 'preact/hooks';
import { readableUrl } from '../../shared/config/readable-url';
import type { Messages } from '../../shared/i18n';
import { fixedOrigins, hostAccess, manifestHosts, requestHostAccess, type HostAccess } from '../lib/host-access';
import { sendToBackground } from '../lib/messaging';

export interface AccessNoticeProps {
  /** The address in effect (IT's or the user's saved one). */
  intranetUrl: string | undefined;
  t: Messages;
}

/**
 * Says when the extension may not reach the address in effect, which the form's own check cannot
 * catch: an address set by IT's policy (locked, so the form never asks), or site access the user
 * withheld in the browser. Where the browser lets us ask, a button asks (inside its click: the
 * permission prompt needs the user's gesture); else it says which addresses this package serves.
 */
export function AccessNotice({ intranetUrl, t }: AccessNoticeProps) {
  const o = t.options;
  const [access, setAccess] = useState<HostAccess | undefined>();
  useEffect(() => {
    let current = true;
    setAccess(undefined);
    if (intranetUrl) void hostAccess(intranetUrl).then((a) => current && setAccess(a), () => undefined);
    return () => void (current = false);
  }, [intranetUrl]);
  if (!intranetUrl || !access || access === 'granted') return null;
  const origin = readableUrl(new URL(intranetUrl).origin);
  const ask = async () => {
    if (!(await requestHostAccess(intranetUrl))) return;
    setAccess('granted');
    void sendToBackground({ type: 'settings-changed' }).catch(() => undefined);
  };
  return (
    <div class="notice warning" role="status" data-notice="access">
      {access === 'ask' ? (
        <>
          <p>{o.accessAsk(origin)}</p>
          <button type="button" onClick={() => void ask()}>{o.grantAccess(origin)}</button>
        </>
      ) : (
        <p>{o.accessOutside(origin, fixedOrigins(manifestHosts().fixed))}</p>
      )}
    </div>
  );
}
