/**
 * The editor model's storage steps that need no model state (./editor-model.ts): the autosave write,
 * and what of the text typed during a submit belongs to the next draft.
 */
import type { IdeaContent } from '../domain/idea';
import { setContent } from '../domain/lifecycle';
import type { DraftStore } from '../storage/types';

/**
 * The write behind every autosave: the first creates the record, later ones replace its content.
 * If the record was submitted or deleted in another view meanwhile (a second tab), the text goes
 * on in a new draft of its own: nothing typed is dropped, and the other view's idea is left alone.
 * Resolves with the id of a record it created, else undefined.
 */
export async function writeContent(store: DraftStore, id: string | undefined, content: IdeaContent, now: number): Promise<string | undefined> {
  let frozen = false;
  const stored = id
    ? await store.update(id, (r) => {
        const result = setContent(r, content, now);
        frozen = !result.ok;
        return result.ok ? result.record : undefined;
      })
    : undefined;
  if (stored && !frozen) return undefined;
  return (await store.create(content, now)).id;
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
