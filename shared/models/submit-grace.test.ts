import { describe, expect, it } from 'vitest';
import { inSubmitGrace, SUBMIT_GRACE_MS } from './submit-grace';

const doneAt = 1_700_000_000_000;

describe('inSubmitGrace: the double-press grace of both forms', () => {
  it('is half a second', () => {
    expect(SUBMIT_GRACE_MS).toBe(500);
  });

  it('ignores a press within half a second of the last successful submit', () => {
    expect(inSubmitGrace(doneAt, doneAt)).toBe(true);
    expect(inSubmitGrace(doneAt, doneAt + 499)).toBe(true);
  });

  it('takes a press from half a second on', () => {
    expect(inSubmitGrace(doneAt, doneAt + 500)).toBe(false);
    expect(inSubmitGrace(doneAt, doneAt + 60_000)).toBe(false);
  });

  it('takes every press while no submit is remembered (0: none yet, or input since)', () => {
    expect(inSubmitGrace(0, doneAt)).toBe(false);
  });
});
