// @vitest-environment happy-dom
/**
 * The controller over fake models: which draft a widget opens, input typed before the runtime is
 * ready, and which model transitions become DOM events and announcements.
 */
import { batch, signal, type Signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../shared/domain/draft';
import { emptyContent, type IdeaContent } from '../shared/domain/idea';
import type { EditorModel, SaveStatus } from '../shared/models/types';
import { WidgetController, type WidgetHost } from './controller';
import { editable, editDraft, withdrawIdea } from './list-actions';
import { widgetMessages } from './messages';
import { sendNow, settle } from './sync-actions';
import { StorageError } from '../shared/storage';
import { TransitionError } from '../shared/domain/lifecycle';

const PAGE = 'http://intranet.example/utmaningar/farre';
/** The unload journal's entry of the page's first widget with challenge `farre` (./page.ts, ./siblings.ts). */
const JOURNAL = 'idesluss-unsaved:idesluss-widget:/utmaningar/farre:farre';
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
  /** Every update, with the draft it went into (undefined: a new draft). */
  const written: { id: string | undefined; patch: Partial<IdeaContent> }[] = [];
  /** The draft shown at each `refollow()`. */
  const refollowed: (string | undefined)[] = [];
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
      written.push({ id: draftId.value, patch });
      content.value = { ...content.value, ...patch };
      saveStatus.value = { kind: 'saving' };
    },
    flush: async () => undefined,
    refollow: async () => void refollowed.push(draftId.value),
    async submit(options) {
      const id = draftId.value ?? 'new';
      if (options?.next) editor.startNew(options.next); // as the real model: in the same step
      return { ok: true, id };
    },
    withdraw: async () => undefined,
    dispose: () => undefined,
  };
  return Object.assign(editor, { draftId, saveStatus, written, refollowed });
}

/** The page's one runtime, shared by every controller as on a real page. */
const sync = {
  online: signal(true),
  paused: signal<'auth' | 'account' | undefined>(undefined),
  accountSwitch: signal(undefined),
  syncing: signal(false),
  nextAttemptAt: signal<number | undefined>(undefined),
  lastSentAt: signal<number | undefined>(undefined),
  sendNow: async () => undefined,
  sendAsSignedIn: async () => undefined,
};
const runtime = {
  drafts: { drafts, challenges: signal([]) },
  sync,
  createEditor: () => {
    const editor = fakeEditor();
    editors.push(editor);
    return editor;
  },
};
/** Another API's runtime (a widget whose `api-base` is not the default). */
const otherRuntime = { ...runtime, drafts: { drafts: signal<DraftRecord[]>([]), challenges: signal([]) } };
const noIndexedDb = vi.hoisted(() => ({ now: false, hold: undefined as Promise<void> | undefined }));
vi.mock('./runtime', () => ({
  getRuntime: async (base: string) => {
    if (noIndexedDb.now) throw new Error('IndexedDB is not available');
    if (base.includes('other.example')) return otherRuntime;
    await noIndexedDb.hold; // a test may hold the default runtime's start
    return runtime;
  },
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
  document.body.replaceChildren();
});

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(PAGE);
  sessionStorage.clear();
  localStorage.clear();
  noIndexedDb.now = false;
  editors.length = 0;
  Object.assign(sync, { sendNow: async () => undefined });
  sync.online.value = true;
  sync.paused.value = undefined;
  sync.nextAttemptAt.value = undefined;
  drafts.value = [record('b', { title: 'Nyast', challengeId: 'farre' }, 'draft', 3), record('a', { title: 'Äldre', challengeId: 'farre' }, 'draft', 2)];
});

