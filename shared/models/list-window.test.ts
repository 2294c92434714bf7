import { describe, expect, it } from 'vitest';
import type { DraftRecord, DraftState } from '../domain/draft';
import { listWindow } from './list-window';

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
