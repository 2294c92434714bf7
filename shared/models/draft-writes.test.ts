import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyContent, type IdeaContent } from '../domain/idea';
import { mergeTyped, writeContent } from './draft-writes';
import { instrumentedStore } from './test-helpers';

const base: IdeaContent = { ...emptyContent('sv'), title: 'Rubrik', description: 'Början', challengeId: 'c1', source: { url: 'https://intra.example/a', title: 'A' } };

describe('mergeTyped (docs/adr/037-frozen-transactions.md)', () => {
  it('puts the fields typed here over the other view’s text, and keeps the fields only it changed', () => {
    const theirs = { ...base, title: 'Rubrik från B' };
    const ours = { ...base, description: 'Början och mer här' };
    const merged = mergeTyped(theirs, ours, base, false);
    expect(merged?.content).toEqual({ ...base, title: 'Rubrik från B', description: 'Början och mer här' });
    expect(merged?.base).toEqual({ ...base, description: 'Början och mer här' }); // what the form's next text is typed over
  });

  it('where both changed a field: ours wins, unless the other view’s text is the later (theirsWin)', () => {
    const theirs = { ...base, description: 'Från B' };
    const ours = { ...base, description: 'Härifrån', title: 'Ny rubrik' };
    expect(mergeTyped(theirs, ours, base, false)?.content).toMatchObject({ description: 'Härifrån', title: 'Ny rubrik' });
    expect(mergeTyped(theirs, ours, base, true)?.content).toMatchObject({ description: 'Från B', title: 'Ny rubrik' });
    expect(mergeTyped(theirs, { ...base, description: 'Härifrån' }, base, true)).toBeUndefined(); // nothing of ours goes in
  });

  it('a field removed here (the challenge unselected) is removed, and compares objects by value', () => {
    const { challengeId: _c, ...withoutChallenge } = base;
    const theirs = { ...base, title: 'Rubrik från B', source: { url: 'https://intra.example/a', title: 'A' } };
    const merged = mergeTyped(theirs, withoutChallenge, base, false);
    expect(merged?.content).toEqual({ ...withoutChallenge, title: 'Rubrik från B' });
    expect('challengeId' in merged!.content).toBe(false);
    expect(mergeTyped(theirs, { ...base, source: { ...base.source! } }, base, false)).toBeUndefined(); // a copy is no change
  });
});

describe('writeContent over another view’s text', () => {
  it('writes nothing when nothing was typed over the base, and says the record holds text the form may not show', async () => {
    const store = await instrumentedStore();
    const draft = await store.create(base, 1);
    await store.update(draft.id, (r) => ({ ...r, content: { ...r.content, title: 'Rubrik från B' }, updatedAt: 2 }));
    const writes = store.stats.writes;
    expect(await writeContent(store, draft.id, base, 3, 3, base)).toEqual({ base, unseen: true });
    expect(store.stats.writes - writes).toBe(1); // the update ran, and changed nothing
    expect((await store.get(draft.id))?.content.title).toBe('Rubrik från B');
    expect(await writeContent(store, draft.id, { ...base, description: 'Mer' }, 4, 4, base)).toMatchObject({ unseen: false });
  });
});
