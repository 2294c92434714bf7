/**
 * The Ideas API v1 client's contract (DESIGN section 7, intranet/openapi.yaml).
 */
import type { Challenge, IdeaContent, Me, RemoteIdea } from '../domain/idea';

export interface IdeasApi {
  /**
   * The API's address, when known (`createIdeasApi` sets it). It keys what is remembered per intranet, such as the
   * last refresh of challenges: an attempt at a mistyped intranet address must not stand in for the right one.
   */
  readonly baseUrl?: string;
  /** `PUT /ideas/{id}`: idempotent create. Resolves with the intranet's copy; throws ApiError. */
  putIdea(id: string, content: IdeaContent, signal?: AbortSignal): Promise<{ created: boolean; idea: RemoteIdea }>;
  getIdea(id: string, signal?: AbortSignal): Promise<RemoteIdea>;
  listMyIdeas(signal?: AbortSignal): Promise<RemoteIdea[]>;
  listChallenges(signal?: AbortSignal): Promise<Challenge[]>;
  me(signal?: AbortSignal): Promise<Me>;
}
