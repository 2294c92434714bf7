/**
 * The inbox's list in SQL (docs/adr/033-inbox-paging-in-sql.md): the filter, the count, the order and the page run
 * in SQLite, so a page reads about one page of ideas rather than every idea, on the one event loop every request
 * shares. Only constants shape the SQL text (which filters are present picks among fixed terms); every value from a
 * request is bound. The exception is the title order, Swedish (Å, Ä, Ö after Z), which SQLite cannot sort:
 * the matching ideas' ids and titles are read and sorted here, then one page of them is fetched. Counts and orders
 * read `ideas` alone; the authors' names are joined for the page's rows only (every idea has its author, `idea-rows.ts`).
 */
import type { Statement } from 'better-sqlite3';
import { IDEA_STATUSES, type IdeaKind, type IdeaStatus } from '../../shared/domain/idea';
import type { Db } from './database';
import { SELECT_IDEA, toStored, type IdeaRow, type StoredIdea } from './idea-rows';
import { searchNeedle } from './search-text';

export const IDEA_SORTS = ['newest', 'oldest', 'title', 'status'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

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

/** One page of the inbox: its ideas, its number (1-based, within the pages there are) and the whole count. */
export interface IdeaPage {
  ideas: StoredIdea[];
  page: number;
  total: number;
}

/**
 * The page shown for a requested number: a number that is not a whole one above 1 (absent, `NaN`, 0, negative)
 * gives page 1, one past the last page gives the last, and an empty list has one page.
 */
export function clampPage(requested: number, total: number, size: number): number {
  const last = Math.max(1, Math.ceil(total / size));
  return Math.min(last, Math.max(1, Math.trunc(requested) || 1));
}

/**
 * An idea's place in the status order: its status's position in `IDEA_STATUSES`, and -1 (first) for any other, as
 * `indexOf` gave it. Built once from the constant list; migration 3 indexes the same expression
 * (`ideas_status_rank`), and a test checks that the status order is read from that index.
 */
export const STATUS_RANK = `CASE i.status ${IDEA_STATUSES.map((status, rank) => {
  if (!/^[a-z-]+$/.test(status)) throw new Error(`a status that cannot be written in SQL: ${status}`);
  return `WHEN '${status}' THEN ${rank}`;
}).join(' ')} ELSE -1 END`;

/**
 * ORDER BY for each order SQLite can sort, over `ideas i`. Ties go newest first, as the old stable sort of the
 * newest-first list left them: for `oldest`, equal times keep that list's order, which is by id. `created_at` is
 * always `toISOString()`'s form, one length, so its byte order is the order `localeCompare` gave the old sort.
 * Exported for the test that checks that each is read from an index.
 */
export const ORDER_BY: Readonly<Record<Exclude<IdeaSort, 'title'>, string>> = {
  newest: 'i.created_at DESC, i.id',
  oldest: 'i.created_at, i.id',
  status: `${STATUS_RANK}, i.created_at DESC, i.id`,
};

const collator = new Intl.Collator('sv-SE');
/** How many filters' title orders `#titleOrder` keeps. */
const SORTED_KEPT = 4;
/** The title order; `Array.prototype.sort` is stable, so equal titles keep the newest-first order they come in. */
const byTitle = (a: string, b: string) => collator.compare(a, b);

interface Where {
  sql: string;
  params: Record<string, string>;
  /** True when the filter reads every row (the text search): no index can count it. */
  scans: boolean;
}

/** The WHERE clause of a filter over `ideas i`: fixed terms, bound values. */
function whereOf(filter: IdeaFilter): Where {
  const terms: string[] = [];
  const params: Record<string, string> = {};
  const equal = (column: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    terms.push(`i.${column} = @${name}`);
    params[name] = value;
  };
  equal('status', 'status', filter.status);
  equal('kind', 'kind', filter.kind);
  equal('challenge_id', 'challenge', filter.challengeId);
  if (filter.text) {
    const needle = searchNeedle(filter.text);
    terms.push(needle === undefined ? '0' : 'instr(i.search_text, @needle) > 0');
    if (needle !== undefined) params.needle = needle;
  }
  return { sql: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', params, scans: params.needle !== undefined };
}

/**
 * The order a filter is listed in. Under a status filter every idea has the same status, so the status order is the
 * newest-first one, which its index serves. Anything not a known order (a caller that skipped validation) is newest.
 */
function sortOf(filter: IdeaFilter): IdeaSort {
  const sort = (IDEA_SORTS as readonly unknown[]).includes(filter.sort) ? filter.sort! : 'newest';
  return sort === 'status' && filter.status !== undefined ? 'newest' : sort;
}

/** The inbox's reads: one page, or every matching idea (the CSV export), in the same order. Create one per database. */
export class IdeaQueries {
  readonly #statements = new Map<string, Statement>();
  /** Title orders sorted since the last write, by filter (see `#titleOrder`). */
  readonly #sorted = new Map<string, readonly string[]>();
  /** The write counters the kept orders were sorted at (see `#titleOrder`). */
  #generation = '';
  readonly #page;

  constructor(private readonly db: Db) {
    // One read transaction: the count and the page come from the same state of the table.
    this.#page = db.transaction((filter: IdeaFilter, requested: number, size: number): IdeaPage => {
      const where = whereOf(filter);
      const sort = sortOf(filter);
      if (sort === 'title' || where.scans) {
        // Every matching row is read anyway (to sort by title, or to search its text): read the ids once, in order,
        // and count those, rather than scan for the count and again for the page.
        const ids = this.#ordered(where, sort);
        const page = clampPage(requested, ids.length, size);
        return { ideas: this.#fetch(ids.slice((page - 1) * size, page * size)), page, total: ids.length };
      }
      // Otherwise both come from an index: the count, then the page's ids at their offset.
      const total = this.#statement(`SELECT count(*) FROM ideas i ${where.sql}`).pluck().get(where.params) as number;
      const page = clampPage(requested, total, size);
      const ids = this.#ids(`${where.sql} ORDER BY ${ORDER_BY[sort]} LIMIT @limit OFFSET @offset`, { ...where.params, limit: size, offset: (page - 1) * size });
      return { ideas: this.#fetch(ids), page, total };
    });
  }

  /**
   * Page `requested` of `size` ideas (clamped by `clampPage`) that match `filter`, in its order, and how many match.
   * For the inbox's list: reads the count and one page, except under the title order (see the module's comment).
   */
  page(filter: IdeaFilter, requested: number, size: number): IdeaPage {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size ${size}`);
    return this.#page(filter, requested, size);
  }

  /**
   * Every idea that matches `filter`, in the same order as `page` lists them, read at once. The export streams instead
   * (`ids`, then `byIds` a chunk at a time); this whole list is the reference its tests compare with.
   */
  all(filter: IdeaFilter): StoredIdea[] {
    const where = whereOf(filter);
    const sort = sortOf(filter);
    const rows = this.#statement(`${SELECT_IDEA} ${where.sql} ORDER BY ${ORDER_BY[sort === 'title' ? 'newest' : sort]}`)
      .all(where.params) as IdeaRow[];
    return (sort === 'title' ? rows.sort((a, b) => byTitle(a.title, b.title)) : rows).map(toStored);
  }

  /**
   * The ids of every idea that matches `filter`, in the order `page` lists them. For the streamed CSV export: it reads
   * these once, then its rows a chunk at a time with `byIds`, so that no single read holds the event loop for every row.
   */
  ids(filter: IdeaFilter): readonly string[] {
    return this.#ordered(whereOf(filter), sortOf(filter));
  }

  /** The ideas with these ids, in the order of the ids (an id with no idea is left out): one chunk of the export. */
  byIds(ids: readonly string[]): StoredIdea[] {
    return this.#fetch(ids);
  }

  /** Every matching id in the order `sort`: sorted here for the title order, else by SQLite. */
  #ordered(where: Where, sort: IdeaSort): readonly string[] {
    return sort === 'title' ? this.#titleOrder(where) : this.#ids(`${where.sql} ORDER BY ${ORDER_BY[sort]}`, where.params);
  }

  /** The ids of `ideas i` after `rest` (WHERE, ORDER BY, LIMIT), in order. */
  #ids(rest: string, params: Record<string, string | number>): string[] {
    return this.#statement(`SELECT i.id FROM ideas i ${rest}`).pluck().all(params) as string[];
  }

  /**
   * The ids of the matching ideas in the title order: read newest first, then sorted stably by title. The sort is
   * most of a title-ordered page's time (about 40 of 75 ms at 50,000 ideas), so its result is kept for the next pages
   * while nothing has been written. "Written" is two counters: `total_changes()`, which every write on this
   * connection (the server's) moves on — a new idea, a status, a sign-in — and `PRAGMA data_version`, which moves
   * when another connection commits (an import script, the `sqlite3` shell, a test). Either moving drops every kept
   * order. Never call it inside a write transaction: a write rolled back would leave `total_changes()` moved on, which
   * is harmless (a fresh sort), but an order kept from inside it would outlive the rollback.
   */
  #titleOrder(where: Where): readonly string[] {
    const generation = `${this.#statement('SELECT total_changes()').pluck().get() as number}/${this.#statement('PRAGMA data_version').pluck().get() as number}`;
    if (generation !== this.#generation) {
      this.#sorted.clear();
      this.#generation = generation;
    }
    const key = `${where.sql} ${JSON.stringify(where.params)}`;
    const kept = this.#sorted.get(key);
    if (kept) return kept;
    // Arrays rather than objects: a third less time for 50,000 rows.
    const rows = this.#statement(`SELECT i.id, i.title FROM ideas i ${where.sql} ORDER BY ${ORDER_BY.newest}`)
      .raw()
      .all(where.params) as [id: string, title: string][];
    const ids = rows.sort((a, b) => byTitle(a[1], b[1])).map(([id]) => id);
    // A few filters' orders at most (each about 3 MB at 50,000 ideas); the oldest kept goes first.
    if (this.#sorted.size >= SORTED_KEPT) this.#sorted.delete(this.#sorted.keys().next().value!);
    this.#sorted.set(key, ids);
    return ids;
  }

  /** The ideas with these ids, in the order of the ids. */
  #fetch(ids: readonly string[]): StoredIdea[] {
    if (ids.length === 0) return [];
    const rows = this.#statement(`${SELECT_IDEA} WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IdeaRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toStored(row)] : [];
    });
  }

  /**
   * A prepared statement for SQL built from the constants above; each distinct text is prepared once (a few dozen at
   * most: which filters are present times the orders). Each text is used in one mode only (`pluck`, `raw` or rows).
   */
  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
