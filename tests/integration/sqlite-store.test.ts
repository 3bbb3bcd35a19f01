import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { VersionConflict } from '../../server/store/types.ts';
import { tempDataDir } from '../support/server.ts';

const created = { type: 'session:created', at: 1, sessionId: 's1', code: 'ABC234', facilitatorKeyHash: 'h', config: {}, tables: [] } as unknown as DomainEvent;
const note = (i: number): DomainEvent => ({
  type: 'note:added',
  at: i,
  noteId: `n${i}`,
  tableId: 't1',
  round: 1,
  authorId: 'p1',
  text: `Note ${i} `.repeat(20),
  kind: null,
});

/** Another process tries to write to the file: `written`, or the SQLite code it was refused with. */
function anotherProcessWrites(file: string): string {
  // The same better-sqlite3 as this test's, wherever the runner was started from.
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `const D = require(process.argv[1]); const db = new D(process.argv[2], { timeout: 0 });
    try { db.exec('BEGIN IMMEDIATE; COMMIT'); console.log('written'); } catch (e) { console.log(e.code); } finally { db.close(); }`;
  return execFileSync(process.execPath, ['-e', script, sqlite, file], { encoding: 'utf8' }).trim();
}

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

  it('closes a session whose closing comes alone, as one of several facts does', async () => {
    const store = new SqliteStore({ dataDir: tempDataDir() });
    open.push(store);
    await store.create('s1', 'ABC234', [created]);
    await store.create('s2', 'XYZ789', [created]);
    await store.append('s1', 1, [note(1)]);
    await store.append('s2', 1, [note(1)]);
    const closing = { type: 'session:closed', at: 9 } as DomainEvent;
    await store.append('s1', 2, [closing]);
    await store.append('s2', 2, [note(2), closing]);
    expect(await store.openSessionIds()).toEqual([]);
    expect(await store.load('s1')).toHaveLength(3);
  });

  it('keeps its data directory to itself: a second process on it is refused at its start', async () => {
    const dataDir = tempDataDir();
    const first = new SqliteStore({ dataDir });
    open.push(first);
    await first.create('s1', 'ABC234', [created]);
    expect(() => new SqliteStore({ dataDir })).toThrow(/locked/);
    // The first goes on as if nothing happened.
    await first.append('s1', 1, [note(1)]);
    expect(await first.load('s1')).toHaveLength(2);
  });

  it('opens a file written before sessions lost their version column, and goes on from its log', async () => {
    const dataDir = tempDataDir();
    const old = new Database(join(dataDir, 'tablehop.sqlite'));
    old.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, closed INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
      CREATE TABLE events (session_id TEXT NOT NULL REFERENCES sessions(id), version INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (session_id, version)) WITHOUT ROWID;`);
    old.prepare('INSERT INTO sessions VALUES (?, ?, 2, 0, 1)').run('s1', 'ABC234');
    const insert = old.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
    [created, note(1)].forEach((e, i) => insert.run('s1', i + 1, e.type, e.at, JSON.stringify(e)));
    old.close();

    const store = new SqliteStore({ dataDir });
    open.push(store);
    await expect(store.append('s1', 1, [note(2)])).rejects.toMatchObject({ expected: 1, actual: 2 });
    await store.append('s1', 2, [note(2)]);
    expect(await store.load('s1')).toHaveLength(3);
    // New sessions go into the same file; the old column, no longer kept up to date, is gone.
    expect(await store.create('s2', 'XYZ789', [created])).toBe(true);
    expect(await store.openSessionIds()).toEqual(['s1', 's2']);
    await store.close();
    const reread = new Database(join(dataDir, 'tablehop.sqlite'), { readonly: true });
    expect(reread.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all()).not.toContain('version');
    reread.close();
  });

  it('holds its file against another process through single-fact commits and checkpoints, until it closes', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, 'tablehop.sqlite');
    const store = new SqliteStore({ dataDir, checkpointEveryMs: 20 });
    open.push(store);
    await store.create('s1', 'ABC234', [created]);
    const before = statSync(file).size;
    for (let i = 1; i <= 300; i++) await store.append('s1', i, [note(i)]);
    // Single facts commit without BEGIN and COMMIT around them; the log was copied into the database file since.
    await expect.poll(() => statSync(file).size, { timeout: 10_000, interval: 20 }).toBeGreaterThan(before + 100_000);
    expect(anotherProcessWrites(file)).toBe('SQLITE_BUSY');
    await store.append('s1', 301, [note(301)]);
    expect(await store.load('s1')).toHaveLength(302);
    await store.close();
    open.length = 0;
    expect(anotherProcessWrites(file)).toBe('written');
  });

  it('copies the write-ahead log into the database on its own timer, not in the commits', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteStore({ dataDir });
    open.push(store);
    await store.create('s1', 'ABC234', [created]);
    const dbSize = () => statSync(join(dataDir, 'tablehop.sqlite')).size;
    const before = dbSize();
    for (let i = 1; i <= 3000; i++) await store.append('s1', i, [note(i)]);
    // The commits themselves never checkpoint; the timer copies the log over within its second.
    await expect.poll(dbSize, { timeout: 10_000, interval: 100 }).toBeGreaterThan(before + 1_000_000);
    expect(await store.load('s1')).toHaveLength(3001);
  });
});
