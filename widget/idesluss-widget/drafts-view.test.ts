// @vitest-environment happy-dom
import { signal } from '@preact/signals-core';
import { render } from 'lit/html.js';
import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent, type Lang } from '../../shared/domain/idea';
import type { WidgetController } from '../controller';
import { widgetMessages } from '../messages';
import { renderDrafts } from './drafts-view';

/** A 409 whose intranet version is Swedish, listed by a widget in `uiLang`. */
function conflicted(uiLang: Lang): HTMLElement {
  const record: DraftRecord = {
    id: 'c', state: 'needs-attention', content: { ...emptyContent(uiLang), title: 'Min version' }, createdAt: 0, updatedAt: 0, attempts: 1,
    lastFailure: { kind: 'conflict', status: 409, at: 0 },
    conflict: { ...emptyContent('sv'), title: 'Fler cykelställ', id: 'c', status: 'received', createdAt: '', updatedAt: '' },
  };
  const sync = { syncing: signal(false), accountSwitch: signal(undefined), online: signal(true) };
  const ctl = { pageDrafts: () => [record], runtime: { sync } } as unknown as WidgetController;
  const root = document.createElement('div');
  render(renderDrafts({ ctl, m: widgetMessages(uiLang), uiLang, editDraft: () => undefined, withdrawDraft: () => undefined }), root);
  return root;
}

describe('the widget’s list: a conflicted idea', () => {
  it('marks the intranet’s version’s title with its language when it is not the UI’s (WCAG 3.1.2), and only then', () => {
    expect(conflicted('en').querySelector('q')?.getAttribute('lang')).toBe('sv');
    expect(conflicted('sv').querySelector('q')?.hasAttribute('lang')).toBe(false);
    expect(conflicted('en').querySelector('q')?.textContent).toBe('Fler cykelställ');
  });
});