describe('WidgetController', () => {
  it('moved to another API while starting: the start that followed owns the form and what was typed', async () => {
    let release = () => {};
    noIndexedDb.hold = new Promise<void>((resolve) => (release = resolve));
    const [ctl, el] = controller('farre');
    ctl.update({ title: 'skrivet tidigt' }); // starts; the default runtime is slow to open
    const first = ctl.start();
    el.apiBase = 'http://other.example/api/idesluss/v1';
    ctl.followApiBase();
    await ctl.start();
    release();
    await first;
    noIndexedDb.hold = undefined;
    expect(ctl.runtime).toBe(otherRuntime);
    expect(ctl.content().title).toBe('skrivet tidigt');
    expect(editors.filter((e) => e === ctl.editor)).toHaveLength(1);
  });

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

  it('at pagehide journals keys typed before the runtime is up, and forgets them once stored', async () => {
    const [ctl] = controller('farre');
    ctl.hostConnected();
    ctl.update({ title: 'Tidigt', description: 'Före start' });
    dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(JOURNAL)!)).toMatchObject({ title: 'Tidigt', description: 'Före start' });
    await ctl.start();
    await vi.waitFor(() => expect(localStorage.getItem(JOURNAL)).toBeNull());
    expect(editors[0]!.content.value.title).toBe('Tidigt');
  });

  it('back from the back/forward cache, the form re-reads its draft; a fresh load or a widget taken off does not', async () => {
    const [ctl] = controller('farre');
    ctl.hostConnected();
    await ctl.start();
    const pageshow = (persisted: boolean) => dispatchEvent(Object.assign(new Event('pageshow'), { persisted }));
    pageshow(false); // a load: the draft was just read
    expect(editors[0]!.refollowed).toEqual([]);
    pageshow(true);
    expect(editors[0]!.refollowed).toEqual(['b']);
    ctl.hostDisconnected();
    pageshow(true);
    expect(editors[0]!.refollowed).toEqual(['b']);
  });

  it('puts back what the last page journalled into its draft; an entry not shaped like one is dropped', async () => {
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 'b', title: 'Nyast och slutet', description: 'Mer', at: 5 }));
    const [ctl] = controller('farre');
    await ctl.start();
    expect(editors[0]!.draftId.value).toBe('b');
    expect(editors[0]!.content.value).toMatchObject({ title: 'Nyast och slutet', description: 'Mer' });
    expect(localStorage.getItem(JOURNAL)).toBeNull();
    ctl.hostDisconnected();
    document.body.replaceChildren(); // the next widget is the page's only one again: the same key
    for (const junk of ['{"title":1}', 'inte json', '{"title":"<img src=x onerror=alert(1)>","description":"","at":"igår"}']) {
      localStorage.setItem(JOURNAL, junk);
      const [other] = controller('farre');
      await other.start();
      expect(other.content().title).toBe('Nyast'); // opened as usual
      expect(localStorage.getItem(JOURNAL)).toBeNull();
      other.hostDisconnected();
      document.body.replaceChildren();
    }
  });

  it('journalled text for the open draft goes into it even when keys were typed first; those start a new draft', async () => {
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 'b', title: 'Nyast och slutet', description: '', at: 5 }));
    const [ctl] = controller('farre');
    ctl.update({ title: 'Tidigt' });
    await ctl.start();
    expect(editors[0]!.written).toEqual([
      { id: 'b', patch: { title: 'Nyast och slutet', description: '' } },
      { id: undefined, patch: { title: 'Tidigt' } },
    ]);
    expect(editable(drafts.value.find((d) => d.id === 'b')!)).toBe(true); // not left claimed
  });

  it('text never stored goes into a new draft and leaves the opened one free to edit', async () => {
    localStorage.setItem(JOURNAL, JSON.stringify({ title: 'Aldrig sparad', description: '', at: 5 }));
    const [ctl] = controller('farre');
    await ctl.start();
    expect(editors[0]!.written).toEqual([{ id: undefined, patch: { title: 'Aldrig sparad', description: '' } }]);
    expect(editable(drafts.value.find((d) => d.id === 'b')!)).toBe(true);
  });

  it('brings back no text of an idea submitted since, and forgets that entry', async () => {
    drafts.value = [record('s', { title: 'Skickad', challengeId: 'farre' }, 'sent', 9), ...drafts.value];
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 's', title: 'Skickad och mer', description: '', at: 5 }));
    const [ctl] = controller('farre');
    await ctl.start();
    expect(editors[0]!.written).toEqual([]);
    expect(ctl.content().title).toBe('Nyast');
    await vi.waitFor(() => expect(localStorage.getItem(JOURNAL)).toBeNull());
  });

  it('keeps the entry until its text is stored: a widget removed while starting leaves it', async () => {
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 'b', title: 'Nyast och slutet', description: '', at: 5 }));
    const [ctl, el] = controller('farre');
    const starting = ctl.start();
    el.remove();
    await starting;
    expect(JSON.parse(localStorage.getItem(JOURNAL)!)).toMatchObject({ title: 'Nyast och slutet' });
  });

  it('two widgets on a page: the first to start leaves the draft the other remembers or journalled', async () => {
    const [first] = controller('farre');
    const [second] = controller('farre');
    sessionStorage.setItem('idesluss-widget:/utmaningar/farre:farre:1', 'b'); // the second widget's draft
    await first.start();
    expect(first.content().title).toBe('Äldre');
    await second.start();
    expect(second.content().title).toBe('Nyast');
    sessionStorage.clear();
    for (const ctl of [first, second]) ctl.hostDisconnected();
    localStorage.setItem(`${JOURNAL}:1`, JSON.stringify({ id: 'b', title: 'Nyast med slutet', description: '', at: 5 }));
    await first.start();
    await second.start();
    expect([first.content().title, second.content().title]).toEqual(['Äldre', 'Nyast med slutet']);
  });

  it('without IndexedDB shows the journalled text to be copied, and journals it again at pagehide', async () => {
    noIndexedDb.now = true;
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 'b', title: 'Sparad i journalen', description: 'Text', at: 5 }));
    const [ctl] = controller('farre');
    ctl.hostConnected();
    await ctl.start();
    expect(ctl.failed).toBe('storage');
    expect(ctl.content()).toMatchObject({ title: 'Sparad i journalen', description: 'Text' });
    dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(JOURNAL)!)).toMatchObject({ title: 'Sparad i journalen', description: 'Text' });
  });

  it('with an api-base that is no address: says the page is set up wrongly, and keeps the journalled text to be copied', async () => {
    localStorage.setItem(JOURNAL, JSON.stringify({ id: 'b', title: 'Skriven före felet', description: 'Text', at: 5 }));
    const [ctl, el] = controller('farre');
    el.apiBase = 'http://[fel';
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      ctl.hostConnected();
      await ctl.start();
      expect(ctl.failed).toBe('api-base');
      expect(ctl.content()).toMatchObject({ title: 'Skriven före felet', description: 'Text' });
      expect(ctl.said.text).toBe(`Idésluss är fel inställt på den här sidan (api-base). ${widgetMessages('sv').saveFailed}`);
      expect(errors).toHaveBeenCalledWith('[idesluss-widget] api-base "http://[fel" is not an address');
      ctl.update({ title: 'Skriven före felet, och mer' });
      dispatchEvent(new Event('pagehide'));
      expect(JSON.parse(localStorage.getItem(JOURNAL)!)).toMatchObject({ title: 'Skriven före felet, och mer', description: 'Text' });
      // Set right later (a CMS binding): the widget moves to that API and the form works again.
      el.apiBase = '/api/idesluss/v1';
      ctl.followApiBase();
      await ctl.start();
      expect(ctl.failed).toBe(false);
      expect(ctl.content().title).toBe('Skriven före felet, och mer'); // and what was typed is in its draft
    } finally {
      errors.mockRestore();
    }
  });

  it('reports a save only after a write, and a sent idea once, with an announcement', async () => {
    const [ctl, el] = controller('farre');
    // 'q' was submitted in this tab before a reload; 'r' in another tab of the page, which reports it itself.
    sessionStorage.setItem('idesluss-widget:submitted', 'q');
    drafts.value = [...drafts.value, record('q', { title: 'I kön' }, 'queued'), record('r', { title: 'Annan flik' }, 'queued')];
    await ctl.start();
    expect(el.events.map((e) => e.type)).toEqual([]); // opening a stored draft is not a save
    ctl.update({ title: 'Nyast!' });
    editors[0]!.saveStatus.value = { kind: 'saved', at: 5 };
    expect(el.events.map((e) => [e.type, (e as CustomEvent).detail.id])).toEqual([['idesluss-saved', 'b']]);
    drafts.value = drafts.value.map((d) => (d.id === 'r' ? { ...d, state: 'sent' } : d));
    expect(ctl.said.text).toBe('Skickad till intranätet: Annan flik'); // said: the person may be in this tab
    drafts.value = drafts.value.map((d) => (d.id === 'q' ? { ...d, state: 'sent' } : d));
    drafts.value = [...drafts.value];
    expect(el.events.filter((e) => e.type === 'idesluss-sent').map((e) => (e as CustomEvent).detail.id)).toEqual(['q']);
    expect(ctl.said.text).toBe('Skickad till intranätet: I kön');
  });
});

