/**
 * Sessions: a random token (cookie value or Bearer token) whose SHA-256 is stored, so a copy of the
 * database holds no usable session. Sessions expire after a fixed time (default 8 hours).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { TEAM_ROLE } from '../db/seed';

/** The signed-in user as the server sees it. */
export interface User {
  id: string;
  username: string;
  name: string;
  roles: string[];
}

/** A live session: its user and the token for the inbox's forms. */
export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: number;
}

export const SESSION_COOKIE = 'idesluss_session';
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

interface UserRow {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  roles: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const toUser = (row: Omit<UserRow, 'password_hash'>): User => ({
  id: row.id,
  username: row.username,
  name: row.name,
  roles: row.roles.split(',').filter(Boolean),
});

/** True when the user belongs to the innovation team (may open the inbox). */
export function isTeam(user: User): boolean {
  return user.roles.includes(TEAM_ROLE);
}

/** Session storage over the database, with an injected clock so tests can expire sessions. */
export class SessionStore {
  readonly #findUser;
  readonly #insert;
  readonly #lookup;
  readonly #delete;
  readonly #purge;

  constructor(
    db: Db,
    private readonly now: () => number,
    private readonly ttlMs: number = DEFAULT_SESSION_TTL_MS,
  ) {
    this.#findUser = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.#insert = db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.#lookup = db.prepare<[string], UserRow & { csrf_token: string; expires_at: number }>(
      `SELECT u.id, u.username, u.name, u.roles, s.csrf_token, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    );
    this.#delete = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.#purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  /** The stored user row for a sign-in attempt (with its password hash), if the name exists. */
  findCredentials(username: string): { user: User; passwordHash: string } | undefined {
    const row = this.#findUser.get(username.trim().toLowerCase());
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  /** Starts a session after a successful sign-in; returns the secret token (shown once). */
  create(user: User): { token: string; expiresAt: number } {
    const now = this.now();
    this.#purge.run(now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.#insert.run(hashToken(token), user.id, randomBytes(24).toString('base64url'), now, expiresAt);
    return { token, expiresAt };
  }

  /** The live session for a token, or undefined when unknown or expired (expired ones are removed). */
  resolve(token: string | undefined): Session | undefined {
    if (!token || token.length > 200) return undefined;
    const hash = hashToken(token);
    const row = this.#lookup.get(hash);
    if (!row) return undefined;
    if (row.expires_at <= this.now()) {
      this.#delete.run(hash);
      return undefined;
    }
    return { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** Ends a session (sign-out). Unknown tokens are ignored. */
  destroy(token: string | undefined): void {
    if (token) this.#delete.run(hashToken(token));
  }

  /** Session lifetime in seconds, for the cookie's Max-Age. */
  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }
}
