import { isSafeHttpUrl } from '../../shared/domain/validation';
import type { Messages } from '../../shared/i18n';
import type { SyncStatusModel } from '../../shared/models/types';
import { ext } from '../lib/ext';

export interface BannersProps {
  sync: SyncStatusModel | undefined;
  t: Messages;
  /**
   * The intranet's sign-in page as guessed from its address, or undefined when no intranet is
   * configured; a 401 that names one (`sync.signInUrl`) wins.
   */
  signInUrl: string | undefined;
  /** An intranet is configured but the extension may not reach it: ideas wait; the settings say why. */
  noAccess?: boolean;
  celebrate: boolean;
}

/**
 * The notices above the form: not configured, no access to the intranet, offline, sign-in needed (sync paused for auth),
 * another account signed in than the one ideas went as (docs/adr/016-sending-as-another-account.md), and
 * the small celebration when an idea reaches the intranet (no motion under prefers-reduced-motion).
 */
export function Banners({ sync, t, signInUrl, noAccess = false, celebrate }: BannersProps) {
  const p = t.popup;
  const other = sync?.accountSwitch.value; // set only while paused for another account
  const openSignIn = () => {
    const url = sync?.signInUrl.value ?? signInUrl;
    if (url && isSafeHttpUrl(url)) void ext.tabs.create({ url });
  };
  return (
    <div>
      {!signInUrl && (
        <div class="notice warning" role="status">
          {p.notConfigured}{' '}
          <button type="button" class="link" onClick={() => void ext.runtime.openOptionsPage()}>{p.openOptions}</button>
        </div>
      )}
      {signInUrl && noAccess && (
        <div class="notice warning" role="status" data-banner="no-access">
          {p.noAccess}{' '}
          <button type="button" class="link" onClick={() => void ext.runtime.openOptionsPage()}>{p.openOptions}</button>
        </div>
      )}
      {/* No role: the popup's live region says it (useConnectionNews), once. */}
      {sync && !sync.online.value && <div class="notice" data-banner="offline">{p.offline}</div>}
      {sync?.paused.value === 'auth' && signInUrl && (
        <div class="notice warning" role="alert" data-banner="sign-in">
          <p>{p.signInNeeded}</p>
          <button type="button" class="primary" onClick={openSignIn}>{p.signIn}</button>
        </div>
      )}
      {sync && other && (
        <div class="notice warning" role="alert" data-banner="other-account">
          <p>{t.otherAccount(other.previous.name, other.current.name)}</p>
          <button type="button" class="primary" onClick={() => {
              // The banner goes away with its button: focus moves to the form first, not to <body>.
              document.getElementById('title')?.focus();
              void sync.sendAsSignedIn(other.current.id).catch(() => undefined);
            }}>
            {t.sendAs(other.current.name)}
          </button>
        </div>
      )}
      {celebrate && (
        <div class="celebration" role="status" data-banner="celebration">
          <span aria-hidden="true">🎉 </span>{p.celebration}
        </div>
      )}
    </div>
  );
}
