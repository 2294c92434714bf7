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
  /** What the button's answer was, said in a live region that is always in the page (one inserted with its text is not read by every screen reader). */
  const [outcome, setOutcome] = useState<'granted' | 'refused' | undefined>();
  /** Each answer's text is put in anew, so a second refusal is said again though its sentence is the same. */
  const [answers, setAnswers] = useState(0);
  useEffect(() => {
    let current = true;
    setAccess(undefined);
    setOutcome(undefined);
    if (intranetUrl) void hostAccess(intranetUrl).then((a) => current && setAccess(a), () => undefined);
    return () => void (current = false);
  }, [intranetUrl]);
  const origin = intranetUrl ? readableUrl(new URL(intranetUrl).origin) : '';
  const ask = async () => {
    setAnswers((n) => n + 1);
    if (!intranetUrl || !(await requestHostAccess(intranetUrl))) return setOutcome('refused');
    setOutcome('granted');
    setAccess('granted');
    // The button goes with the notice: focus to the address it was about, not to <body> (WCAG 2.4.3).
    document.getElementById('intranet-url')?.focus();
    void sendToBackground({ type: 'settings-changed' }).catch(() => undefined);
  };
  const said = outcome === 'granted' ? o.accessGranted(origin) : outcome === 'refused' ? o.permissionDenied : '';
  return (
    <>
      <p class="live" role="status" data-access-outcome><span key={answers}>{said}</span></p>
      {intranetUrl && access && access !== 'granted' && (
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
      )}
    </>
  );
}
