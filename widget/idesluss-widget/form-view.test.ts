import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent } from '../../shared/domain/idea';
import { widgetMessages } from '../messages';
import { attentionText, reasonText, titleOf } from './form-view';

const refused = (title: string): DraftRecord => ({
  id: 'x', state: 'needs-attention', content: { ...emptyContent('sv'), title }, createdAt: 0, updatedAt: 0, attempts: 1,
  lastFailure: { kind: 'reject', status: 422, at: 0 },
  fieldErrors: [{ field: 'challengeId', code: 'invalid_value', message: 'gone' }, { field: 'title', code: 'required', message: 'x' }],
});

describe('the widget’s sentences about a refused idea', () => {
  it('names the first refused field and says why, in our words (WCAG 3.3.1)', () => {
    expect(reasonText(widgetMessages('sv'), refused('Min idé'))).toBe('Utmaning: Utmaningen är avslutad eller finns inte längre. Välj en annan utmaning eller ingen.');
    expect(reasonText(widgetMessages('en'), refused('My idea'))).toBe('Challenge: The challenge has closed or no longer exists. Choose another challenge or none.');
  });

  it('never ends an announcement in mid-air: an idea without a title is "(utan rubrik)"', () => {
    expect(titleOf(widgetMessages('sv'), refused('   '))).toBe('(utan rubrik)');
    // Two untitled drafts are told apart by the start of their text (a list of "Fortsätt skriva: (utan rubrik)" was not).
    const untitled = (description: string) => ({ ...refused(''), content: { ...emptyContent('sv'), description } });
    expect(titleOf(widgetMessages('sv'), untitled('Fler\ncykelställ  vid entrén'))).toBe('(utan rubrik) ”\u2068Fler cykelställ vid entrén\u2069”');
    expect(titleOf(widgetMessages('en'), untitled('🚲'.repeat(41)))).toBe(`(no title) “\u2068${'🚲'.repeat(40)}…\u2069”`);
    // A flag at the cut is kept whole (by grapheme), not split into a lone regional letter.
    expect(titleOf(widgetMessages('sv'), untitled(`${'a'.repeat(39)}🇸🇪 och mer`))).toBe(`(utan rubrik) ”\u2068${'a'.repeat(39)}🇸🇪…\u2069”`);
    expect(attentionText(widgetMessages('sv'), refused(''))).toMatch(/^Behöver ändras: \(utan rubrik\)\. Utmaning: /);
    expect(attentionText(widgetMessages('en'), refused('Idé'))).toMatch(/^Needs changes: Idé\. Challenge: /);
  });

  it('asks for a version to be chosen when the intranet holds another (a 409), not for a change', () => {
    const conflict = { ...emptyContent('sv'), title: 'Deras', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    const conflicted: DraftRecord = { ...refused('Vår'), fieldErrors: [], conflict, lastFailure: { kind: 'conflict', status: 409, at: 0 } };
    expect(attentionText(widgetMessages('sv'), conflicted)).toBe('Behöver ändras: Vår. Intranätet har redan en annan version. Välj vilken version som ska gälla.');
  });
});
