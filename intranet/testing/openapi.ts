/**
 * Checks HTTP responses against intranet/openapi.yaml, for tests: the status must be documented for
 * the operation, the media type must match, and a JSON body must satisfy its schema. The schema
 * checker covers exactly the JSON Schema subset the document uses and throws on any other keyword,
 * so the document cannot silently rely on something this file does not check.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;
type Spec = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown> & { servers?: { url: string }[] }>;
  components: Record<string, Record<string, unknown>>;
};

const SPEC_PATH = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** The parsed OpenAPI document. */
export function loadSpec(path: string = SPEC_PATH): Spec {
  return parse(readFileSync(path, 'utf8')) as Spec;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const ANNOTATIONS = new Set(['description', 'default', 'example', 'examples', 'title', 'summary', 'deprecated', 'readOnly', 'writeOnly']);
const CHECKED = new Set(['$ref', 'allOf', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items',
  'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum']);

const FORMATS: Record<string, (s: string) => boolean> = {
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  'date-time': (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(s)),
  uri: (s) => { try { new URL(s); return true; } catch { return false; } },
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Validates against the supported JSON Schema subset. Returns messages (empty when valid). */
export function validateSchema(spec: Spec, schema: Schema, value: unknown, at = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`openapi.yaml uses "${key}" at ${at}; the test validator does not check it`);
  }
  if (typeof schema.$ref === 'string') {
    const [, , group, name] = schema.$ref.split('/');
    const target = spec.components[group!]?.[name!] as Schema | undefined;
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return validateSchema(spec, target, value, at);
  }
  const errors: string[] = [];
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...validateSchema(spec, part, value, at));
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [...errors, `${at}: expected ${types.join('|')}, got ${actual}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) errors.push(`${at}: expected const ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
    if (typeof schema.format === 'string') {
      const check = FORMATS[schema.format];
      if (!check) throw new Error(`unsupported format ${schema.format}`);
      if (!check(value)) errors.push(`${at}: not a ${schema.format}: ${JSON.stringify(value)}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validateSchema(spec, schema.items as Schema, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in object)) errors.push(`${at}: missing ${name}`);
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...validateSchema(spec, properties[name], item, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${name}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validateSchema(spec, schema.additionalProperties as Schema, item, `${at}.${name}`));
    }
  }
  return errors;
}

/** The operation a request hits: its path template, the operation object and the path parameters. */
export function findOperation(spec: Spec, method: string, pathname: string): { template: string; operation: Record<string, unknown> } | undefined {
  for (const [path, item] of Object.entries(spec.paths)) {
    const prefix = (item.servers ?? spec.servers ?? [{ url: '/' }])[0]!.url.replace(/\/$/, '');
    const pattern = new RegExp(`^${(prefix + path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    const operation = item[method.toLowerCase()];
    if (pattern.test(pathname) && METHODS.includes(method.toLowerCase()) && operation) return { template: path, operation: operation as Record<string, unknown> };
  }
  return undefined;
}

/** True when the document describes this path at all (any method). */
export function isDescribedPath(spec: Spec, pathname: string): boolean {
  return METHODS.some((m) => findOperation(spec, m, pathname));
}

export interface SeenResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  body: string;
}

function resolve(spec: Spec, node: Schema): Schema {
  if (typeof node.$ref !== 'string') return node;
  const [, , group, name] = node.$ref.split('/');
  return resolve(spec, spec.components[group!]![name!] as Schema);
}

/**
 * Checks one response. Returns [] when it conforms, messages when it does not, and undefined when
 * the path is not part of the documented API (HTML pages, static files).
 */
export function checkResponse(spec: Spec, r: SeenResponse): string[] | undefined {
  const { pathname } = new URL(r.url);
  if (!isDescribedPath(spec, pathname) && !pathname.startsWith((spec.servers?.[0]?.url ?? '/') + '/')) return undefined;
  if (r.method === 'OPTIONS') return [];
  const where = `${r.method} ${pathname} → ${r.status}`;
  const found = findOperation(spec, r.method, pathname);
  const responses = (found?.operation.responses ?? {}) as Record<string, Schema>;
  const documented = responses[String(r.status)] ?? responses.default;
  if (!documented) {
    // Paths or methods the document does not have: the server answers 404/405 problem+json.
    if (!found && (r.status === 404 || r.status === 405 || r.status === 403) && r.contentType?.startsWith('application/problem+json')) {
      return validateSchema(spec, { $ref: '#/components/schemas/Problem' }, JSON.parse(r.body)).map((e) => `${where}: ${e}`);
    }
    return [`${where}: status not documented`];
  }
  const response = resolve(spec, documented);
  const content = response.content as Record<string, { schema?: Schema }> | undefined;
  if (!content) return r.body === '' ? [] : [`${where}: documented without a body, but one was sent`];
  const mediaType = (r.contentType ?? '').split(';')[0]!.trim();
  const media = content[mediaType];
  if (!media) return [`${where}: content type ${mediaType || '(none)'} not documented (${Object.keys(content).join(', ')})`];
  if (!media.schema) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.body);
  } catch {
    return [`${where}: body is not JSON`];
  }
  return validateSchema(spec, media.schema, parsed).map((e) => `${where}: ${e}`);
}

let cached: Spec | undefined;

/**
 * `fetch` that checks every response of the documented API against openapi.yaml and throws on a
 * mismatch, so any test using it fails when the server and the document disagree.
 */
export async function checkedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const body = await response.clone().text();
  cached ??= loadSpec();
  const method = (init?.method ?? 'GET').toUpperCase();
  const problems = checkResponse(cached, { method, url: response.url || String(input), status: response.status, contentType: response.headers.get('Content-Type'), body });
  if (problems && problems.length > 0) throw new Error(`Response does not conform to openapi.yaml:\n${problems.join('\n')}\n${body.slice(0, 500)}`);
  return response;
}
