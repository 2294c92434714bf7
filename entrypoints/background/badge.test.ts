import { describe, expect, it } from 'vitest';
import type { DraftRecord, DraftState } from '../../shared/domain/draft';
import { emptyContent } from '../../shared/domain/idea';
import { badgeCounts } from './badge';

const draft = (state: DraftState): DraftRecord => ({ id: state, state, content: emptyContent('sv'), createdAt: 0, updatedAt: 0, attempts: 0 });

describe('badgeCounts', () => {
  it('counts what waits to be sent and what needs the user, never drafts or sent ideas', () => {
    const states: DraftState[] = ['draft', 'queued', 'sending', 'sent', 'needs-attention', 'queued'];
    expect(badgeCounts(states.map(draft))).toEqual({ waiting: 3, attention: 1 });
    expect(badgeCounts([])).toEqual({ waiting: 0, attention: 0 });
  });
});
