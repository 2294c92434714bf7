/**
 * Refuses requests whose `Host` names this server by a name it was not told about: the defence
 * against DNS rebinding (docs/adr/017-host-check.md). A page on `evil.example` that rebinds its name
 * to 127.0.0.1 makes the browser send `Host: evil.example` to a local `npm start`; the browser then
 * treats the intranet as that page's own origin. Allowed without configuration, as in Vite's dev
 * server: IP literals (a rebinding page's origin is always a name) and `localhost` with its
 * subdomains. Other names come from IDESLUSS_ALLOWED_HOSTS (and the address `npm start` built the
 * extension for). Every request is checked, a trusted reverse proxy's too: a browser on the proxy's
 * own machine connects from the same address, and a proxy that passes any `Host` on would pass a
 * rebound one. Behind a proxy, the public name (kept in `Host` or forwarded in `X-Forwarded-Host`)
 * goes in IDESLUSS_ALLOWED_HOSTS.
 */
import type { MiddlewareHandler } from 'hono';
import { problem } from './api/problem';
import { API_BASE } from './api/routes';
import { publicOrigin } from './proxy';

/** Which host names the server answers to besides IP literals and localhost: `any`, or a list. */
export type HostPolicy = { readonly any: true } | { readonly any: false; readonly names: ReadonlySet<string> };

/**
 * Reads IDESLUSS_ALLOWED_HOSTS: comma-separated host names without port (`intranet.lan`), a leading
 * dot for a name and all its subdomains (`.kommun.example`), `*` for any name. Unset or empty: none
 * beyond the built-in ones. Called once at start.
 */
export function parseAllowedHosts(value: string | undefined): HostPolicy {
  const entries = (value ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  if (entries.includes('*')) return { any: true };
  return { any: false, names: new Set(entries) };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** True when `hostname` (as `URL.hostname` gives it: lower case, no port, IPv6 in brackets) may be served. */
export function isAllowedHost(hostname: string, policy: HostPolicy): boolean {
  if (policy.any || IPV4.test(hostname) || hostname.startsWith('[')) return true;
  const name = hostname.replace(/\.$/, ''); // `localhost.` is `localhost`
  if (name === 'localhost' || name.endsWith('.localhost') || policy.names.has(name) || policy.names.has(`.${name}`)) return true;
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    if (policy.names.has(name.slice(dot))) return true;
  }
  return false;
}

/**
 * The first middleware of the app: 403 for a request to a host name that is not allowed, as
 * problem+json on the API and as plain text elsewhere, naming the setting that allows it. From a
 * trusted proxy, the public name it forwards (`X-Forwarded-Host`) is checked as well as `Host`: a
 * proxy that sets `Host` to its upstream's address passes the browser's name on only there, and that
 * name is the one the intranet's links and cookie then use (./proxy.ts `publicOrigin`).
 */
export function hostCheck(policy: HostPolicy, trustedProxies: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    let names: string[];
    try {
      names = [new URL(c.req.url).hostname, new URL(publicOrigin(c, trustedProxies)).hostname];
    } catch {
      // `Host: 999.1.1.1`: not a host name at all.
      return c.text('Idésluss: Host-huvudet är inget giltigt värdnamn.\n\nThe Host header is not a valid host name.\n', 400, { 'Cache-Control': 'no-store' });
    }
    const hostname = names.find((name) => !isAllowedHost(name, policy));
    if (hostname === undefined) return next();
    const detail = `This server does not answer to the host name "${hostname}". Add it to IDESLUSS_ALLOWED_HOSTS to allow it.`;
    if (c.req.path === API_BASE || c.req.path.startsWith(`${API_BASE}/`)) {
      return problem(c, 403, 'host-not-allowed', 'This host name is not allowed.', { detail });
    }
    // Read by whoever runs the server under a new name: Swedish first, English second, as every page.
    const sv = `Den här servern svarar inte på värdnamnet ”${hostname}”. Lägg till det i IDESLUSS_ALLOWED_HOSTS för att tillåta det.`;
    return c.text(`Idésluss: ${sv}\n\n${detail}\n`, 403, { 'Cache-Control': 'no-store' });
  };
}
