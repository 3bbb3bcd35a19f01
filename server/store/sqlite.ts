import Database from 'better-sqlite3';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { VersionConflict, type SessionStore } from './types.ts';

export interface SqliteStoreOptions {
  dataDir: string;
  /** Checkpoint the WAL on a worker thread (default) rather than in the commits on the event loop. */
  checkpointWorker?: boolean;
  /**
   * NORMAL (default) survives a killed process: a committed transaction is in the WAL file
   * before the call returns. FULL also fsyncs every commit, to survive power loss.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  closed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (session_id, version)
) WITHOUT ROWID;
`;

/**
 * The embedded default: one SQLite file in WAL mode, an event log per session.
 *
 * A session's version is the highest version in its log. An append is compare-and-set on it: the
 * version is read once per session and then kept here, and the log's primary key refuses a second
 * event at any version, so a writer on another connection to the same file is caught as a conflict
 * all the same. A commit so writes only the log's own pages, not a version row beside it as well
 * (about a third less time per append, measured on notes).
 */
export class SqliteStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly appendTx: (sessionId: string, expected: number, events: DomainEvent[]) => number;
  private readonly versions = new Map<string, number>();
  private checkpointer: Worker | undefined;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'tablehop.sqlite');
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    dropVersionColumn(this.db);
    if (options.checkpointWorker !== false) this.checkpointAside(file);
    this.stmts = {
      insertSession: this.db.prepare('INSERT INTO sessions (id, code, created_at) VALUES (?, ?, ?)'),
      codeTaken: this.db.prepare('SELECT 1 FROM sessions WHERE code = ?').pluck(),
      exists: this.db.prepare('SELECT 1 FROM sessions WHERE id = ?').pluck(),
      version: this.db.prepare('SELECT coalesce(max(version), 0) FROM events WHERE session_id = ?').pluck(),
      close: this.db.prepare('UPDATE sessions SET closed = 1 WHERE id = ?'),
      insertEvent: this.db.prepare('INSERT INTO events (session_id, version, type, at, data) VALUES (?, ?, ?, ?, ?)'),
      load: this.db.prepare('SELECT data FROM events WHERE session_id = ? ORDER BY version').pluck(),
      since: this.db.prepare('SELECT data FROM events WHERE session_id = ? AND version > ? ORDER BY version').pluck(),
      byCode: this.db.prepare('SELECT id FROM sessions WHERE code = ?').pluck(),
      open: this.db.prepare('SELECT id FROM sessions WHERE closed = 0 ORDER BY created_at').pluck(),
    };
    this.appendTx = this.db.transaction((sessionId: string, expected: number, events: DomainEvent[]) => {
      // The kept version only saves a read when it agrees; otherwise the log itself decides, since
      // the writer may have caught up with another connection's appends by reading them.
      const kept = this.versions.get(sessionId);
      const actual = kept === expected ? kept : this.readVersion(sessionId);
      if (actual !== expected) throw new VersionConflict(sessionId, expected, actual);
      let version = expected;
      for (const e of events) {
        this.stmts.insertEvent.run(sessionId, ++version, e.type, e.at, JSON.stringify(e));
        if (e.type === 'session:closed') this.stmts.close.run(sessionId);
      }
      return version;
    });
  }

  private readVersion(sessionId: string): number {
    if (!this.stmts.exists.get(sessionId)) throw new Error(`Unknown session ${sessionId}`);
    return this.stmts.version.get(sessionId) as number;
  }

  /** Appends, and keeps the new version only once the commit went through (a closed session's is let go). */
  private appendAndRemember(sessionId: string, expected: number, events: DomainEvent[]) {
    try {
      const version = this.appendTx(sessionId, expected, events);
      if (events.some((e) => e.type === 'session:closed')) this.versions.delete(sessionId);
      else this.versions.set(sessionId, version);
    } catch (error) {
      if (!isPrimaryKeyClash(error)) throw error;
      // Another connection wrote to this session since the version was read here.
      this.versions.delete(sessionId);
      throw new VersionConflict(sessionId, expected, this.readVersion(sessionId));
    }
  }

  async create(sessionId: string, code: string, events: DomainEvent[]): Promise<boolean> {
    const created = this.db.transaction(() => {
      if (this.stmts.codeTaken.get(code)) return false;
      this.stmts.insertSession.run(sessionId, code, events[0]?.at ?? 0);
      this.appendTx(sessionId, 0, events);
      return true;
    })();
    if (created) this.versions.set(sessionId, events.length);
    return created;
  }

  async append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void> {
    if (events.length) this.appendAndRemember(sessionId, expectedVersion, events);
  }

  async load(sessionId: string): Promise<DomainEvent[] | null> {
    const rows = this.stmts.load.all(sessionId) as string[];
    return rows.length ? rows.map((r) => JSON.parse(r) as DomainEvent) : null;
  }

  async readSince(sessionId: string, version: number): Promise<DomainEvent[]> {
    return (this.stmts.since.all(sessionId, version) as string[]).map((r) => JSON.parse(r) as DomainEvent);
  }

  async sessionIdByCode(code: string): Promise<string | null> {
    return (this.stmts.byCode.get(code) as string | undefined) ?? null;
  }

  async openSessionIds(): Promise<string[]> {
    return this.stmts.open.all() as string[];
  }

  async close(): Promise<void> {
    const worker = this.checkpointer;
    this.checkpointer = undefined;
    if (worker) {
      const exited = once(worker, 'exit');
      worker.postMessage('close');
      await exited;
    }
    this.db.close();
  }

  /**
   * SQLite checkpoints the WAL inside whichever commit crosses 1,000 pages, which stalls the event
   * loop for 3–8 ms about every two seconds under a plenary's load. A worker with its own
   * connection checkpoints every second instead; should it fail, SQLite's own checkpoints resume.
   */
  private checkpointAside(file: string) {
    try {
      const worker = new Worker(new URL('./checkpointer.worker.mjs', import.meta.url), { workerData: { file, intervalMs: 1000 } });
      worker.unref();
      const fallBack = () => {
        if (this.checkpointer !== worker) return;
        this.checkpointer = undefined;
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      };
      worker.on('error', fallBack);
      worker.on('exit', fallBack);
      this.checkpointer = worker;
      this.db.pragma('wal_autocheckpoint = 0');
    } catch {
      // SQLite's own checkpoints stay on.
    }
  }
}

function isPrimaryKeyClash(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Files written before the log's primary key carried the version kept a version column; it is no longer kept up to date. */
function dropVersionColumn(db: Database.Database) {
  const columns = db.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all() as string[];
  if (columns.includes('version')) db.exec('ALTER TABLE sessions DROP COLUMN version');
}
