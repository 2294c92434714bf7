// @vitest-environment happy-dom
/**
 * The controller over fake models: which draft a widget opens, input typed before the runtime is
 * ready, and which model transitions become DOM events and announcements.
 */
import { signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../shared/domain/draft';
import { emptyContent, type IdeaContent } from '../shared/domain/idea';
import type { EditorModel, SaveStatus } from '../shared/models/types';
import { WidgetController, type WidgetHost } from './controller';
import { widgetMessages } from './messages';

const PAGE = 'http://intranet.example/utmaningar/farre';
const drafts = signal<DraftRecord[]>([]);
const editors: ReturnType<typeof fakeEditor>[] = [];
const controllers: WidgetController[] = [];

function record(id: string, patch: Partial<IdeaContent> = {}, state: DraftRecord['state'] = 'draft', updatedAt = 1): DraftRecord {
  return { id, state, content: { ...emptyContent('sv'), source: { url: PAGE }, ...patch }, createdAt: 1, updatedAt, attempts: 0 };
}

function fakeEditor() {
  const draftId = signal<string | undefined>(undefined);
  const content = signal<IdeaContent>(emptyContent('sv'));
  const saveStatus = signal<SaveStatus>({ kind: 'idle' });
  const editor: EditorModel = {
    draftId, content, saveStatus, state: signal('draft'), fieldErrors: signal([]),
    async open(id) {
      const found = drafts.value.find((d) => d.id === id)!;
      draftId.value = found.id;
      content.value = found.content;
      saveStatus.value = { kind: 'saved', at: found.updatedAt };
    },
    startNew(preset) {
      draftId.value = undefined;
      content.value = { ...emptyContent('sv'), ...preset };
    },
    update(patch) {
      content.value = { ...content.value, ...patch };
      saveStatus.value = { kind: 'saving' };
    },
    flush: async () => undefined,
    submit: async () => ({ ok: true, id: draftId.value ?? 'new' }),
    withdraw: async () => undefined,
    dispose: () => undefined,
  };
  return Object.assign(editor, { draftId, saveStatus });
}

vi.mock('./runtime', () => ({
  getRuntime: async () => ({
    drafts: { drafts, challenges: signal([]) },
    sync: { online: signal(true), paused: signal(undefined), syncing: signal(false), nextAttemptAt: signal(undefined), sendNow: async () => undefined },
    createEditor: () => {
      const editor = fakeEditor();
      editors.push(editor);
      return editor;
    },
  }),
}));

/** A controller on a fake element; disconnected after each test (releasing its draft). */
function controller(challenge?: string): [WidgetController, ReturnType<typeof host>] {
  const el = host(challenge);
  const ctl = new WidgetController(el);
  controllers.push(ctl);
  return [ctl, el];
}

function host(challenge?: string): WidgetHost & { events: Event[] } {
  const el = document.createElement('div') as unknown as WidgetHost & { events: Event[] };
  Object.assign(el, { apiBase: '/api/idesluss/v1', challenge, uiLang: 'sv', m: widgetMessages('sv'), events: [], addController() {}, requestUpdate() {} });
  for (const type of ['idesluss-saved', 'idesluss-submitted', 'idesluss-sent']) el.addEventListener(type, (e) => el.events.push(e));
  document.body.append(el);
  return el;
}

afterEach(() => {
  for (const ctl of controllers.splice(0)) ctl.hostDisconnected();
});

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(PAGE);
  sessionStorage.clear();
  editors.length = 0;
  drafts.value = [record('b', { title: 'Nyast', challengeId: 'farre' }, 'draft', 3), record('a', { title: 'Äldre', challengeId: 'farre' }, 'draft', 2)];
});

describe('WidgetController', () => {
  it('opens this page’s latest draft for its challenge, and a second widget never the same one', async () => {
    const [first] = controller('farre');
    const [second] = controller('farre');
    await first.start();
    await second.start();
    expect(first.content().title).toBe('Nyast');
    expect(second.content().title).toBe('Äldre');
    const [third] = controller('farre');
    await third.start();
    expect(third.content()).toMatchObject({ title: '', challengeId: 'farre', source: { url: PAGE } });
  });

  it('keeps what was typed before the runtime was ready', async () => {
    const [ctl] = controller('farre');
    ctl.update({ title: 'Skrivet tidigt' });
    expect(ctl.content().title).toBe('Skrivet tidigt');
    await ctl.start();
    expect(editors[0]!.content.value.title).toBe('Skrivet tidigt');
    expect(editors[0]!.draftId.value).toBeUndefined(); // a new draft, not the restored one
  });

  it('reports a save only after a write, and a sent idea once, with an announcement', async () => {
    const [ctl, el] = controller('farre');
    drafts.value = [...drafts.value, record('q', { title: 'I kön' }, 'queued')];
    await ctl.start();
    expect(el.events.map((e) => e.type)).toEqual([]); // opening a stored draft is not a save
    ctl.update({ title: 'Nyast!' });
    editors[0]!.saveStatus.value = { kind: 'saved', at: 5 };
    expect(el.events.map((e) => [e.type, (e as CustomEvent).detail.id])).toEqual([['idesluss-saved', 'b']]);
    drafts.value = drafts.value.map((d) => (d.id === 'q' ? { ...d, state: 'sent' } : d));
    drafts.value = [...drafts.value];
    expect(el.events.filter((e) => e.type === 'idesluss-sent').map((e) => (e as CustomEvent).detail.id)).toEqual(['q']);
    expect(ctl.announcement).toBe('Skickad till intranätet: I kön');
  });
});
