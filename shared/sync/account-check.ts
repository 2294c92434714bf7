/**
 * Whose name queued ideas go under (docs/adr/016-sending-as-another-account.md). The intranet
 * stores an idea as whoever is signed in when it arrives, and a draft belongs to the browser
 * profile, not to an account: on a shared computer, ideas Anna queued could otherwise be stored as
 * Bertil's once he signs in. So each run that is about to send asks `GET /me` first and compares
 * the answer with the account this device last sent as; another account pauses sync until that
 * account signs in again or the user chooses to send as the one signed in now.
 */
import type { Me } from '../domain/idea';
import type { ChangeNotices } from '../storage/change-notices';
import type { AttemptDeps } from './attempt';
import { classifyError } from './classify';
import { META } from './queue-ops';

/** An intranet account as the device remembers it (from `GET /me`). */
export interface Account {
  id: string;
  name: string;
  /** Known from the intranet's previous address, whose ids are not this one's: the name decides (`markAccountMoved`). */
  moved?: true;
}

/** What the pause for another account shows: who ideas went as before, and who is signed in now. */
export interface AccountSwitch {
  previous: Account;
  current: Account;
}

const accountOf = (me: Me): Account => ({ id: me.id, name: me.name });

/**
 * Before a run's first send, in place of nothing: who is signed in? The first answer ever is
 * remembered; the same account goes (and lifts a pause for another one); another account pauses
 * (`other`). Throws the request's error like the send would (no answer, 5xx, 401: the caller
 * handles it as the idea's failed try, so an outage costs one request per try, not two); an answer
 * outside those (a 4xx, which the contract does not give to `GET /me`) lets the send go on.
 */
export async function checkAccount(deps: Pick<AttemptDeps, 'store' | 'api' | 'now' | 'disposed'>, signal: AbortSignal, notices?: ChangeNotices): Promise<'go' | 'other'> {
  let me: Me;
  try {
    me = await deps.api.me(signal);
  } catch (error) {
    const kind = classifyError(error);
    if (kind === 'reject' || kind === 'conflict') return 'go';
    // Nobody is signed in: a choice to send as someone is void (they signed out).
    if (kind === 'auth' && !deps.disposed?.()) await deps.store.setMeta(META.sendAs, null);
    throw error;
  }
  // Answered for an intranet the engine no longer serves (its address changed meanwhile): nothing of it is stored,
  // nor sent (`other` gives the claim back), or the new intranet would find this one's account.
  if (deps.disposed?.()) return 'other';
  const { store } = deps;
  const [known, paused, choice] = await Promise.all([
    store.getMeta<Account>(META.account),
    store.getMeta<string | null>(META.paused),
    store.getMeta<SendAsChoice | null>(META.sendAs),
  ]);
  const current = accountOf(me);
  if (choice) await store.setMeta(META.sendAs, null); // used once, by this answer
  const chosen = choice && choice.until > deps.now() ? choice.id : undefined;
  const same = known && (known.moved ? known.name === current.name : known.id === current.id);
  if (known && !same && chosen !== current.id) {
    const seen = await store.getMeta<Account>(META.otherAccount);
    if (paused === 'account' && seen?.id === current.id && seen.name === current.name) return 'other';
    await store.setMeta(META.otherAccount, current);
    await store.setMeta(META.paused, 'account');
    notices?.post([META.paused, META.otherAccount], 'meta');
    return 'other';
  }
  if (!known || known.moved || known.id !== current.id || known.name !== current.name) await store.setMeta(META.account, current);
  if (paused === 'account') await liftAccountPause(deps, notices);
  return 'go';
}

/**
 * The user chose to send the waiting ideas as `accountId`, the account the prompt named. The choice
 * is kept for the next check only, which makes it the device's account if `GET /me` then still
 * answers with it (not if that person has signed out, or yet another one has signed in since the
 * prompt was drawn: then the prompt asks again). False, and nothing changed, when the pause already
 * names another account.
 */
export async function acceptSignedInAccount(deps: Pick<AttemptDeps, 'store' | 'now'>, accountId: string, notices?: ChangeNotices): Promise<boolean> {
  const current = await deps.store.getMeta<Account>(META.otherAccount);
  if (current?.id !== accountId) return false;
  await liftAccountPause(deps, notices);
  await deps.store.setMeta(META.sendAs, { id: accountId, until: deps.now() + CHOICE_LIFETIME_MS } satisfies SendAsChoice);
  return true;
}

/**
 * A choice to send as someone holds for a moment's decision: if the check that should use it cannot
 * ask (an outage), or nothing is left to send, a later check asks the person at the keyboard again.
 */
const CHOICE_LIFETIME_MS = 2 * 60_000;

/** The user's choice to send as `id`, until `until` (ms). */
interface SendAsChoice {
  id: string;
  until: number;
}

/** Lifts a pause for another account (nothing waits for it any more, or the account is back). */
export async function liftAccountPause(deps: Pick<AttemptDeps, 'store'>, notices?: ChangeNotices): Promise<void> {
  if ((await deps.store.getMeta<string | null>(META.paused)) !== 'account') return;
  await deps.store.setMeta(META.sendAs, null); // a choice made for that pause goes with it
  await deps.store.setMeta(META.paused, null);
  await deps.store.setMeta(META.otherAccount, null);
  notices?.post([META.paused, META.otherAccount], 'meta');
}

/**
 * A new intranet address: its ids are not the old intranet's, so the device keeps whom it sent as
 * by name only. The same name there is taken as that account without a word; another name pauses
 * as before, so ideas one person left waiting do not go as the next one's. A pause or choice about
 * the old intranet goes. Without this the same person, under the new intranet's id, counted as
 * another account.
 */
export async function markAccountMoved(deps: Pick<AttemptDeps, 'store'>, notices?: ChangeNotices): Promise<void> {
  await liftAccountPause(deps, notices);
  const known = await deps.store.getMeta<Account>(META.account);
  if (known) await deps.store.setMeta<Account>(META.account, { ...known, moved: true });
}

/** The pause's two accounts, for the prompt; undefined unless paused for another account. */
export async function readAccountSwitch(deps: Pick<AttemptDeps, 'store'>): Promise<AccountSwitch | undefined> {
  const [previous, current] = await Promise.all([deps.store.getMeta<Account>(META.account), deps.store.getMeta<Account>(META.otherAccount)]);
  return previous && current ? { previous, current } : undefined;
}
