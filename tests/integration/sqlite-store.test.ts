import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { VersionConflict } from '../../server/store/types.ts';
import { tempDataDir } from '../support/server.ts';

const created = { type: 'session:created', at: 1, sessionId: 's1', code: 'ABC234', facilitatorKeyHash: 'h', config: {}, tables: [] } as unknown as DomainEvent;
const note = (i: number): DomainEvent => ({ type: 'note:added', at: i, noteId: `n${i}`, tableId: 't1', round: 1, authorId: 'p1', text: `Note ${i} `.repeat(20), kind: null });

describe('the SQLite store', () => {
  const open: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('appends only after the version the writer saw, and keeps the code unique', async () => {
    const store = new SqliteStore({ dataDir: tempDataDir() });
    open.push(store);
    expect(await store.create('s1', 'ABC234', [created])).toBe(true);
    expect(await store.create('s2', 'ABC234', [created])).toBe(false);
    await store.append('s1', 1, [note(1), note(2)]);
    const stale = store.append('s1', 1, [note(3)]);
    await expect(stale).rejects.toBeInstanceOf(VersionConflict);
    await expect(stale).rejects.toMatchObject({ expected: 1, actual: 3 });
    expect((await store.readSince('s1', 1)).map((e) => (e as { noteId: string }).noteId)).toEqual(['n1', 'n2']);
    expect(await store.sessionIdByCode('ABC234')).toBe('s1');
  });

  it('copies the write-ahead log into the database from its worker', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteStore({ dataDir });
    open.push(store);
    await store.create('s1', 'ABC234', [created]);
    const dbSize = () => statSync(join(dataDir, 'tablehop.sqlite')).size;
    const before = dbSize();
    for (let i = 1; i <= 3000; i++) await store.append('s1', i, [note(i)]);
    // The commits themselves no longer checkpoint; within the worker's second the log is copied over.
    await new Promise((r) => setTimeout(r, 1500));
    expect(dbSize()).toBeGreaterThan(before + 1_000_000);
    expect(await store.load('s1')).toHaveLength(3001);
  });
});
