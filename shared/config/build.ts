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
    throw new Error(`IDESLUSS_INTRANET=${JSON.stringify(raw)} is refused (${checked.code}): use https://your-intranet, http://localhost[:port], http://127.0.0.1[:port], http://[::1][:port] or "${GENERIC_BUILD}".`);
  }
  return { defaultUrl: checked.value, hostPermissions: [hostPatternFor(checked.value)], optionalHostPermissions: [] };
}

/**
 * The Firefox add-on id when `IDESLUSS_GECKO_ID` is unset: fine for development and the tests. Ids are
 * global on addons.mozilla.org, so an organisation signs its package under an id of its own.
 */
export const DEFAULT_GECKO_ID = 'idesluss@idesluss.example';

/** Firefox's two forms of an add-on id: `name@domain` or a `{GUID}`. */
const GECKO_ID = /^([\w.-]*@[\w.-]+|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i;

/** Resolves `IDESLUSS_GECKO_ID` at build time; throws with a readable message on a value Firefox would refuse. */
export function geckoId(envValue: string | undefined): string {
  const raw = envValue?.trim() || DEFAULT_GECKO_ID;
  if (!GECKO_ID.test(raw)) throw new Error(`IDESLUSS_GECKO_ID=${JSON.stringify(raw)} is refused: use name@your-domain (idesluss@kommun.se) or a {GUID}.`);
  return raw;
}
