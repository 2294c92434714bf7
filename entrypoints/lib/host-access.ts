/**
 * Whether the extension may reach the intranet address in effect. Its origin is the extension's one
 * host permission (DESIGN section 9): without it the worker's fetch carries no session cookie and
 * meets CORS, so every idea would look "signed out" for good and signing in would never help
 * (docs/adr/005-intranet-cors.md). That happens when IT's policy names an address the package was
 * not built for, when a generic build's address is set by policy (the options page never asked), or
 * when the user withheld the extension's site access in the browser.
 */
import { readableUrl } from '../../shared/config/readable-url';
import { hostPatternFor } from '../../shared/config/settings';
import { ext } from './ext';

/**
 * `granted`: it may; `ask`: it may ask the user (a generic build's optional hosts, or a fixed host the
 * user withheld), inside a click; `outside-build`: this package can never reach the address.
 */
export type HostAccess = 'granted' | 'ask' | 'outside-build';

/** The host patterns the package holds by its manifest, and whether it has optional ones to ask for. */
export function manifestHosts(): { fixed: string[]; optional: boolean } {
  const manifest = ext.runtime.getManifest();
  const fixed = ([...(manifest.host_permissions ?? manifest.permissions ?? [])] as string[]).filter((p) => p.includes('://'));
  const optional = (manifest.optional_host_permissions ?? manifest.optional_permissions ?? []).length > 0;
  return { fixed, optional };
}

/** The fixed hosts as people read them (`https://intranät.kommun.se`, not its ASCII form), for messages. */
export function fixedOrigins(fixed: readonly string[]): string {
  return fixed.map((p) => readableUrl(p.replace('/*', ''))).join(', ');
}

/** Whether the extension may reach `intranetUrl` now; see HostAccess. */
export async function hostAccess(intranetUrl: string): Promise<HostAccess> {
  const pattern = hostPatternFor(intranetUrl);
  if (await ext.permissions.contains({ origins: [pattern] })) return 'granted';
  const { fixed, optional } = manifestHosts();
  return optional || fixed.includes(pattern) ? 'ask' : 'outside-build';
}

/**
 * Asks the user for access to `intranetUrl`. Browser constraint: `permissions.request` needs the
 * user's gesture, so call it first thing in a click handler, with nothing awaited before it.
 */
export function requestHostAccess(intranetUrl: string): Promise<boolean> {
  return ext.permissions.request({ origins: [hostPatternFor(intranetUrl)] });
}

/**
 * After the address changed from `previous` to `next`: gives back the access a generic build was
 * granted for `previous`, so the extension holds one intranet origin (DESIGN section 9), not every
 * address it was ever set to. The build's fixed hosts are never removed (the browser refuses to).
 */
export async function releaseHostAccess(previous: string, next: string): Promise<boolean> {
  const old = hostPatternFor(previous);
  if (old === hostPatternFor(next) || manifestHosts().fixed.includes(old)) return false;
  return ext.permissions.remove({ origins: [old] });
}
