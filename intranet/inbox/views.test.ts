import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/sessions';
import { inboxListPage } from './views';

const ivan: Session = { user: { id: 'u-ivan', username: 'ivan', name: 'Ivan Innovatör', roles: ['innovation-team'] }, csrfToken: 't', expiresAt: 0 };
const empty = { ideas: [], page: 1, total: 0 };

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
});
