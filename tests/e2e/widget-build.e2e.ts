/**
 * The built widget (after `npm run build`): one minified ES module within the size budget, its
 * type declarations, and deferred work — nothing touches IndexedDB before the host page's load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, ready, startWorld, widget, type WidgetWorld } from './support/widget';

const DIST = resolve('dist/widget');
const BUNDLE = join(DIST, 'idesluss-widget.js');

describe('the build', () => {
  it('is one minified ES module with its declarations and nothing else', () => {
    expect(readdirSync(DIST).sort()).toEqual(['idesluss-widget.d.ts', 'idesluss-widget.js']);
    const code = readFileSync(BUNDLE, 'utf8');
    expect(code).toMatch(/\bexport\s*\{/);
    expect(code).not.toMatch(/\bimport\s*[{*"'`(]|\bimport\s+\w+\s+from/); // no chunks, no bare imports
    expect(code).not.toMatch(/^[ \t]+\S/m); // minified: no indented line, not even inside templates
    expect(code).not.toMatch(/\/\*\*|^\s*\/\/ /m); // no comments
    expect(code).not.toMatch(/process\.env/);
    // V8's explicit compile hint, first line and only there (docs/adr/018-widget-compile-hints.md).
    expect(code.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(code.indexOf('allFunctionsCalledOnLoad', 10)).toBe(-1);
  });

  const measure = (budget?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'widget-size-'));
    try {
      const report = join(dir, 'size.json');
      const env = { ...process.env, IDESLUSS_WIDGET_SIZE_REPORT: report, ...(budget ? { IDESLUSS_WIDGET_BUDGET: String(budget) } : {}) };
      const run = spawnSync(process.execPath, ['scripts/widget-size.mjs'], { env, encoding: 'utf8' });
      const size = JSON.parse(readFileSync(report, 'utf8')) as { raw: number; gzip: number; brotli: number; budgetGzip: number; budgetMet: boolean; gateGzip: number; withinGate: boolean };
      return { run, size };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('has a size gate that prints raw, gzip and brotli and exits 1 one byte past it', () => {
    const { size } = measure();
    const atBudget = measure(size.gzip);
    expect(atBudget.run.status, atBudget.run.stderr).toBe(0);
    expect(atBudget.run.stdout).toMatch(/raw \d+ B .* gzip \d+ B .* brotli \d+ B/);
    const over = measure(size.gzip - 1);
    expect(over.run.status).toBe(1);
    expect(over.run.stderr).toMatch(/past the gate/);
    expect(over.size.withinGate).toBe(false);
  });

  // The budget is 16 KB gzip; today's widget misses it (ADR 007), so the build gates on a
  // ceiling just above today's size and reports the budget as met or missed on every build.
  it('stays within the gate of 33,536 B gzip and reports the 16 KB budget honestly', () => {
    const { run, size } = measure();
    expect(size.gateGzip).toBe(33_536);
    expect(size.gzip, run.stderr).toBeLessThanOrEqual(33_536);
    expect(run.status).toBe(0);
    expect(size.budgetGzip).toBe(16 * 1024);
    expect(size.budgetMet).toBe(size.gzip <= 16 * 1024);
    expect(run.stdout).toMatch(size.budgetMet ? /within the budget of 16384 B/ : /budget of 16384 B gzip MISSED by \d+ B/);
  });

  it('declares the element in HTMLElementTagNameMap and its events in the event map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'widget-dts-'));
    writeFileSync(join(dir, 'idesluss-widget.d.ts'), readFileSync(join(DIST, 'idesluss-widget.d.ts')));
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import type {} from './idesluss-widget';
const el = document.createElement('idesluss-widget');
const mode: 'inline' | 'launcher' = el.mode;
el.apiBase = '/api/idesluss/v1';
el.addEventListener('idesluss-sent', (e) => { const id: string = e.detail.id; void id; });
el.addEventListener('idesluss-saved', (e) => { const at: number = e.detail.at; void at; });
document.addEventListener('idesluss-submitted', (e) => { const id: string = e.detail.id; void id; });
// @ts-expect-error -- no such mode
el.mode = 'popup';
void mode;
`,
    );
    const program = ts.createProgram([join(dir, 'consumer.ts')], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    rmSync(dir, { recursive: true, force: true });
    expect(diagnostics).toEqual([]);
  });
});

describe('light on the host page', () => {
  let world: WidgetWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('opens IndexedDB only after the page has loaded', async () => {
    const page = await world.context.newPage();
    await page.addInitScript(() => {
      const log: string[] = ((window as unknown as { __log: string[] }).__log = []);
      addEventListener('load', () => log.push('load'));
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
        log.push(`open:${args[0]}`);
        return open.apply(this, args);
      };
    });
    await page.goto(world.url + PAGES.challenge);
    await ready(widget(page));
    const log = await page.evaluate(() => (window as unknown as { __log: string[] }).__log);
    expect(log[0]).toBe('load');
    expect(log.some((l) => l.startsWith('open:'))).toBe(true);
    await page.close();
  });
});
