/**
 * The widget's library build: one fully minified ES module, `dist/widget/idesluss-widget.js`, with
 * lit-html, idb, signals-core and the shared core inlined (an intranet page loads one file), plus its
 * hand-written type declarations `dist/widget/idesluss-widget.d.ts`.
 * Run through `npm run build:widget`, which then prints the sizes (scripts/widget-size.mjs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
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
 * Puts V8's explicit compile hint `//# allFunctionsCalledOnLoad` on the first line of the shipped
 * file, after minification (which drops comments). Chromium then compiles every function of the
 * widget eagerly, while the module is streamed (off the main thread), and keeps them all in the
 * code cache; without it, each function the widget's idle start calls is compiled lazily on the
 * main thread at every page load, since the code cache holds only what ran before it was made.
 * Measured (docs/adr/018-widget-compile-hints.md): the host page's added script time 10.8 → 6.1 ms
 * warm, 14.1 → 9.1 ms cold. Other engines read it as a comment.
 */
function compileHints(): Plugin {
  return {
    name: 'idesluss-compile-hints',
    generateBundle(options, bundle) {
      // The hint is a line the source map does not know: with a map (scripts/widget-attribution.mjs), every mapping
      // would point one line off.
      if (options.sourcemap) return;
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
      }
    },
  };
}

/**
 * Compacts the widget's one stylesheet: whitespace around punctuation, the last `;` of a block,
 * leading zeros of decimals (`0.5em` → `.5em`). Enough for hand-written CSS without strings that
 * contain these characters (styles.ts has none but font names, which keep their inner spaces).
 */
function compactCss(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>/]|!important)\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([^\w.])0\.(\d)/g, '$1.$2')
    .trim();
}

/**
 * lit-html keeps template literals verbatim, indentation included. In the minified chunk, raw
 * newlines occur only inside template literals (html templates, the stylesheet, a few messages),
 * where a newline plus indentation means the same as one newline (no <pre>, no textarea content).
 * The stylesheet in styles.ts, a plain template literal after a `css` marker comment, is compacted
 * around braces, semicolons and commas; the build fails if the marker is gone (nothing would be
 * compacted) or the CSS gains a `${}` (compactCss would rewrite inside the expression).
 */
function compactLiterals(): Plugin {
  return {
    name: 'idesluss-compact-literals',
    // Before Vite's TypeScript transform, which drops the marker comment.
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/widget/idesluss-widget/styles.ts')) return null;
      const stylesheet = /\/\* css \*\/ `([^`]*)`/;
      const text = stylesheet.exec(code)?.[1];
      if (text === undefined) throw new Error('styles.ts: no /* css */ `...` template to compact');
      if (text.includes('${')) throw new Error('styles.ts: the stylesheet must be plain CSS, without ${}');
      return code.replace(stylesheet, () => `\`${compactCss(text)}\``);
    },
    renderChunk(code) {
      return code.replace(/\n[ \t]+/g, '\n');
    },
  };
}

/**
 * A first minification pass with terser, over the whole chunk before Rolldown's own minifier (Oxc)
 * runs on it: terser's default compressions in three passes (no `unsafe*` option; `pure_getters`
 * off, since reading a signal's `.value` subscribes to it) find what Oxc alone leaves, about 350 B
 * gzip of the widget. Names are left to Oxc's mangler, which does better on terser's output.
 * Skipped in a build with a source map (scripts/widget-attribution.mjs): Rolldown does not chain
 * this hook's map onto the modules', so the attribution measures the chunk without this pass.
 */
function terserPass(): Plugin {
  return {
    name: 'idesluss-terser-pass',
    async renderChunk(code, _chunk, outputOptions) {
      if (outputOptions.sourcemap) return null;
      const result = await minify(code, { module: true, ecma: 2022, compress: { passes: 3, pure_getters: false }, mangle: false, format: { comments: false } });
      return result.code!;
    },
  };
}

/**
 * idb's one module ends with its async-iterator support (`for await (const cursor of store)`,
 * `store.iterate()`), installed as a side effect, so no tree-shaking drops it. Neither shared/ nor
 * widget/ iterates a cursor that way (the v2 migration steps with `continue()`), so the widget's
 * build cuts that block out; the extension keeps idb whole. The build fails if the block's shape
 * changes (an idb update), rather than cutting something else.
 */
