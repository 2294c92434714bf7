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
  /** The text the form's text was typed over: as last shown from the store, with what this session wrote since. */
  stored?: IdeaContent;
}

/** What an autosave did: the record it created (if it had to), and the text the form's next autosave is typed over. */
export interface Written {
  created?: string;
  base: IdeaContent;
  /** Nothing was written, and the record holds another view's text, which the form may not show yet (no notice comes). */
  unseen?: boolean;
}

/**
 * The write behind every autosave: the first creates the record, later ones replace its content.
 * If the record was submitted or deleted in another view meanwhile (a second tab), the text goes
 * on in a new draft of its own: nothing typed is dropped, and the other view's idea is left alone.
 * `base` is the text `content` was typed over (docs/adr/037-frozen-transactions.md): when another view wrote the
 * record since, only the fields typed here are written over its text (`mergeTyped`), and where both wrote one field
 * the later wins — this text, unless it was typed before the page was frozen in the back/forward cache and the other
 * view wrote after the freeze (`typedAt`, the store's `newer`).
 */
export async function writeContent(
  store: DraftStore,
  id: string | undefined,
  content: IdeaContent,
  now: number,
  typedAt = now,
  base?: IdeaContent,
): Promise<Written> {
  let frozen = false;
  let next = content;
  let unseen = false;
  const stored = id
    ? await store.update(
        id,
        (r, newer) => {
          let mine = content;
          let at = now;
          next = content;
          unseen = false;
          if (base && !sameValue(r.content, base)) {
            const merged = mergeTyped(r.content, content, base, newer);
            next = merged?.base ?? base;
            unseen = !merged;
            if (!merged) return undefined; // nothing typed here: the other view's text stays
            mine = merged.content;
            at = Math.max(now, r.updatedAt); // keeps the other view's later time (the store's `newer` reads it)
          }
          const result = setContent(r, mine, at);
          frozen = !result.ok;
          return result.ok ? result.record : undefined;
        },
        { typedAt },
      )
    : undefined;
  if (stored && !frozen) return { base: next, unseen };
  return { created: (await store.create(content, now)).id, base: content };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A three-way merge of one draft's text: `theirs` (stored by another view) with the fields `ours` changed from `base`
 * (a field left out counts as removed). Where both changed a field, ours goes in unless `theirsWin`. Returns the
 * merged text and the base for the next write (`base` with the fields of ours that went in), or undefined when none
 * of ours goes in.
 */
export function mergeTyped(theirs: IdeaContent, ours: IdeaContent, base: IdeaContent, theirsWin: boolean): { content: IdeaContent; base: IdeaContent } | undefined {
  const content: Record<string, unknown> = { ...theirs };
  const next: Record<string, unknown> = { ...base };
  let typed = false;
  for (const key of new Set([...Object.keys(base), ...Object.keys(ours)]) as Set<keyof IdeaContent>) {
    if (sameValue(ours[key], base[key]) || (theirsWin && !sameValue(theirs[key], base[key]))) continue;
    typed = true;
    for (const into of [content, next]) {
      if (ours[key] === undefined) delete into[key];
      else into[key] = ours[key];
    }
  }
  return typed ? { content: content as unknown as IdeaContent, base: next as unknown as IdeaContent } : undefined;
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
