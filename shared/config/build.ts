/**
 * How `IDESLUSS_INTRANET` at build time becomes the manifest's host permissions (DESIGN section 9).
 * Pure, so `wxt.config.ts` and a unit test share it.
 */
import { checkIntranetUrl, hostPatternFor } from './settings';

/** Without `IDESLUSS_INTRANET`, `npm run build` targets the reference intranet on this computer. */
export const DEFAULT_DEV_INTRANET = 'http://127.0.0.1:8787';

/** `IDESLUSS_INTRANET=generic` makes a build for any organisation: the address is asked for at run time. */
export const GENERIC_BUILD = 'generic';

/** What the user may grant in a generic build: any https intranet, or a local one for development. */
export const GENERIC_OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'] as const;

export interface IntranetBuild {
  /** The preset intranet address, or undefined in a generic build. */
  defaultUrl: string | undefined;
  /** Fixed host permissions: the intranet origin only (empty in a generic build). */
  hostPermissions: string[];
  /** Asked for when the user configures the address (generic build only). */
  optionalHostPermissions: string[];
}

/**
 * Resolves the build's intranet. Throws with a readable message on a malformed or insecure
 * value, so a bad organisation build fails at build time instead of shipping.
 */
export function intranetBuild(envValue: string | undefined): IntranetBuild {
  const raw = envValue === undefined || envValue.trim() === '' ? DEFAULT_DEV_INTRANET : envValue.trim();
  if (raw === GENERIC_BUILD) return { defaultUrl: undefined, hostPermissions: [], optionalHostPermissions: [...GENERIC_OPTIONAL_HOSTS] };
  const checked = checkIntranetUrl(raw);
  if (!checked.ok) {
    throw new Error(`IDESLUSS_INTRANET=${JSON.stringify(raw)} is refused (${checked.code}): use https://your-intranet, http://localhost[:port], http://127.0.0.1[:port] or "${GENERIC_BUILD}".`);
  }
  return { defaultUrl: checked.value, hostPermissions: [hostPatternFor(checked.value)], optionalHostPermissions: [] };
}
