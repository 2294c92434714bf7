import { describe, expect, it } from 'vitest';
import type { DraftRecord, DraftState } from '../domain/draft';
import { limitShowing, listWindow } from './list-window';

const record = (id: string, state: DraftState) => ({ id, state }) as DraftRecord;

describe('listWindow', () => {
  it('shows the first `limit` settled items and keeps the order', () => {
    const list = ['a', 'b', 'c', 'd'].map((id) => record(id, 'sent'));
    const { shown, hidden } = listWindow(list, 2);
    expect(shown.map((r) => r.id)).toEqual(['a', 'b']);
    expect(hidden).toBe(2);
  });

  it('always shows what is queued, being sent or needs attention, however far down', () => {
    const list = [record('s1', 'sent'), record('d1', 'draft'), record('s2', 'sent'), record('q', 'queued'), record('n', 'needs-attention'), record('x', 'sending')];
    const { shown, hidden } = listWindow(list, 1);
    expect(shown.map((r) => r.id)).toEqual(['s1', 'q', 'n', 'x']);
    expect(hidden).toBe(2);
  });

  it('hides nothing when the list fits', () => {
    const list = [record('a', 'draft'), record('b', 'sent')];
    expect(listWindow(list, 20)).toEqual({ shown: list, hidden: 0 });
    expect(listWindow([], 20)).toEqual({ shown: [], hidden: 0 });
  });
});

describe('limitShowing', () => {
  const list = [record('q', 'queued'), record('a', 'sent'), record('b', 'draft'), record('c', 'sent')];

  it('widens the window just enough to show an item further down', () => {
    expect(limitShowing(list, 'c', 1)).toBe(3);
    expect(listWindow(list, limitShowing(list, 'c', 1)).shown.map((r) => r.id)).toContain('c');
  });

  it('keeps the limit for an item shown already, always shown, or not in the list', () => {
    expect(limitShowing(list, 'a', 2)).toBe(2);
    expect(limitShowing(list, 'q', 1)).toBe(1);
    expect(limitShowing(list, 'gone', 1)).toBe(1);
  });
});
