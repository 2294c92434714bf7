import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Proves that the dependency rule of DESIGN section 2 is enforced by the linter, not by hope. */
const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('dependency rule', () => {
  it.each([
    ["import { h } from 'preact';\nexport const x = h;", 'shared/domain/bad.ts', 'no-restricted-imports'],
    ["import { LitElement } from 'lit';\nexport const x = LitElement;", 'shared/sync/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../../entrypoints/popup/x';\nexport const y = x;", 'shared/sync/bad.ts', 'no-restricted-imports'],
    ['export const x = chrome.runtime.id;', 'shared/sync/bad.ts', 'no-restricted-globals'],
    ['export const x = document.title;', 'shared/models/bad.ts', 'no-restricted-globals'],
    ["import { x } from '../widget/x';\nexport const y = x;", 'entrypoints/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../entrypoints/x';\nexport const y = x;", 'widget/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../shared/sync/sync-engine';\nexport const y = x;", 'intranet/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../shared/config/settings';\nexport const y = x;", 'intranet/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../../shared/storage';\nexport const y = x;", 'intranet/db/bad.ts', 'no-restricted-imports'],
    ["import { x } from '../shared/domainish/x';\nexport const y = x;", 'intranet/bad.ts', 'no-restricted-imports'],
    ['export const x = location.href;', 'shared/config/bad.ts', 'no-restricted-globals'],
    ["export const x = sessionStorage.getItem('k');", 'shared/storage/bad.ts', 'no-restricted-globals'],
    ["export const x = localStorage.getItem('k');", 'shared/storage/bad.ts', 'no-restricted-globals'],
    ['export const x = globalThis.document;', 'shared/models/bad.ts', 'no-restricted-properties'],
    ['export const x = self.document;', 'shared/models/bad.ts', 'no-restricted-properties'],
    ['export const x = globalThis.window;', 'shared/models/bad.ts', 'no-restricted-properties'],
    ['export const x = self.window;', 'shared/models/bad.ts', 'no-restricted-properties'],
    ['export const x = globalThis.location.href;', 'shared/api/bad.ts', 'no-restricted-properties'],
    ["export const x = globalThis.sessionStorage.getItem('k');", 'shared/storage/bad.ts', 'no-restricted-properties'],
    ['export function f(el: HTMLElement, s: string) { el.innerHTML = s; }', 'widget/bad.ts', 'no-restricted-syntax'],
    // Adapters take shared/api, shared/storage and shared/sync through their barrels.
    ["import { SyncEngine } from '../shared/sync/sync-engine';\nexport const x = SyncEngine;", 'widget/bad.ts', 'no-restricted-imports'],
    ["import { createIdeasApi } from '../shared/api/index';\nexport const x = createIdeasApi;", 'widget/bad.ts', 'no-restricted-imports'],
    ["import type { DraftStore } from '../../shared/storage/types';\nexport type X = DraftStore;", 'entrypoints/lib/bad.ts', 'no-restricted-imports'],
    ["import { sendOrder } from '../../shared/sync/transitions';\nexport const x = sendOrder;", 'entrypoints/popup/bad.tsx', 'no-restricted-imports'],
  ])('rejects %s in %s', async (code, file, rule) => {
    expect(await messagesFor(code, file)).toContain(rule);
  });

  it('accepts what the rule allows', async () => {
    expect(await messagesFor("import { openDB } from 'idb';\nexport const x = openDB;", 'shared/storage/ok.ts')).toEqual([]);
    expect(await messagesFor("import { validateIdea } from '../shared/domain/validation';\nexport const x = validateIdea;", 'intranet/ok.ts')).toEqual([]);
    expect(await messagesFor("import { sv } from '../../shared/i18n/messages/common';\nexport const x = sv;", 'intranet/pages/ok.ts')).toEqual([]);
    expect(await messagesFor("import { SyncEngine } from '../shared/sync';\nexport const x = SyncEngine;", 'widget/ok.ts')).toEqual([]);
    expect(await messagesFor("import { StorageError } from '../../shared/storage';\nexport const x = StorageError;", 'entrypoints/popup/ok.tsx')).toEqual([]);
    // Test helpers are no part of a barrel; shared/i18n's helpers come from their own files (its index is the catalogue).
    expect(await messagesFor("import { uniqueDbName } from '../../shared/storage/test-helpers';\nexport const x = uniqueDbName;", 'entrypoints/lib/ok.test.ts')).toEqual([]);
    expect(await messagesFor("import { FakeIdeasServer } from '../../shared/sync/testing/fake-server';\nexport const x = FakeIdeasServer;", 'entrypoints/lib/ok.test.ts')).toEqual([]);
    expect(await messagesFor("import { failureText } from '../shared/i18n/failure-text';\nexport const x = failureText;", 'widget/ok.ts')).toEqual([]);
    // What windows and workers both have stays allowed in shared/.
    expect(await messagesFor('export const x = globalThis.indexedDB ?? globalThis.crypto;', 'shared/storage/ok.ts')).toEqual([]);
  });
});
