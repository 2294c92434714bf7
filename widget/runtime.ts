/**
 * The widget's composition root: one runtime per page and API base, shared by every
 * `<idesluss-widget>` on the page — one draft store, one API client, one sync engine, one drafts
 * list and sync status. Single flight across tabs is the shared engine's (Web Lock where present,
 * else its own fallback); the widget never calls `navigator.locks` or `crypto.randomUUID` itself,
 * so plain-http intranet hosts work.
 *
 * Sync triggers (DESIGN section 6): start-up (the first widget, after load and idle), submit
 * (through the editor), `online`, and the page becoming visible.
 */
import type { Lang } from '../shared/domain/idea';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../shared/models/types';
import { compose } from './compose';
import { resolveApiBase } from './page';

/** What every widget on the page shares. */
export interface WidgetRuntime {
  readonly drafts: DraftsModel;
  readonly sync: SyncStatusModel;
  /** A new editor for one widget's form, in the widget's language; the widget disposes it. */
  createEditor(lang: () => Lang): EditorModel;
}

const runtimes = new Map<string, Promise<WidgetRuntime>>();

/** The page's runtime for `apiBase`, composed on first use. A failed start is retried next time. */
export function getRuntime(apiBase: string): Promise<WidgetRuntime> {
  const base = resolveApiBase(apiBase);
  let runtime = runtimes.get(base);
  if (!runtime) {
    runtime = compose(base);
    runtimes.set(base, runtime);
    runtime.catch(() => runtimes.delete(base));
  }
  return runtime;
}
