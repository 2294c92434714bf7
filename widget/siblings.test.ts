// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftRecord } from '../shared/domain/draft';
import { emptyContent } from '../shared/domain/idea';
import { listedDrafts } from './siblings';

const draft = (id: string, url: string, patch: Partial<DraftRecord> = {}): DraftRecord => ({
  id, state: 'draft', content: { ...emptyContent('sv'), title: `Idé ${id}`, source: { url, title: 'Sida' } }, createdAt: 0, updatedAt: 0, attempts: 0, ...patch,
});

const here = 'http://intranet.example/utmaningar/farre';
beforeAll(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(here);
});

describe('listedDrafts', () => {
  it('lists this page\'s drafts, then other pages\' waiting ones, without the one being written', () => {
    const other = 'http://intranet.example/annan';
    const list = listedDrafts({}, [draft('a', here), draft('b', other), draft('c', here), draft('d', other, { state: 'sent' }), draft('e', here, { state: 'sent' })], 'c');
    expect(list.map((d) => d.id)).toEqual(['a', 'e', 'b']);
  });

  it('leaves out drafts with nothing written in them (typed, then cleared), from this page and from others', () => {
    const cleared = (id: string, url: string) => draft(id, url, { content: { ...emptyContent('sv'), description: '  ', source: { url, title: 'Sida' } } });
    const list = listedDrafts({}, [cleared('a', here), cleared('b', 'https://intra.example/annan'), draft('c', here)], undefined);
    expect(list.map((d) => d.id)).toEqual(['c']);
  });
});
