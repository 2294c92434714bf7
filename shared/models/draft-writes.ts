/**
 * The editor model's storage steps that need no model state (./editor-model.ts): the autosave write,
 * the submit's write and its cleaning, and what of the text typed during a submit belongs to the next draft.
 */
import type { DraftRecord } from '../domain/draft';
import type { IdeaContent } from '../domain/idea';
import { setContent, submitDraft, type TransitionResult } from '../domain/lifecycle';
import { submittedText } from '../domain/validation';
import { StorageError } from '../storage/errors';
import type { DraftStore } from '../storage/types';
import type { CoalescedSaver } from './coalesced-saver';

/** One editing session: a draft (maybe not yet stored) and its own saver. */
export interface Session {
  id: string | undefined;
  saver: CoalescedSaver<IdeaContent>;
  /** The text as this session last stored or showed it from the store: what the text typed here was typed over. */
  stored?: IdeaContent;
}

/**
 * The write behind every autosave: the first creates the record, later ones replace its content.
 * If the record was submitted or deleted in another view meanwhile (a second tab), the text goes
 * on in a new draft of its own: nothing typed is dropped, and the other view's idea is left alone.
 * `typedAt` is when `content` was typed, at the latest, and `base` what it was typed over. Text typed before
 * the page was frozen in the back/forward cache meets another page's later text (docs/adr/037): only the
 * fields typed here that the other page left as they were in `base` are written; the other page's stay.
 * Resolves with the id of a record it created, else undefined.
 */
export async function writeContent(
  store: DraftStore,
  id: string | undefined,
  content: IdeaContent,
  now: number,
  typedAt = now,
  base?: IdeaContent,
): Promise<string | undefined> {
  let frozen = false;
  const stored = id
    ? await store.update(
        id,
        (r, newer) => {
          const mine = newer ? ownChangesOver(r.content, content, base) : content;
          if (!mine) return undefined;
          const result = setContent(r, mine, now);
          frozen = !result.ok;
          return result.ok ? result.record : undefined;
        },
        // Typed before this page was frozen in the back/forward cache: another page's later text wins (docs/adr/037).
        { typedAt },
      )
    : undefined;
  if (stored && !frozen) return undefined;
  return (await store.create(content, now)).id;
}

/**
 * `theirs` with the fields of `ours` that were typed here (they differ from `base`) where `theirs` still holds
 * `base`'s; undefined when there are none (or no `base` to tell them by), and `theirs` stays as it is.
 */
export function ownChangesOver(theirs: IdeaContent, ours: IdeaContent, base: IdeaContent | undefined): IdeaContent | undefined {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const own = base && (Object.keys(ours) as (keyof IdeaContent)[]).filter((k) => !same(ours[k], base[k]) && same(theirs[k], base[k]));
  return own?.length ? { ...theirs, ...Object.fromEntries(own.map((k) => [k, ours[k]])) } : undefined;
}

/**
 * The text typed into the fields after `submitted` was sent off: what follows it when the user kept
 * typing at the end, else the whole field (nothing typed is dropped).
 */
export function typedAfter(submitted: IdeaContent, typed: IdeaContent): Partial<IdeaContent> | undefined {
  const carry: Partial<IdeaContent> = {};
  for (const key of ['title', 'description'] as const) {
    const before = submitted[key];
    const now = typed[key];
    if (now !== before) carry[key] = now.startsWith(before) ? now.slice(before.length) : now;
  }
  return Object.keys(carry).length > 0 ? carry : undefined;
}

/**
 * The submit's write: stores `submitted` through the session's saver, then moves the record
 * draft → queued with strict durability. Twice at most: a record deleted in another view between
 * the save and the submit is stored again by the second save, as a draft of its own. Rejects with
 * StorageError when it cannot be stored.
 */
export async function storeSubmitted(
  store: DraftStore,
  session: Session,
  submitted: IdeaContent,
  now: () => number,
): Promise<{ id: string; outcome: TransitionResult; stored: DraftRecord | undefined }> {
  let outcome: TransitionResult | undefined;
  let stored: DraftRecord | undefined;
  for (let tries = 0; tries < 2 && !outcome; tries++) {
    if (!session.id || tries > 0) session.saver.schedule(submitted); // a preset-only draft is not stored yet
    await session.saver.flush(); // rejects with StorageError
    stored = await store.update(session.id!, (r) => {
      outcome = submitDraft(r, now());
      return outcome.ok ? outcome.record : undefined;
    }, { durability: 'strict' });
  }
  const id = session.id!;
  if (!outcome) throw new StorageError('unknown', `draft ${id} vanished while being submitted`);
  return { id, outcome, stored };
}

/**
 * The title and description without the invisible characters the contract refuses (the bidi marks
 * Outlook and Teams put around a copied phone number, Word's vertical tab, broken UTF-16): a
 * person cannot see them to take them out, so a submit does (docs/adr/026-invisible-characters.md).
 * Undefined when there are none.
 */
export function withoutInvisible(content: IdeaContent): Pick<IdeaContent, 'title' | 'description'> | undefined {
  const title = submittedText(content.title, ' ');
  const description = submittedText(content.description, '\n');
  return title !== content.title || description !== content.description ? { title, description } : undefined;
}

/** The fields of `typed` that differ from `submitted`. */
export function changedFields(submitted: IdeaContent, typed: IdeaContent): Partial<IdeaContent> {
  return Object.fromEntries(Object.entries(typed).filter(([key, value]) => value !== submitted[key as keyof IdeaContent]));
}
