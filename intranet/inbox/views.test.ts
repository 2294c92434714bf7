import { describe, expect, it } from 'vitest';
import { emptyContent } from '../../shared/domain/idea';
import type { Session } from '../auth/sessions';
import type { StoredIdea } from '../db/ideas-repo';
import { inboxIdeaPage, inboxListPage } from './views';

const ivan: Session = { user: { id: 'u-ivan', username: 'ivan', name: 'Ivan Innovatör', roles: ['innovation-team'] }, csrfToken: 't', expiresAt: 0 };
const empty = { ideas: [], page: 1, total: 0 };
/** Received 00:19 on 30 November in Stockholm (23:19 UTC the day before), changed at 14:05. */
const stored: StoredIdea = {
  idea: { ...emptyContent('sv'), title: 'Cykelställ', id: 'i-1', status: 'received', createdAt: '2026-11-29T23:19:00.000Z', updatedAt: '2026-11-30T13:05:00.000Z' },
  authorId: 'u-anna',
  authorName: 'Anna Andersson',
  contentKey: 'k',
};
const one = { ideas: [stored], page: 1, total: 1 };
/** The page's text without its tags, its white space as one space each (a no-break space kept as such). */
const text = (page: string) => page.replace(/<[^>]*>/g, ' ').replace(/[ \t\n]+/g, ' ');

describe('the inbox list', () => {
  it('says no idea has come in yet when nothing is filtered, and offers no export of nothing', () => {
    const page = inboxListPage(ivan, empty, {}, [], 'sv', '/inkorg').value;
    expect(page).toContain('Inga idéer har kommit in än.');
    expect(page).not.toContain('Inga idéer matchar filtret.');
    expect(page).not.toContain('export.csv');
    expect(inboxListPage(ivan, empty, { sort: 'oldest' }, [], 'en', '/inkorg').value).toContain('No ideas have come in yet.');
  });

  it('says no idea matches when a filter is set', () => {
    const page = inboxListPage(ivan, empty, { status: 'declined' }, [], 'sv', '/inkorg?status=declined').value;
    expect(page).toContain('Inga idéer matchar filtret.');
  });

  it('with nothing to show, says only the empty-state sentence, in the count’s place: no "0 idéer visas" above it', () => {
    for (const [lang, filter, sentence, count] of [
      ['sv', { status: 'declined' }, 'Inga idéer matchar filtret.', /idéer visas/],
      ['sv', {}, 'Inga idéer har kommit in än.', /idéer visas/],
      ['en', { status: 'declined' }, 'No ideas match the filter.', /Showing/],
      ['en', {}, 'No ideas have come in yet.', /Showing/],
    ] as const) {
      const page = inboxListPage(ivan, empty, filter, [], lang, '/inkorg').value;
      expect(page, `${lang} ${sentence}`).not.toMatch(count);
      expect(page.match(/<p role="status">([^<]*)<\/p>/)?.[1], `${lang} ${sentence}`).toBe(sentence);
    }
    expect(inboxListPage(ivan, one, {}, [], 'sv', '/inkorg').value).toMatch(/<p role="status">1 idé visas\./);
  });

  it('writes the received time as a date with "kl." before the time of day, in the intranet’s time zone', () => {
    expect(text(inboxListPage(ivan, one, {}, [], 'sv', '/inkorg').value)).toContain(' 30\u00a0nov.\u00a02026 kl.\u00a000:19 ');
    expect(text(inboxListPage(ivan, one, {}, [], 'en', '/inkorg').value)).toContain(' 30\u00a0Nov\u00a02026 at\u00a000:19 ');
  });
});

describe('one idea in the inbox', () => {
  it('writes its received and changed times, and its history, the same way as the list', () => {
    const history = [{ status: 'in-review' as const, changedBy: 'Ivan Innovatör', changedAt: '2026-11-30T13:05:00.000Z' }];
    const sv = text(inboxIdeaPage(ivan, stored, undefined, history, { saved: false, lang: 'sv', filter: {} }).value);
    expect(sv).toContain(' Inkom 30\u00a0nov.\u00a02026 kl.\u00a000:19 ');
    expect(sv).toContain(' Senast ändrad 30\u00a0nov.\u00a02026 kl.\u00a014:05 ');
    expect(sv).toContain(' 30\u00a0nov.\u00a02026 kl.\u00a000:19: Mottagen ');
    expect(sv).toContain(' 30\u00a0nov.\u00a02026 kl.\u00a014:05: ');
    const en = text(inboxIdeaPage(ivan, stored, undefined, history, { saved: false, lang: 'en', filter: {} }).value);
    expect(en).toContain(' Submitted 30\u00a0Nov\u00a02026 at\u00a000:19 ');
    expect(en).toContain(' 30\u00a0Nov\u00a02026 at\u00a014:05: ');
    // No time of day anywhere without its "kl." / "at".
    expect(sv).not.toMatch(/(?<!kl\.\u00a0)\b\d\d:\d\d\b/);
    expect(en).not.toMatch(/(?<!at\u00a0)\b\d\d:\d\d\b/);
  });
});
