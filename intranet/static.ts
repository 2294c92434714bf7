/**
 * Static files: the built widget (`dist/widget/`) at /widget/, compressed when the browser takes
 * it, the intranet's stylesheet at
 * /assets/intranet.css and its icon at /favicon.svg. A missing widget build answers 404 and the
 * pages still work.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib';
import type { AppEnv } from './context';
import { INTRANET_CSS } from './pages/styles';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The intranet's own icon (a house on its blue), not Idésluss's: the demo pages stand for the municipality's site. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#005ea5"/>' +
  '<path d="M16 6 5 15h3v11h6v-7h4v7h6V15h3z" fill="#fff"/></svg>';

/** The file under `root` for a URL path, or undefined when it would leave `root`. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${sep}${decoded}`);
  return file.startsWith(base + sep) ? file : undefined;
}

/** Mounts /assets/intranet.css, /favicon.svg (and /favicon.ico, which browsers ask for unbidden) and /widget/* (from `widgetDir`). */
export function staticRoutes(widgetDir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const favicon = () => new Response(FAVICON_SVG, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' } });
  app.get('/favicon.svg', favicon);
  app.get('/favicon.ico', favicon);
  app.get('/assets/intranet.css', (c) =>
    c.body(INTRANET_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' }));

  // Compressed ahead, at start (brotli at its best takes some 80 ms): the first page view does not wait for it.
  const widgetFile = resolveInside(widgetDir, 'idesluss-widget.js')!; // the key the route's requests use
  void stat(widgetFile)
    .then((info) => Promise.all([compressedOnce(widgetFile, info, 'br'), compressedOnce(widgetFile, info, 'gzip')]))
    .catch(() => undefined); // no build yet, or one being written: the first request tries again

  // `no-cache` with an ETag: a browser revalidates on every page view and gets a 304 instead of
  // the whole widget again, and a new build shows at once.
  app.use('/widget/*', etag());
  app.get('/widget/*', async (c) => {
    const file = resolveInside(widgetDir, c.req.path.slice('/widget/'.length));
    const type = file ? TYPES[extname(file)] : undefined;
    const info = file && type ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !type || !info?.isFile()) {
      // Only the widget's own script missing means "not built"; any other path is simply not here.
      const text = file === widgetFile ? 'Widgeten är inte byggd (npm run build:widget).' : 'Filen finns inte.';
      return c.text(text, 404, { 'X-Content-Type-Options': 'nosniff' });
    }
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    const body = encoding ? await compressedOnce(file, info, encoding) : await readFile(file);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
  });
  return app;
}

/**
 * Brotli where the browser takes it, else gzip: the widget is about 96 KB as built and 29–33 KB
 * compressed (README, "Deploying"). The ETag is computed over the bytes sent, so each encoding has
 * its own and a 304 never answers for the other.
 */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  // `gzip;q=0` refuses gzip (RFC 9110 12.5.3); any other weight accepts it.
  const offered = (accept ?? '').toLowerCase().split(',').flatMap((part) => {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return q && Number(q.slice(2)) === 0 ? [] : [name];
  });
  if (offered.includes('br')) return 'br';
  return offered.includes('gzip') ? 'gzip' : undefined;
}

/**
 * Each build of a file (its modification time and size) is compressed once per encoding, not on every
 * request; requests that come while it is being compressed wait for that one.
 */
const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();

function compressedOnce(file: string, info: { mtimeMs: number; size: number }, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const key = `${encoding} ${file}`;
  const version = `${info.mtimeMs} ${info.size}`;
  const cached = compressed.get(key);
  if (cached?.version === version) return cached.body;
  const body = readFile(file).then((raw) =>
    encoding === 'br'
      ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzip(raw, { level: 9 }),
  );
  compressed.set(key, { version, body });
  // A failed read (the build being rewritten) is not kept as the answer.
  body.catch(() => compressed.get(key)?.body === body && compressed.delete(key));
  return body;
}
