/**
 * The Ideas API v1 client's contract (DESIGN section 7, intranet/openapi.yaml).
 */
import type { Challenge, IdeaContent, Me, RemoteIdea } from '../domain/idea';

export interface IdeasApi {
  /** `PUT /ideas/{id}`: idempotent create. Resolves with the intranet's copy; throws ApiError. */
  putIdea(id: string, content: IdeaContent, signal?: AbortSignal): Promise<{ created: boolean; idea: RemoteIdea }>;
  getIdea(id: string, signal?: AbortSignal): Promise<RemoteIdea>;
  listMyIdeas(signal?: AbortSignal): Promise<RemoteIdea[]>;
  listChallenges(signal?: AbortSignal): Promise<Challenge[]>;
  me(signal?: AbortSignal): Promise<Me>;
}