describe('ideas out of their page\'s reach', () => {
  it('after a reload, reopens the tab\'s draft even though the user picked another challenge in it', async () => {
    let [ctl] = controller('farre');
    await ctl.start();
    expect(ctl.content().title).toBe('Nyast');
    // The user picks another challenge in the form: the draft is no longer one of this page's challenge.
    drafts.value = [record('b', { title: 'Nyast', challengeId: 'annan' }, 'draft', 5), record('a', { title: 'Äldre', challengeId: 'farre' }, 'draft', 2)];
    for (const c of controllers.splice(0)) c.hostDisconnected();
    document.body.replaceChildren();
    [ctl] = controller('farre');
    await ctl.start();
    expect(ctl.content()).toMatchObject({ title: 'Nyast', challengeId: 'annan' });
  });

  it('after a reload, reopens a draft from another page that the user had opened here ("Fortsätt skriva")', async () => {
    const other = 'http://intranet.example/';
    drafts.value = [...drafts.value, record('annan', { title: 'Från startsidan', source: { url: other } }, 'draft', 1)];
    let [ctl] = controller('farre');
    await ctl.start();
    await editDraft(ctl, 'annan');
    expect(ctl.content().title).toBe('Från startsidan');
    for (const c of controllers.splice(0)) c.hostDisconnected();
    document.body.replaceChildren();
    [ctl] = controller('farre');
    await ctl.start();
    expect(ctl.content().title).toBe('Från startsidan');
  });

  it('lists the ideas from other pages that wait for the user, so a closed or removed page does not strand them', async () => {
    const other = 'http://intranet.example/utmaningar/stangd';
    drafts.value = [
      ...drafts.value,
      record('utkast', { title: 'Utkast från stängd utmaning', source: { url: other, title: 'Stängd utmaning' } }, 'draft', 1),
      record('vagrad', { title: 'Behöver ändras', source: { url: other } }, 'needs-attention', 1),
      record('skickad', { title: 'Redan skickad', source: { url: other } }, 'sent', 1),
      record('koad', { title: 'I kö', source: { url: other } }, 'queued', 1),
    ];
    const [ctl] = controller('farre');
    await ctl.start();
    expect(ctl.pageDrafts().map((d) => d.id)).toEqual(['a', 'utkast', 'vagrad']);
    expect(editable(ctl.pageDrafts()[1]!)).toBe(true);
    // One open in another widget of the page is not offered twice.
    const [second] = controller('farre');
    await second.start();
    await editDraft(second, 'utkast');
    expect(ctl.pageDrafts().map((d) => d.id)).not.toContain('utkast');
    // Finished and submitted there, it stays listed in that widget, with its fate told, like the page's own.
    await second.submit();
    drafts.value = drafts.value.map((d) => (d.id === 'utkast' ? { ...d, state: 'queued' as const } : d));
    expect(second.pageDrafts().map((d) => d.id)).toContain('utkast');
    expect(ctl.pageDrafts().map((d) => d.id)).not.toContain('utkast');
  });
});

