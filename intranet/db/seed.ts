/**
 * Demo data: users with hashed passwords and a handful of open challenges in Swedish. Seeding is
 * idempotent (INSERT OR IGNORE), so it runs at every start without touching what users changed.
 */
import { hashPassword } from '../auth/passwords';
import type { Db } from './database';

/** The role that may open the inbox. */
export const TEAM_ROLE = 'innovation-team';
export const EMPLOYEE_ROLE = 'employee';

/** Demo users; every password is `demo`. */
export const DEMO_USERS = [
  { id: 'u-anna', username: 'anna', name: 'Anna Andersson', roles: [EMPLOYEE_ROLE] },
  { id: 'u-bertil', username: 'bertil', name: 'Bertil Berg', roles: [EMPLOYEE_ROLE] },
  { id: 'u-ivan', username: 'ivan', name: 'Ivan Innovatör', roles: [EMPLOYEE_ROLE, TEAM_ROLE] },
] as const;

export const DEMO_PASSWORD = 'demo';

/** Demo challenges: open ones, plus one closed (kept for ideas already linked to it). */
export const DEMO_CHALLENGES = [
  {
    id: 'farre-pappersblanketter',
    title: 'Färre pappersblanketter',
    summary: 'Vilka blanketter kan bli digitala, eller försvinna helt?',
    body: 'Många av våra blanketter skrivs ut, fylls i för hand och skrivs sedan in igen. Berätta vilken blankett du möter oftast och hur den kunde bli enklare.',
    closesAt: '2027-03-31',
    open: 1,
  },
  {
    id: 'battre-introduktion',
    title: 'Bättre introduktion för nya medarbetare',
    summary: 'Hur får nya kollegor en bra första vecka?',
    body: 'Den första veckan avgör mycket. Vad saknade du när du började, och vad gjorde skillnad?',
    closesAt: '2027-02-28',
    open: 1,
  },
  {
    id: 'mindre-matsvinn',
    title: 'Mindre matsvinn i skolköken',
    summary: 'Idéer som minskar svinnet utan att eleverna går hungriga.',
    body: 'Skolköken slänger fortfarande mycket mat. Vi söker idéer från kök, skola och elever.',
    closesAt: '2027-05-15',
    open: 1,
  },
  {
    id: 'tryggare-hemtjanst',
    title: 'Tryggare digitala besök i hemtjänsten',
    summary: 'Hur blir videobesök enkla för både brukare och personal?',
    body: 'Digitala besök sparar restid men kräver att tekniken fungerar för alla. Dela dina erfarenheter.',
    closesAt: null,
    open: 1,
  },
  {
    id: 'sommarjobb-2026',
    title: 'Sommarjobb 2026',
    summary: 'Avslutad utmaning.',
    body: 'Den här utmaningen är avslutad. Tack för alla idéer!',
    closesAt: '2026-05-31',
    open: 0,
  },
] as const;

/** Inserts the demo users and challenges that are missing. */
export function seedDemoData(db: Db): void {
  const findUser = db.prepare<[string], { id: string }>('SELECT id FROM users WHERE id = ?');
  const insertUser = db.prepare(
    'INSERT OR IGNORE INTO users (id, username, name, password_hash, roles) VALUES (?, ?, ?, ?, ?)',
  );
  const insertChallenge = db.prepare(
    'INSERT OR IGNORE INTO challenges (id, title, summary, body, closes_at, open) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const missingUsers = DEMO_USERS.filter((u) => !findUser.get(u.id));
  const hashed = missingUsers.map((u) => ({ ...u, hash: hashPassword(DEMO_PASSWORD) }));
  db.transaction(() => {
    for (const u of hashed) insertUser.run(u.id, u.username, u.name, u.hash, u.roles.join(','));
    for (const c of DEMO_CHALLENGES) insertChallenge.run(c.id, c.title, c.summary, c.body, c.closesAt, c.open);
  })();
}
