/**
 * Ideas and challenges in SQLite, through prepared statements only. Strings are stored verbatim;
 * escaping happens on output (pages, CSV), never here.
 */
import { IDEA_STATUSES, type Challenge, type IdeaContent, type IdeaKind, type IdeaStatus, type Lang, type RemoteIdea } from '../../shared/domain/idea';
import { contentKey } from '../../shared/domain/validation';
import type { Db } from './database';

interface IdeaRow {
  id: string;
  author_id: string;
  title: string;
  description: string;
  kind: string;
  challenge_id: string | null;
  source_url: string | null;
  source_title: string | null;
  source_quote: string | null;
  anonymous: number;
  lang: string;
  status: string;
  content_key: string;
  created_at: string;
  updated_at: string;
}

/** An idea with what only the server knows: who wrote it and its content key. */
export interface StoredIdea {
  idea: RemoteIdea;
  authorId: string;
  authorName: string;
  contentKey: string;
}

/** Filters of the inbox; absent means "all". */
export interface IdeaFilter {
  status?: IdeaStatus;
  kind?: IdeaKind;
  challengeId?: string;
  /** Words in the title or description, in any case (Swedish case folding: "ärlan" finds "Ärlan"). */
  text?: string;
  /** The list's order; default `newest`. `title` sorts by Swedish rules (Å, Ä, Ö after Z). */
  sort?: IdeaSort;
}

export const IDEA_SORTS = ['newest', 'oldest', 'title', 'status'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

const collator = new Intl.Collator('sv-SE');
const byOrder: Record<Exclude<IdeaSort, 'newest'>, (a: StoredIdea, b: StoredIdea) => number> = {
  oldest: (a, b) => a.idea.createdAt.localeCompare(b.idea.createdAt),
  title: (a, b) => collator.compare(a.idea.title, b.idea.title),
  status: (a, b) => IDEA_STATUSES.indexOf(a.idea.status) - IDEA_STATUSES.indexOf(b.idea.status),
};

/** Text as compared by the inbox's search: composed, lower case by Swedish rules. */
const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('sv-SE');

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

function toIdea(row: IdeaRow): RemoteIdea {
  const idea: RemoteIdea = {
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind as IdeaKind,
    anonymous: row.anonymous === 1,
    lang: row.lang as Lang,
    status: row.status as IdeaStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.challenge_id !== null) idea.challengeId = row.challenge_id;
  const source: NonNullable<RemoteIdea['source']> = {};
  if (row.source_url !== null) source.url = row.source_url;
  if (row.source_title !== null) source.title = row.source_title;
  if (row.source_quote !== null) source.quote = row.source_quote;
  if (Object.keys(source).length > 0) idea.source = source;
  return idea;
}

const toStored = (row: IdeaRow & { author_name: string }): StoredIdea => ({
  idea: toIdea(row),
  authorId: row.author_id,
  authorName: row.author_name,
  contentKey: row.content_key,
});

const SELECT = 'SELECT i.*, u.name AS author_name FROM ideas i JOIN users u ON u.id = i.author_id';

/** All reads and writes of ideas and challenges. Create one per open database. */
export class IdeasRepo {
  readonly #insert;
  readonly #byId;
  readonly #byAuthor;
  readonly #filtered;
  readonly #setStatus;
  readonly #logStatus;
  readonly #challenge;
  readonly #challenges;
  readonly #history;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO ideas (id, author_id, title, description, kind, challenge_id, source_url, source_title, source_quote,
                          anonymous, lang, status, content_key, created_at, updated_at)
       VALUES (@id, @author_id, @title, @description, @kind, @challenge_id, @source_url, @source_title, @source_quote,
               @anonymous, @lang, 'received', @content_key, @now, @now)
       ON CONFLICT(id) DO NOTHING`,
    );
    this.#byId = db.prepare<[string], IdeaRow & { author_name: string }>(`${SELECT} WHERE i.id = ?`);
    this.#byAuthor = db.prepare<[string], IdeaRow & { author_name: string }>(`${SELECT} WHERE i.author_id = ? ORDER BY i.created_at DESC, i.id`);
    this.#filtered = db.prepare<{ status: string | null; kind: string | null; challenge: string | null }, IdeaRow & { author_name: string }>(
      `${SELECT} WHERE (@status IS NULL OR i.status = @status) AND (@kind IS NULL OR i.kind = @kind)
         AND (@challenge IS NULL OR i.challenge_id = @challenge) ORDER BY i.created_at DESC, i.id`,
    );
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

  /** The ideas one user wrote, newest first. */
  listByAuthor(authorId: string): StoredIdea[] {
    return this.#byAuthor.all(authorId).map(toStored);
  }

  /**
   * Ideas for the inbox, newest first. The text search runs here rather than in SQL, whose
   * `LIKE` and `lower()` fold only ASCII letters, not å, ä and ö.
   */
  list(filter: IdeaFilter = {}): StoredIdea[] {
    const all = this.#filtered.all({ status: filter.status ?? null, kind: filter.kind ?? null, challenge: filter.challengeId ?? null }).map(toStored);
    const needle = filter.text && fold(filter.text);
    const found = needle ? all.filter(({ idea }) => fold(idea.title).includes(needle) || fold(idea.description).includes(needle)) : all;
    // A stable sort: equal keys keep the newest first.
    return filter.sort && filter.sort !== 'newest' ? found.sort(byOrder[filter.sort]) : found;
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
