import { describe, expect, it } from 'vitest';
import { emptyContent, type IdeaContent } from '../domain/idea';
import { mergeTyped } from './draft-writes';

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
