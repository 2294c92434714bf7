#!/usr/bin/env node
/**
 * Where the widget's bytes come from: builds `widget/vite.config.ts` once more with a source map
 * (into a temporary directory, `dist/` is left alone), gives every minified character to the source
 * module its mapping points at, and prints per module: minified bytes, that text gzipped alone, and
 * that figure scaled so the column adds up to the whole file's gzip size (gzip shares a dictionary
 * across modules, so the scaled column is an estimate). Then the same by group.
 *
 *   node scripts/widget-attribution.mjs [rows]     default: every module
 *
 * Approximate by design: the build's last step compacts newlines inside templates without a map, so
 * a few characters near template literals land on a neighbour. Used for docs/adr/007-widget-build-and-budget.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` into [line, column, sourceIndex] triples (generated positions). */
function decodeMappings(mappings) {
  const out = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      out.push([lineIndex, column, fields.length > 1 ? source : -1]);
    }
  });
  return out;
}

/** The group a module belongs to in the ADR's table. */
function groupOf(name) {
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(name)) return 'Lit';
  if (name.includes('@preact/signals-core')) return 'signals-core';
  if (name.includes('node_modules/idb/')) return 'idb';
  if (name.includes('node_modules/')) return 'other libraries';
  if (name.startsWith('shared/i18n/')) return 'messages (sv + en)';
  if (name.startsWith('shared/')) return 'shared core';
  return 'widget UI, styles, glue';
}

const gz = (text) => gzipSync(text, { level: 9 }).length;

async function main() {
  const limit = Number(process.argv[2] ?? Infinity);
  const outDir = mkdtempSync(join(tmpdir(), 'widget-attribution-'));
  try {
    await build({ configFile: resolve('widget/vite.config.ts'), logLevel: 'error', build: { outDir, sourcemap: true } });
    const code = readFileSync(join(outDir, 'idesluss-widget.js'), 'utf8');
    const map = JSON.parse(readFileSync(join(outDir, 'idesluss-widget.js.map'), 'utf8'));
    const lineStarts = [0];
    for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
    const names = map.sources.map((s) => relative(process.cwd(), resolve(outDir, map.sourceRoot ?? '', s)));
    const owner = new Array(code.length).fill('(no mapping: styles, helpers)');
    const marks = decodeMappings(map.mappings).map(([line, column, source]) => [lineStarts[line] + column, source]);
    marks.forEach(([start, source], i) => {
      const end = marks[i + 1]?.[0] ?? code.length;
      if (source >= 0) for (let k = start; k < end; k++) owner[k] = names[source];
    });
    const texts = new Map();
    owner.forEach((name, k) => texts.set(name, (texts.get(name) ?? '') + code[k]));
    const total = gz(code);
    const rows = [...texts].map(([name, text]) => ({ name, raw: text.length, alone: gz(text) }));
    const sum = rows.reduce((n, r) => n + r.alone, 0);
    rows.forEach((r) => (r.scaled = Math.round((r.alone * total) / sum)));
    rows.sort((a, b) => b.scaled - a.scaled);
    console.log(`whole file: raw ${code.length} B, gzip ${total} B\n\n| module | minified B | gzip alone B | ≈ share of gzip B |\n|---|---|---|---|`);
    for (const r of rows.slice(0, limit)) console.log(`| ${r.name} | ${r.raw} | ${r.alone} | ${r.scaled} |`);
    const groups = new Map();
    for (const r of rows) {
      const g = groups.get(groupOf(r.name)) ?? { raw: 0, scaled: 0 };
      g.raw += r.raw;
      g.scaled += r.scaled;
      groups.set(groupOf(r.name), g);
    }
    console.log('\n| group | minified B | ≈ share of gzip B |\n|---|---|---|');
    for (const [name, g] of [...groups].sort((a, b) => b[1].scaled - a[1].scaled)) console.log(`| ${name} | ${g.raw} | ${g.scaled} |`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
