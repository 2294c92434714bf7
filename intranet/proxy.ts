/**
 * Whom the intranet believes about a reverse proxy in front of it. One rule for every forwarded
 * header (docs/adr/013-sign-in-throttle.md): `X-Forwarded-For`, `X-Forwarded-Proto` and
 * `X-Forwarded-Host` count only when the TCP peer is one of IDESLUSS_TRUSTED_PROXIES; from anyone
 * else they are ignored, since any client can send them.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** An address as the trusted-proxy list spells it: trimmed, IPv4-mapped IPv6 as plain IPv4. */
export function plainAddress(address: string): string {
  return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * The TCP peer's address as the socket reports it. Undefined when the request did not come through
 * @hono/node-server (`app.request` in a test), which then never counts as a trusted proxy.
 */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** True when the request came straight from one of `trustedProxies`: only then are forwarded headers believed. */
export function fromTrustedProxy(c: Context, trustedProxies: ReadonlySet<string>): boolean {
  if (trustedProxies.size === 0) return false;
  const peer = peerAddress(c);
  return peer !== undefined && trustedProxies.has(plainAddress(peer));
}

/** `host` or `host:port`, a bracketed IPv6 literal allowed; nothing else (no user info, path or spaces). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The first entry of a comma-separated forwarded header: what the outermost proxy saw. */
const firstEntry = (value: string | undefined) => value?.split(',')[0]?.trim() ?? '';

/**
 * The origin browsers use for this server (`https://intranet.example`), for absolute URLs in
 * responses (`signInUrl`, challenge `url`s), the session cookie's `Secure` flag and the same-origin
 * check. Behind a TLS-terminating reverse proxy the request reaches us as plain http, possibly under
 * an internal host name, so:
 * - from a trusted proxy (IDESLUSS_TRUSTED_PROXIES), the scheme is the first `X-Forwarded-Proto`
 *   entry (`http` or `https`) and the host the first `X-Forwarded-Host` entry, each where present
 *   and well-formed, else the request's own;
 * - from anyone else, forwarded headers are ignored: the origin is the request's own URL (scheme of
 *   the connection, the `Host` header).
 * So a deployment behind an https proxy must name the proxy in IDESLUSS_TRUSTED_PROXIES (which the
 * sign-in throttle needs anyway) to get https links and a Secure cookie.
 */
export function publicOrigin(c: Context, trustedProxies: ReadonlySet<string>): string {
  const own = new URL(c.req.url);
  if (!fromTrustedProxy(c, trustedProxies)) return own.origin;
  const proto = firstEntry(c.req.header('X-Forwarded-Proto')).toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? `${proto}:` : own.protocol;
  const forwardedHost = firstEntry(c.req.header('X-Forwarded-Host'));
  const host = HOST.test(forwardedHost) ? forwardedHost : own.host;
  try {
    return new URL(`${scheme}//${host}`).origin;
  } catch {
    return own.origin; // e.g. a port above 65535
  }
}
