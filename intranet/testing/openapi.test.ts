/**
 * The conformance checker itself: it must reject what does not match intranet/openapi.yaml (so the
 * integration tests that run every API response through it can fail), and the document must
 * describe every route the server has.
 */
import { describe, expect, it } from 'vitest';
import { checkResponse, findOperation, loadSpec, validateSchema } from './openapi';

const spec = loadSpec();
const idea = {
  id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', title: 'T', description: '', kind: 'idea', anonymous: false, lang: 'sv',
  status: 'received', createdAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z',
};
const base = 'http://127.0.0.1:1/api/idesluss/v1';
const check = (method: string, path: string, status: number, body: unknown, contentType = 'application/json') =>
  checkResponse(spec, { method, url: base + path, status, contentType, body: body === '' ? '' : JSON.stringify(body) });

describe('openapi.yaml', () => {
  it('describes every API operation the server has', () => {
    for (const [method, path] of <[string, string][]>[['PUT', '/ideas/x'], ['GET', '/ideas/x'], ['GET', '/ideas'], ['GET', '/challenges'], ['GET', '/me']]) {
      expect(findOperation(spec, method, `/api/idesluss/v1${path}`), `${method} ${path}`).toBeDefined();
    }
    expect(findOperation(spec, 'POST', '/auth/login')).toBeDefined();
    expect(findOperation(spec, 'POST', '/auth/logout')).toBeDefined();
  });

  it('accepts a conforming response', () => {
    expect(check('PUT', `/ideas/${idea.id}`, 201, idea)).toEqual([]);
    expect(check('GET', '/ideas?mine=true', 200, [idea])).toEqual([]);
  });

  it.each([
    ['an undocumented status', 'PUT', 418, idea, 'application/json'],
    ['a wrong media type', 'PUT', 201, idea, 'text/html'],
    ['a missing required field', 'PUT', 201, { ...idea, status: undefined }, 'application/json'],
    ['an unknown status value', 'PUT', 201, { ...idea, status: 'lost' }, 'application/json'],
    ['an extra property', 'PUT', 201, { ...idea, authorId: 'u-anna' }, 'application/json'],
    ['a bad date-time', 'PUT', 201, { ...idea, createdAt: 'igår' }, 'application/json'],
    ['a 422 without errors', 'PUT', 422, { type: 'x', title: 't', status: 422 }, 'application/problem+json'],
    ['a field error with an unknown code', 'PUT', 422, { type: 'x', title: 't', status: 422, errors: [{ field: 'title', code: 'nope', message: 'm' }] }, 'application/problem+json'],
  ])('rejects %s', (_name, method, status, body, contentType) => {
    expect(check(method, `/ideas/${idea.id}`, status, body, contentType)!.length).toBeGreaterThan(0);
  });

  it('ignores pages outside the API', () => {
    expect(checkResponse(spec, { method: 'GET', url: 'http://127.0.0.1:1/inkorg', status: 200, contentType: 'text/html', body: '' })).toBeUndefined();
  });

  it('refuses schema keywords it does not check', () => {
    expect(() => validateSchema(spec, { oneOf: [] }, 1)).toThrow(/oneOf/);
  });
});
