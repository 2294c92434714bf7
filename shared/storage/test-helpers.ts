/**
 * Test helpers for the storage layer (imported only by *.test.ts; not part of the runtime API).
 */
import type { DraftRecord } from '../domain/draft';
import { emptyContent } from '../domain/idea';

let counter = 0;

/** A unique database name per test, so tests never see each other's data. */
export function uniqueDbName(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** A complete draft record with the given id and overrides. */
export function draftRecord(id: string, overrides: Partial<DraftRecord> = {}): DraftRecord {
  return { id, state: 'draft', content: { ...emptyContent('sv'), title: `Idé ${id}` }, createdAt: 1, updatedAt: 1, attempts: 0, ...overrides };
}

/** Promise wrapper for a raw IDBRequest (fixtures are written without idb). */
export function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