describe('two widgets on one page', () => {
  it('each reopens its own draft after a reload, though both have the same challenge', async () => {
    let [first] = controller('farre');
    let [second] = controller('farre');
    await first.start();
    await second.start();
    expect([first.content().title, second.content().title]).toEqual(['Nyast', 'Äldre']);
    // The second widget wrote last: its draft is now the page's latest.
    drafts.value = [record('a', { title: 'Äldre', challengeId: 'farre' }, 'draft', 4), record('b', { title: 'Nyast', challengeId: 'farre' }, 'draft', 3)];
    for (const ctl of controllers.splice(0)) ctl.hostDisconnected();
    document.body.replaceChildren();
    [first] = controller('farre');
    [second] = controller('farre');
    await first.start();
    await second.start();
    expect([first.content().title, second.content().title]).toEqual(['Nyast', 'Äldre']);
  });

  it('reports an idea only from the widget that submitted it, and page-wide news once', async () => {
    const [a, elA] = controller('farre');
    const [b, elB] = controller('farre');
    await a.start();
    await b.start();
    expect(editable(drafts.value.find((d) => d.id === 'b')!)).toBe(false); // open in widget a
    expect(await a.submit()).toBe(true); // submits draft 'b'
    drafts.value = drafts.value.map((d) => (d.id === 'b' ? { ...d, state: 'sent' as const } : d));
    const sent = (el: typeof elA) => el.events.filter((e) => e.type === 'idesluss-sent').length;
    expect([sent(elA), sent(elB)]).toEqual([1, 0]);
    expect([a.said.text, b.said.text]).toEqual(['Skickad till intranätet: Nyast', '']);
    sync.online.value = false;
    expect([a.said.text, b.said.text]).toEqual([widgetMessages('sv').offline, '']);
  });
});