function idbWithoutIterators(): Plugin {
  let cut = false;
  return {
    name: 'idesluss-idb-without-iterators',
    // If idb moves its module, the cut would silently not happen: fail the build instead.
    buildEnd(error) {
      if (!error && !cut) throw new Error('idb: its module was not seen at node_modules/idb/build/index.js (widget/vite.config.ts)');
    },
    transform(code, id) {
      if (!/\/node_modules\/idb\/build\/index\.js$/.test(id)) return null;
      cut = true;
      const start = code.indexOf('const advanceMethodProps = ');
      const end = code.indexOf('\nexport { deleteDB, openDB, unwrap, wrap };');
      const block = code.slice(start, end);
      if (start < 0 || end < start || !block.includes('async function* iterate(') || !block.trimEnd().endsWith('}));')) {
        throw new Error('idb: the async-iterators block is not where widget/vite.config.ts expects it');
      }
      return code.slice(0, start) + code.slice(end);
    },
  };
}

/**
 * signals-core's module sets up `Computed` (its prototype chain and `value` getter) as a side effect,
 * so no tree-shaking drops it, though nothing in shared/ or widget/ calls `computed()`: the models
 * keep plain signals and derive in their views. The widget's build cuts that setup out, and the
 * unused `computed` export then goes with it; the extension keeps signals-core whole. The build
 * fails if a module of the widget imports `computed` (it would get a broken one) or if the block's
 * shape changes (a signals-core update), rather than cutting something else.
 */
function signalsWithoutComputed(): Plugin {
  let cut = false;
  return {
    name: 'idesluss-signals-without-computed',
    buildEnd(error) {
      if (!error && !cut) throw new Error('signals-core: its module was not seen at node_modules/@preact/signals-core/dist/ (widget/vite.config.ts)');
    },
    transform(code, id) {
      if (!id.includes('/node_modules/')) {
        for (const [, names = ''] of code.matchAll(/(?:import|export)\s*(\*(?:\s*as\s+\w+)?|\{[^}]*\})\s*from\s*['"]@preact\/signals-core['"]/g)) {
          if (names.startsWith('*') || /\b[Cc]omputed\b/.test(names)) throw new Error(`${id}: the widget's build cuts signals-core's computed (widget/vite.config.ts)`);
        }
        return null;
      }
      if (!/\/node_modules\/@preact\/signals-core\/dist\/signals-core\.module\.js$/.test(id)) return null;
      cut = true;
      const computedClass = /\b(\w+) as Computed\b/.exec(code)?.[1];
      const computedFn = /\b(\w+) as computed\b/.exec(code)?.[1];
      const start = code.indexOf(`${computedClass}.prototype=new `);
      const end = code.indexOf(`function ${computedFn}(`);
      const block = code.slice(start, end);
      if (!computedClass || !computedFn || start < 0 || end < start || !block.includes(`Object.defineProperty(${computedClass}.prototype,"value"`) || code.slice(end).includes(`${computedClass}.prototype`)) {
        throw new Error('signals-core: the Computed block is not where widget/vite.config.ts expects it');
      }
      // Blanked rather than removed: every position stays where it was, and so does the source map.
      return { code: code.slice(0, start) + ' '.repeat(block.length) + code.slice(end), map: null };
    },
  };
}

export default defineConfig({
  root: here('..'),
  publicDir: false,
  logLevel: 'warn',
  // Library mode keeps `process.env.NODE_ENV` as is; a browser page has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [compactLiterals(), idbWithoutIterators(), signalsWithoutComputed(), declarations(), terserPass(), compileHints()],
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
    rolldownOptions: {
      output: {
        // Vite 8 library mode keeps whitespace in ES output; this minifies fully (TOOLCHAIN.md).
        // Property mangling follows the project's convention (docs/adr/007-widget-build-and-budget.md):
        // private members of shared/ and widget/ classes are named `_camelCase`, and nothing reads them
        // by string. Lit's own cross-version names start with `_$` and are left alone. The terser pass
        // turns `o["_x"]` into `o._x`, which this would then rename: keep `_x` keys out of quotes.
        minify: { compress: true, mangle: true, codegen: true, mangleProps: { include: /^_[a-z]/ } },
        // No `/* @__PURE__ */` annotations in the shipped file: it is loaded by a page, not re-bundled.
        comments: false,
      },
    },
  },
});
