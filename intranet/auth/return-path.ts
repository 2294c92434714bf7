/**
 * The `?return=` of the sign-in page: only a same-origin relative path may be followed, never
 * `//evil.example`, `/\evil`, `https://…` or `javascript:`, also not after dot segments are resolved
 * (`/.//evil.example`). Anything else falls back to `/`.
 */
export function safeReturnPath(value: string | undefined | null): string {
  if (!value || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters and backslashes never belong in a return path
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const base = 'http://same.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    if (/^\/(logga-in|login|auth\/)/.test(url.pathname)) return '/'; // never back to the sign-in itself
    const path = url.pathname + url.search + url.hash;
    // Normalising can create a new leading `//` (`/.//evil.example`, `/x/..//evil.example`): check again.
    return path.startsWith('//') || path.startsWith('/\\') ? '/' : path;
  } catch {
    return '/';
  }
}