describe('announcements', () => {
  it('says when sync waits for sign-in, when an idea is refused and why, and when "send now" fails', async () => {
    const [ctl] = controller('farre');
    await ctl.start();
    sync.syncing.value = true; // a run that ends on a 401
    sync.paused.value = 'auth';
    expect(ctl.said.text).toBe(''); // not before the run has ended
    sync.syncing.value = false;
    expect(ctl.said.text).toBe(widgetMessages('sv').signInNote);
    // Another account signed in: the prompt names both (docs/adr/016).
    batch(() => {
      sync.paused.value = 'account';
      (sync.accountSwitch as Signal<unknown>).value = { previous: { id: 'a', name: 'Anna Andersson' }, current: { id: 'b', name: 'Bertil Berg' } };
    });
    expect(ctl.said.text).toBe(widgetMessages('sv').otherAccount('Anna Andersson', 'Bertil Berg'));
    batch(() => {
      sync.paused.value = undefined;
      (sync.accountSwitch as Signal<unknown>).value = undefined;
    });
    await ctl.submit(); // 'b' is queued by this widget
    drafts.value = drafts.value.map((d) =>
      d.id === 'b'
        ? { ...d, state: 'needs-attention' as const, lastFailure: { kind: 'reject' as const, status: 422, at: 0 }, fieldErrors: [{ field: 'challengeId', code: 'invalid_value' as const, message: '' }] }
        : d,
    );
    expect(ctl.said.text).toBe('Behöver ändras: Nyast. Utmaning: Utmaningen är avslutad eller finns inte längre. Välj en annan utmaning eller ingen.');
    const next = new Date().setHours(14, 5, 0, 0); // today: another day would name its weekday
    sync.sendNow = async () => void (sync.nextAttemptAt.value = next);
    await sendNow(ctl);
    expect(ctl.said.text).toBe('Intranätet svarade inte. Nästa försök kl.\u00a014:05.');
    // The intranet did answer, with a 503: said in the words the item shows, not "did not answer".
    drafts.value = drafts.value.map((d) => (d.id === 'b' ? { ...d, state: 'queued' as const, nextAttemptAt: next, lastFailure: { kind: 'retry' as const, status: 503, at: 0 } } : d));
    await sendNow(ctl);
    expect(ctl.said.text).toBe(`${widgetMessages('sv').failure.serverError(503)} Nästa försök kl.\u00a014:05.`);
    sync.online.value = false; // and while the device is offline, that, without a try time that would not hold
    await sendNow(ctl);
    expect(ctl.said.text.trim()).toBe(widgetMessages('sv').offline); // trimmed: a repeat ends in a no-break space
    sync.online.value = true;
    // One went through and another waits: not "did not answer".
    ctl.announce('');
    sync.sendNow = async () => void (sync.lastSentAt.value = next - 60_000);
    await sendNow(ctl);
    expect(ctl.said.text).toBe('');
    await withdrawIdea(ctl, 'q');
    expect(ctl.said.text).toBe('Idén är tillbaka i formuläret.');
    editors[0]!.withdraw = async () => Promise.reject(new Error('sending')); // the core refuses: it is being sent
    await withdrawIdea(ctl, 'q');
    expect(ctl.said.text).toBe('Idén håller på att skickas och kan inte tas tillbaka nu. Om den inte kommer fram kan du ta tillbaka den sedan.');
  });

  it('does not say a stored sign-in pause until a run of this page confirms it (back from signing in, it is stale)', async () => {
    sync.paused.value = 'auth'; // stored by a run before the user went to sign in
    const [ctl] = controller('farre');
    await ctl.start();
    expect(ctl.said.text).toBe('');
    batch(() => void (sync.syncing.value = true));
    batch(() => {
      sync.syncing.value = false;
      sync.paused.value = undefined; // signed in meanwhile: the run went through
    });
    expect(ctl.said.text).toBe('');
    // Still signed out, on another page load: said once the run ends.
    ctl.hostDisconnected();
    const [again] = controller('farre');
    sync.paused.value = 'auth';
    await again.start();
    sync.syncing.value = true;
    sync.syncing.value = false;
    expect(again.said.text).toBe(widgetMessages('sv').signInNote);
  });

  it('keeps news that come together as lines of their own (back online, then an idea sent), and starts anew later', async () => {
    const [ctl] = controller('farre');
    await ctl.start();
    let now = 1_000_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      sync.online.value = false;
      now += 10_000;
      sync.online.value = true;
      now += 150;
      ctl.announce('Skickad till intranätet: Nyast');
      expect([...ctl.said.earlier, ctl.said.text]).toEqual([widgetMessages('sv').online, 'Skickad till intranätet: Nyast']);
      now += 10_000;
      ctl.announce('Idén är tillbaka i formuläret.');
      expect([...ctl.said.earlier, ctl.said.text]).toEqual(['Idén är tillbaka i formuläret.']);
      ctl.announce(''); // emptied (the dialog opened or closed): nothing of before stays
      expect([...ctl.said.earlier, ctl.said.text]).toEqual(['']);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('submit', () => {
  it('ignores a second submit while one runs or a user’s right after one, but validates a real one', async () => {
    const [ctl] = controller('farre');
    await ctl.start();
    const submit = vi.spyOn(editors[0]!, 'submit');
    const [first, second] = [ctl.submit(true), ctl.submit(true)];
    expect([await first, await second]).toEqual([true, undefined]);
    expect(await ctl.submit(true)).toBeUndefined(); // a double Enter: the new empty form shows no errors
    expect(submit).toHaveBeenCalledTimes(1);
    expect(ctl.said.text).toBe(widgetMessages('sv').queuedNote);
    submit.mockResolvedValueOnce({ ok: false, errors: [{ field: 'title', code: 'required', message: '' }] });
    expect(await ctl.submit()).toBe(false); // a real submit of an empty form is validated
    expect(submit).toHaveBeenCalledTimes(2);
  });

  it('a store that fails the submit is said, not thrown at the page; nothing typed is dropped', async () => {
    const [ctl] = controller('farre');
    await ctl.start();
    vi.spyOn(editors[0]!, 'submit').mockRejectedValueOnce(new StorageError('quota', 'The disk is full.'));
    expect(await ctl.submit()).toBe(false);
    expect(ctl.said.text).toBe(widgetMessages('sv').saveFailed);
    expect(ctl.content().title).toBe('Nyast');
  });
});

describe('a widget whose page changes it after the start', () => {
  it('journals and remembers under the key it started with, though a CMS sets `challenge` later', async () => {
    const [ctl, el] = controller(); // no challenge yet
    ctl.hostConnected();
    await ctl.start();
    el.challenge = 'farre'; // the CMS binding, after the start
    ctl.followChallenge();
    ctl.update({ title: 'Sista tangenten' });
    dispatchEvent(new Event('pagehide'));
    // The next load starts before the binding too: it reads the key without the challenge.
    const start = 'idesluss-widget:/utmaningar/farre:';
    expect(JSON.parse(localStorage.getItem(`idesluss-unsaved:${start}`)!)).toMatchObject({ title: 'Sista tangenten' });
    expect(localStorage.getItem(JOURNAL)).toBeNull();
  });

  it('a widget put in before a started one gets a key of its own: neither journals over the other', async () => {
    const [a] = controller('farre');
    a.hostConnected();
    await a.start();
    const [b, elB] = controller('farre');
    document.body.prepend(elB); // a script puts a second widget first on the page, after the first has started
    b.hostConnected();
    await b.start();
    a.update({ title: 'Text i A' });
    b.update({ title: 'Text i B' });
    dispatchEvent(new Event('pagehide'));
    const journalled = Object.keys(localStorage).filter((k) => k.startsWith('idesluss-unsaved:')).map((k) => JSON.parse(localStorage.getItem(k)!).title).sort();
    expect(journalled).toEqual(['Text i A', 'Text i B']);
  });

  it('a draft one widget opens loses its button in the other at once: the other re-renders', async () => {
    drafts.value = [...drafts.value, { ...record('x', { title: 'Från en annan sida' }), content: { ...emptyContent('sv'), title: 'Från en annan sida', source: { url: 'http://intranet.example/annan' } } }];
    const [a] = controller('farre');
    const [b, elB] = controller('farre');
    await a.start();
    await b.start();
    expect(b.pageDrafts().some((d) => d.id === 'x' && editable(d))).toBe(true);
    const renders = vi.spyOn(elB, 'requestUpdate');
    await editDraft(a, 'x');
    expect(renders).toHaveBeenCalled();
    expect(b.pageDrafts().some((d) => d.id === 'x')).toBe(false);
  });
});

describe('list buttons', () => {
  it('a change the store fails is said; one another tab got to first is left to the list', async () => {
    const [ctl] = controller('farre');
    await ctl.start();
    settle(ctl, Promise.reject(new StorageError('quota', 'The disk is full.')));
    await vi.waitFor(() => expect(ctl.said.text).toBe(widgetMessages('sv').changeNotSaved));
    ctl.announce('');
    settle(ctl, Promise.reject(new TransitionError({ ok: false, reason: 'no-conflict', state: 'sent' })));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ctl.said.text).toBe('');
    // "Ta tillbaka": a failed store is not "it is being sent".
    editors[0]!.withdraw = () => Promise.reject(new StorageError('quota', 'The disk is full.'));
    await withdrawIdea(ctl, 'q');
    expect(ctl.said.text).toBe(widgetMessages('sv').changeNotSaved);
  });
});
