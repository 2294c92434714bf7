/**
 * Ideas and challenges in SQLite, through prepared statements only. Strings are stored verbatim;
 * escaping happens on output (pages, CSV), never here.
 */
import { IDEA_STATUSES, type Challenge, type IdeaContent, type IdeaStatus } from '../../shared/domain/idea';
import { contentKey } from '../../shared/domain/validation';
import type { Db } from './database';
import { IdeaQueries, type IdeaFilter, type IdeaPage } from './idea-query';
import { SELECT_IDEA, toStored, type IdeaRow, type StoredIdea } from './idea-rows';
import { searchTextOf } from './search-text';

export { IDEA_SORTS, type IdeaFilter, type IdeaPage, type IdeaSort } from './idea-query';
export type { StoredIdea } from './idea-rows';

interface ChallengeRow {
  id: string;
  title: string;
  summary: string;
  body: string;
  closes_at: string | null;
  open: number;
}

/** One status change: what, by whom, when. */
export interface StatusChange {
  status: IdeaStatus;
  changedBy: string;
  changedAt: string;
}

/** A challenge with its page text, for the demo pages. */
export interface ChallengeRecord extends Omit<Challenge, 'url'> {
  body: string;
  open: boolean;
}

/** All reads and writes of ideas and challenges. Create one per open database. */
export class IdeasRepo {
  readonly #insert;
  readonly #byId;
  readonly #byAuthor;
  readonly #inbox;
  readonly #setStatus;
  readonly #logStatus;
  readonly #challenge;
  readonly #challenges;
  readonly #history;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO ideas (id, author_id, title, description, kind, challenge_id, source_url, source_title, source_quote,
                          anonymous, lang, status, content_key, created_at, updated_at, search_text)
       VALUES (@id, @author_id, @title, @description, @kind, @challenge_id, @source_url, @source_title, @source_quote,
               @anonymous, @lang, 'received', @content_key, @now, @now, @search_text)
       ON CONFLICT(id) DO NOTHING`,
    );
    this.#byId = db.prepare<[string], IdeaRow>(`${SELECT_IDEA} WHERE i.id = ?`);
    this.#byAuthor = db.prepare<[string], { id: string }>('SELECT id FROM ideas WHERE author_id = ? ORDER BY created_at DESC, id');
    this.#inbox = new IdeaQueries(db);
    this.#setStatus = db.prepare('UPDATE ideas SET status = ?, updated_at = ? WHERE id = ?');
    this.#logStatus = db.prepare('INSERT INTO idea_status_log (idea_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)');
    this.#challenge = db.prepare<[string], ChallengeRow>('SELECT * FROM challenges WHERE id = ?');
    this.#challenges = db.prepare<[], ChallengeRow>('SELECT * FROM challenges ORDER BY open DESC, closes_at IS NULL, closes_at, title');
    this.#history = db.prepare<[string], { status: string; name: string; changed_at: string }>(
      'SELECT l.status, u.name, l.changed_at FROM idea_status_log l JOIN users u ON u.id = l.changed_by WHERE l.idea_id = ? ORDER BY l.seq',
    );
  }

  /**
   * Creates the idea unless its id exists; atomic (INSERT … ON CONFLICT DO NOTHING), so any number
   * of concurrent identical requests store one idea. Returns the row now under that id.
   */
  insertIfAbsent(id: string, authorId: string, content: IdeaContent, now: string): { created: boolean; stored: StoredIdea } {
    const result = this.#insert.run({
      id,
      author_id: authorId,
      title: content.title,
      description: content.description,
      kind: content.kind,
      challenge_id: content.challengeId ?? null,
      source_url: content.source?.url ?? null,
      source_title: content.source?.title ?? null,
      source_quote: content.source?.quote ?? null,
      anonymous: content.anonymous ? 1 : 0,
      lang: content.lang,
      content_key: contentKey(content),
      now,
      search_text: searchTextOf(content.title, content.description),
    });
    const stored = this.find(id);
    if (!stored) throw new Error(`idea ${id} vanished after insert`);
    return { created: result.changes === 1, stored };
  }

  /** One idea by id, whoever wrote it; callers decide who may see it. */
  find(id: string): StoredIdea | undefined {
    const row = this.#byId.get(id);
    return row ? toStored(row) : undefined;
  }

  /** The ids of the ideas one user wrote, newest first: `GET /ideas?mine=true` reads their rows a chunk at a time (`byIds`). */
  idsByAuthor(authorId: string): string[] {
    return this.#byAuthor.all(authorId).map((row) => row.id);
  }

  /**
   * One page of the inbox's list (`size` ideas) and how many ideas match: a page number that is not a whole one
   * above 1 gives page 1, one past the last gives the last. Filter, count, order and page run in SQL, except the
   * title order, sorted here (docs/adr/033-inbox-paging-in-sql.md).
   */
  page(filter: IdeaFilter, requested: number, size: number): IdeaPage {
    return this.#inbox.page(filter, requested, size);
  }

  /** Every idea the inbox's filter matches, in the order `page` lists them, read at once (tests; the export streams). */
  list(filter: IdeaFilter = {}): StoredIdea[] {
    return this.#inbox.all(filter);
  }

  /** The ids of every idea the filter matches, in the order `page` lists them: read once when a CSV export starts. */
  ids(filter: IdeaFilter = {}): readonly string[] {
    return this.#inbox.ids(filter);
  }

  /** The ideas with these ids, in their order: one chunk of a streamed CSV export (docs/adr/033-inbox-paging-in-sql.md). */
  byIds(ids: readonly string[]): StoredIdea[] {
    return this.#inbox.byIds(ids);
  }

  /** Sets an idea's status and logs who did it. Returns false for an unknown id or status. */
  setStatus(id: string, status: string, userId: string, now: string): boolean {
    if (!(IDEA_STATUSES as readonly string[]).includes(status)) return false;
    return this.db.transaction(() => {
      if (this.#setStatus.run(status, now, id).changes !== 1) return false;
      this.#logStatus.run(id, status, userId, now);
      return true;
    })();
  }

  /** Who set which status when, oldest first (for the inbox). */
  statusHistory(id: string): StatusChange[] {
    return this.#history.all(id).map((r) => ({ status: r.status as IdeaStatus, changedBy: r.name, changedAt: r.changed_at }));
  }

  /** A challenge by id, open or closed. */
  challenge(id: string): ChallengeRecord | undefined {
    const row = this.#challenge.get(id);
    return row ? toChallenge(row) : undefined;
  }

  /** All challenges, open ones first. */
  challenges(): ChallengeRecord[] {
    return this.#challenges.all().map(toChallenge);
  }
}

function toChallenge(row: ChallengeRow): ChallengeRecord {
  const c: ChallengeRecord = { id: row.id, title: row.title, summary: row.summary, body: row.body, open: row.open === 1 };
  if (row.closes_at !== null) c.closesAt = row.closes_at;
  return c;
}
