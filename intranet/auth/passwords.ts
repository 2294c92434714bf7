/**
 * Password hashing with node:crypto scrypt: `scrypt$N$r$p$salt$hash` (base64url). Used when the demo
 * users are seeded (sync) and on every sign-in (async: scrypt takes tens of milliseconds, which must
 * not block other requests). Comparison is constant-time.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Hashes a password with a fresh random salt. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const scryptAsync = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

/**
 * Resolves true when `password` matches `stored`; false for any malformed stored value. Runs
 * scrypt on libuv's thread pool, so a burst of sign-ins does not stall the event loop.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  let actual: Buffer;
  try {
    actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    });
  } catch {
    return false; // parameters scrypt refuses (e.g. N not a power of two): not a usable hash
  }
  return timingSafeEqual(expected, actual);
}

/** A hash no password matches: verified against for unknown users, so both paths cost the same. */
export const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));
