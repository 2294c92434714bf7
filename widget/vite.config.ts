/**
 * The widget's library build: one fully minified ES module, `dist/widget/idesluss-widget.js`, with
 * Lit, idb, signals-core and the shared core inlined (an intranet page loads one file), plus its
 * hand-written type declarations `dist/widget/idesluss-widget.d.ts`.
 * Run through `npm run build:widget`, which then prints the sizes (scripts/widget-size.mjs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Emits widget/types/idesluss-widget.d.ts.in as idesluss-widget.d.ts next to the bundle. It is not a
 * .d.ts in the tree because the project's type check already sees the real element in the tag map.
 */
function declarations(): Plugin {
  return {
    name: 'idesluss-widget-declarations',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'idesluss-widget.d.ts', source: readFileSync(here('./types/idesluss-widget.d.ts.in'), 'utf8') });
    },
  };
}

/**
 * Lit keeps template literals verbatim, indentation included. In the minified chunk, raw newlines
 * occur only inside template literals (html and css templates, a few messages), where a newline
 * plus indentation means the same as one newline (no <pre>, no textarea content). The css template
 * in styles.ts is compacted around braces, semicolons and commas.
 */
function compactLiterals(): Plugin {
  return {
    name: 'idesluss-compact-literals',
    transform(code, id) {
      if (!id.endsWith('/widget/idesluss-widget/styles.ts')) return null;
      return code.replace(/css`([^`]*)`/, (_, text: string) => `css\`${text.replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').trim()}\``);
    },
    renderChunk(code) {
      return code.replace(/\n[ \t]+/g, '\n');
    },
  };
}

export default defineConfig({
  root: here('..'),
  publicDir: false,
  logLevel: 'warn',
  // Library mode keeps `process.env.NODE_ENV` as is; a browser page has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [compactLiterals(), declarations()],
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    copyPublicDir: false,
    lib: {
      entry: here('./index.ts'),
      formats: ['es'],
      fileName: () => 'idesluss-widget.js',
    },
    // Vite 8 library mode keeps whitespace in ES output; this minifies fully (TOOLCHAIN.md).
    rolldownOptions: { output: { minify: true } },
  },
});
