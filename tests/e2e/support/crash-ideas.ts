/**
 * The crash suite's ideas (issue 6): what the intranet stored, read straight from its SQLite file,
 * the exactly-once check, and submitting ideas through the real popup and widget.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// What the intranet stored, read straight from its SQLite file

export interface StoredIdeaRow {
  id: string;
  title: string;
  description: string;
  source_url: string | null;
  source_title: string | null;
  source_quote: string | null;
}

/** Every idea row in the intranet's database under `dataDir` (read-only, beside the running server). */
export function storedIdeas(dataDir: string): StoredIdeaRow[] {
  const db = new Database(join(dataDir, 'idesluss.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare('SELECT id, title, description, source_url, source_title, source_quote FROM ideas').all() as StoredIdeaRow[];
  } finally {
    db.close();
  }
}

/**
 * Exactly once: every submitted idea is on the intranet, none twice (by id, and by title, which
 * catches a second copy under another id), and nothing else is there. Throws a message listing
 * what is missing, doubled or unexpected.
 */
export function checkExactlyOnce(label: string, rows: StoredIdeaRow[], submitted: Map<string, string>): void {
  const problems: string[] = [];
  const byId = new Map<string, number>();
  const byTitle = new Map<string, number>();
  for (const row of rows) {
    byId.set(row.id, (byId.get(row.id) ?? 0) + 1);
    byTitle.set(row.title, (byTitle.get(row.title) ?? 0) + 1);
  }
  for (const [id, title] of submitted) {
    const n = byId.get(id) ?? 0;
    if (n !== 1) problems.push(`${id} (${JSON.stringify(title)}) is on the intranet ${n} times`);
    if ((byTitle.get(title) ?? 0) > 1) problems.push(`the title ${JSON.stringify(title)} is on the intranet ${byTitle.get(title)} times`);
  }
  for (const row of rows) if (!submitted.has(row.id)) problems.push(`unexpected idea ${row.id} (${JSON.stringify(row.title)})`);
  if (rows.length !== submitted.size) problems.push(`${rows.length} ideas on the intranet, ${submitted.size} submitted`);
  if (problems.length > 0) throw new Error(`${label}: not exactly once:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// Submitting through the real UIs

/** Submits one idea through the popup; resolves with its draft id once it is stored as queued. */
export async function submitInPopup(popup: Page, title: string): Promise<string> {
  await popup.bringToFront(); // a background tab gets animation frames rarely, if at all, and a click waits for two
  await popup.fill('#title', title);
  await popup.click('button[type=submit]');
  // The draft being written is in the list too: wait until it has left the `draft` state.
  const item = popup.locator('li[data-draft-id]:not([data-state=draft])', { hasText: title });
  await item.waitFor({ timeout: 15_000 });
  await popup.locator('#title:not([disabled])').waitFor();
  return (await item.getAttribute('data-draft-id'))!;
}

type Watched = HTMLElement & { crashSubmitted?: string[] };

/**
 * Submits one idea through a widget (a Locator of `<idesluss-widget>`); resolves with its draft id
 * (from the widget's `idesluss-submitted` event) once the widget lists it as queued or further.
 */
export async function submitInWidget(widget: Locator, title: string): Promise<string> {
  const before = await widget.evaluate((el: Watched) => {
    if (!el.crashSubmitted) {
      const seen: string[] = (el.crashSubmitted = []);
      el.addEventListener('idesluss-submitted', (e) => seen.push((e as CustomEvent<{ id: string }>).detail.id));
    }
    return el.crashSubmitted.length;
  });
  await widget.page().bringToFront();
  await widget.locator('#title').fill(title);
  await widget.locator('[part=submit]').click();
  await widget.locator('li:not(.draft)', { hasText: title }).waitFor({ timeout: 15_000 });
  const ids = await widget.evaluate((el: Watched) => el.crashSubmitted ?? []);
  if (ids.length !== before + 1) throw new Error(`submitting ${JSON.stringify(title)} in the widget gave ${ids.length - before} submitted events`);
  return ids.at(-1)!;
}
