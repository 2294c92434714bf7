/**
 * Transfer sizes for `npm run bench`, measured from the build itself and independent of the
 * widget's size gate (scripts/widget-size.mjs exits 1 past its budget; this never does):
 *
 * - the widget module `dist/widget/idesluss-widget.js`, gzip and brotli (same settings as the gate);
 * - every JavaScript file the popup page loads: `popup.html`'s module scripts and modulepreloads,
 *   and, recursively, each chunk's static and dynamic imports; each file gzipped on its own, summed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measure } from './widget-size.mjs';

/** Root-relative paths of the scripts an HTML page loads. */
function pageScripts(html) {
  const found = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) found.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) found.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) found.push(m[1]);
  return found.map((p) => posix.normalize(`/${p.replace(/^\.\//, '')}`));
}

/** Module specifiers a minified ES module imports: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
function moduleImports(code) {
  const out = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) out.push(m[1]);
  return out;
}

/** Every JS file `page` (e.g. `popup.html`) in `dir` loads, with each file's gzip size. */
export function pageJavaScript(dir, page) {
  const seen = new Map();
  const queue = pageScripts(readFileSync(join(dir, page), 'utf8'));
  while (queue.length > 0) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`${page} loads ${path}, which is not in ${dir}`);
    const bytes = readFileSync(file);
    seen.set(path, { path: relative(dir, file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    for (const spec of moduleImports(bytes.toString('utf8'))) queue.push(posix.normalize(posix.join(posix.dirname(path), spec)));
  }
  const files = [...seen.values()];
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0), raw: files.reduce((sum, f) => sum + f.raw, 0) };
}

/** The size keys of the report, plus the per-file detail for its samples. */
export function measureSizes({ widgetFile = 'dist/widget/idesluss-widget.js', extensionDir = '.output/chrome-mv3' } = {}) {
  const widget = measure(readFileSync(widgetFile));
  const popup = pageJavaScript(extensionDir, 'popup.html');
  return {
    figures: { widget_gzip_bytes: widget.gzip, widget_brotli_bytes: widget.brotli, popup_js_gzip_bytes: popup.gzip },
    samples: { widget_raw_bytes: widget.raw, popup_js_raw_bytes: popup.raw, popup_js_files: popup.files },
  };
}
