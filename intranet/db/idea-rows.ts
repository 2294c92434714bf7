/**
 * An idea's row in SQLite and the object the server works with, in one place for the repository
 * (`ideas-repo.ts`) and the inbox's queries (`idea-query.ts`).
 */
import type { IdeaKind, IdeaStatus, Lang, RemoteIdea } from '../../shared/domain/idea';

/** A row of `ideas` joined with its author's name, as the `SELECT_IDEA` queries return it. */
export interface IdeaRow {
  id: string;
  author_id: string;
  author_name: string;
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

/**
 * The columns of an idea and its author's name, from `ideas i`; a query adds its WHERE and ORDER BY.
 * Every idea has its author (a foreign key, and users are never deleted), so the join drops none.
 */
export const SELECT_IDEA = 'SELECT i.*, u.name AS author_name FROM ideas i JOIN users u ON u.id = i.author_id';

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

/** A row as the server's object; the row's other columns (`search_text`) stay behind. */
export const toStored = (row: IdeaRow): StoredIdea => ({
  idea: toIdea(row),
  authorId: row.author_id,
  authorName: row.author_name,
  contentKey: row.content_key,
});
