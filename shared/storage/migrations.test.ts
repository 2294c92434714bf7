import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDraftStore } from './draft-store';
import * as v1 from './fixtures/v1';
import { openDatabase } from './open-database';
import { DB_VERSION, MIGRATIONS, type Migration } from './schema';
import { requestDone, uniqueDbName } from './test-helpers';

/** One fixture per earlier schema version. Add the next one here when v3 ships. */
const FIXTURES = [{ ...v1, createStores: v1.createV1Stores }];

/** Writes a fixture with raw IndexedDB at its own version, as that release would have. */
async function createFixtureDb(factory: IDBFactory, name: string, fixture: (typeof FIXTURES)[number]) {
  const open = factory.open(name, fixture.version);
  open.onupgradeneeded = () => fixture.createStores(open.result);
  const db = await requestDone(open);
  const tx = db.transaction(['drafts', 'challenges', 'meta'], 'readwrite');
  for (const record of fixture.drafts) tx.objectStore('drafts').put(record);
  tx.objectStore('challenges').put(fixture.challenges.value, fixture.challenges.key);
  for (const { key, value } of fixture.meta) tx.objectStore('meta').put(value, key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('schema migrations', () => {
  it('has a fixture for every earlier version', () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  for (const fixture of FIXTURES) {
    for (let target = fixture.version + 1; target <= DB_VERSION; target++) {
      it(`keeps every v${fixture.version} record when migrated to v${target}`, async () => {
        const factory = new IDBFactory();
        const name = uniqueDbName('migrate');
        await createFixtureDb(factory, name, fixture);

        const db = await openDatabase({ name, indexedDB: factory, version: target });
        const drafts = (await db.getAll('drafts')) as unknown as Record<string, unknown>[];
        expect(drafts).toHaveLength(fixture.drafts.length);
        // Every field of every record is still there with its value (backfills only add).
        for (const original of fixture.drafts) {
          expect(drafts.find((d) => d.id === original.id)).toMatchObject(original);
        }
        expect(await db.get('challenges', fixture.challenges.key)).toEqual(fixture.challenges.value);
        for (const { key, value } of fixture.meta) expect(await db.get('meta', key)).toEqual(value);
        db.close();
      });
    }

    it(`serves v${fixture.version} data through the current DraftStore`, async () => {
      const factory = new IDBFactory();
      const name = uniqueDbName('migrate');
      await createFixtureDb(factory, name, fixture);
      const store = await openDraftStore({ name, indexedDB: factory });
      const list = await store.list();
      expect(list.map((r) => r.id).sort()).toEqual(fixture.drafts.map((r) => r.id).sort());
      for (const record of list) {
        expect(record.attempts).toBeTypeOf('number');
        expect(record.updatedAt).toBeTypeOf('number');
        expect(record.content.lang).toBe('sv');
      }
      // The new index works on migrated rows: newest `updatedAt` first.
      const times = list.map((r) => r.updatedAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect((await store.listByState('queued')).map((r) => r.id)).toEqual([fixture.drafts[1]!.id]);
      store.close();
    });
  }

  it('a failing migration leaves the old version and its data untouched', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName('migrate');
    await createFixtureDb(factory, name, FIXTURES[0]!);
    const broken: Migration = async (_db, tx) => {
      await tx.objectStore('drafts').clear();
      throw new Error('bug in v2');
    };
    await expect(openDatabase({ name, indexedDB: factory, version: 2, migrations: [MIGRATIONS[0]!, broken] })).rejects.toMatchObject({
      code: 'unknown',
      message: expect.stringContaining('bug in v2'),
    });
    const db = await requestDone(factory.open(name));
    expect(db.version).toBe(1);
    const count = await requestDone(db.transaction('drafts').objectStore('drafts').count());
    expect(count).toBe(FIXTURES[0]!.drafts.length);
    db.close();
  });
});
