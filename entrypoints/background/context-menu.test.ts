import { describe, expect, it } from 'vitest';
import { MENU_ID, selectionClickFrom } from './context-menu';

describe('selectionClickFrom', () => {
  it('reads our entry’s click: the selection, the page and its tab', () => {
    const info = { menuItemId: MENU_ID, selectionText: 'Fika kl 15', pageUrl: 'https://intranet.example/a', frameUrl: 'x', editable: false };
    const tab = { id: 7, title: 'Nyheter', url: 'https://intranet.example/a' }; // Chrome's tab has more
    expect(selectionClickFrom(info, tab)).toEqual({
      selectionText: 'Fika kl 15',
      pageUrl: 'https://intranet.example/a',
      tabId: 7,
      tabTitle: 'Nyheter',
    });
    expect(selectionClickFrom(info, undefined)).toEqual({ selectionText: 'Fika kl 15', pageUrl: 'https://intranet.example/a', tabId: undefined, tabTitle: undefined });
  });

  it('ignores every other entry', () => {
    expect(selectionClickFrom({ menuItemId: 'another-extension-item', selectionText: 'x' }, { id: 1 })).toBeUndefined();
  });
});
