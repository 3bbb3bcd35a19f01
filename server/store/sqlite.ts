import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { StoreUnavailable, VersionConflict, type SessionStore } from './types.ts';

export interface SqliteStoreOptions {
  dataDir: string;
  /**
   * NORMAL (default) survives a killed process: a committed transaction is in the WAL file
   * before the call returns. FULL also fsyncs every commit, to survive power loss.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * How often the write-ahead log is copied into the database, off the commits (default every five
   * seconds). Each checkpoint syncs the file twice and rewrites the log's hot pages (the end of the
   * events table), so fewer of them cost less per note; five seconds of notes at 1,000 a second
   * keep the log near 20 MB and a restart's recovery short.
   */
  checkpointEveryMs?: number;
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
CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
`;

/** SQLite's answers that say the disk (or the file on it) is failing, not that the request was wrong. */
const MEDIUM_FAILURE = /^SQLITE_(IOERR|READONLY|FULL|CANTOPEN|BUSY|LOCKED|PERM|CORRUPT|NOTADB|PROTOCOL)/;
/** The same from Node's own file calls (making the data directory). */
const FS_FAILURE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EIO', 'EDQUOT']);
/** After a failure, the file is opened again at most this often: a dead disk is not hammered. */
const REOPEN_AFTER_MS = 500;

/** One open connection to the file and what is prepared on it; a failing disk drops it whole. */
class Connection {
  readonly db: Database.Database;
  readonly stmts;
  private readonly appendTx: (sessionId: string, expected: number, events: DomainEvent[]) => number;

  constructor(
    file: string,
    synchronous: 'NORMAL' | 'FULL',
    /** The store's versions, kept once a commit went through: they save reading the log. */
    private readonly versions: Map<string, number>,
  ) {
    this.db = new Database(file);
    try {
      // Exclusive before WAL: SQLite then keeps the WAL index in the heap instead of a memory-mapped
      // -shm file beside the database. A mapped file whose disk fails (made read-only, immutable,
      // full) kills the process with SIGBUS on its next write; with nothing mapped, the same failure
      // is an error this store turns into `unavailable`. It also means one process per data
      // directory: a second one is refused at start instead of sharing the file.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('mmap_size = 0');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${synchronous}`);
      this.db.pragma('busy_timeout = 2000');
      this.db.pragma('foreign_keys = ON');
      // Checkpoints run on a timer (see `checkpoint`), not inside whichever commit crosses 1,000 pages.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.exec(SCHEMA);
      dropVersionColumn(this.db);
      // Take the file now, so a second process on the same directory is refused at its start.
      this.db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (error) {
      this.db.close();
      throw error;
    }
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
      probe: this.db.prepare('INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)'),
    };
    this.appendTx = this.db.transaction((sessionId: string, expected: number, events: DomainEvent[]) => {
      // The kept version only saves a read when it agrees; otherwise the log itself decides.
      const kept = this.versions.get(sessionId);
      const actual = kept === expected ? kept : this.readVersion(sessionId);
      if (actual !== expected) throw new VersionConflict(sessionId, expected, actual);
      let version = expected;
      for (const e of events) {
        this.insert(sessionId, ++version, e);
        if (e.type === 'session:closed') this.stmts.close.run(sessionId);
      }
      return version;
    });
  }

  /**
   * Appends after `expected` and returns the new version. A single fact (a note, nearly always) at
   * the version kept here is one INSERT that SQLite commits by itself: the same atomic commit
   * (the log's primary key still refuses a second fact at that version) without a BEGIN and a
   * COMMIT statement run around it, each a cold walk through SQLite when notes come milliseconds apart.
   * A new session's first facts are never such: no version is kept for it before `create` commits.
   */
  append(sessionId: string, expected: number, events: DomainEvent[]): number {
    const only = events.length === 1 ? events[0]! : undefined;
    if (!only || this.versions.get(sessionId) !== expected || only.type === 'session:closed') return this.appendTx(sessionId, expected, events);
    this.insert(sessionId, expected + 1, only);
    return expected + 1;
  }

  private insert(sessionId: string, version: number, e: DomainEvent): void {
    this.stmts.insertEvent.run(sessionId, version, e.type, e.at, JSON.stringify(e));
  }

  readVersion(sessionId: string): number {
    if (!this.stmts.exists.get(sessionId)) throw new Error(`Unknown session ${sessionId}`);
    return this.stmts.version.get(sessionId) as number;
  }
}

/**
 * The embedded default: one SQLite file in WAL mode, an event log per session, one process.
 *
 * A session's version is the highest version in its log. An append is compare-and-set on it: the
 * version is read once per session and then kept here, and the log's primary key refuses a second
 * event at any version. A commit so writes only the log's own pages, not a version row beside it
 * as well (about a third less time per append, measured on notes).
 *
 * When the disk fails (read-only, full, immutable files, I/O errors) every call throws
 * StoreUnavailable and the connection is dropped; the next call after a short pause opens the file
 * again, so the store takes writes again as soon as the disk does.
 */
export class SqliteStore implements SessionStore {
  private readonly file: string;
  private readonly versions = new Map<string, number>();
  private conn: Connection | null = null;
  private failedAt = -Infinity;
  private lastFailure: unknown = null;
  private readonly checkpointTimer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: SqliteStoreOptions) {
    this.file = join(options.dataDir, 'tablehop.sqlite');
    try {
      this.conn = this.open();
    } catch (error) {
      // A second process on the same directory, or a bug: say so at start rather than limp on.
      if (!isMediumFailure(error) || isLockedByAnother(error)) throw error;
      // A read-only or full disk at start: the process still starts (liveness), is not ready, and
      // opens the file once the disk takes writes again.
      this.fail(error);
    }
    this.checkpointTimer = setInterval(() => this.checkpoint(), options.checkpointEveryMs ?? 5000);
    this.checkpointTimer.unref();
  }

  async create(sessionId: string, code: string, events: DomainEvent[]): Promise<boolean> {
    const created = this.use((c) =>
      c.db.transaction(() => {
        if (c.stmts.codeTaken.get(code)) return false;
        c.stmts.insertSession.run(sessionId, code, events[0]?.at ?? 0);
        c.append(sessionId, 0, events);
        return true;
      })(),
    );
    if (created) this.versions.set(sessionId, events.length);
    return created;
  }

  async append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void> {
    if (!events.length) return;
    this.use((c) => {
      try {
        const version = c.append(sessionId, expectedVersion, events);
        // The new version is kept only once the commit went through; a closed session's is let go.
        if (events.some((e) => e.type === 'session:closed')) this.versions.delete(sessionId);
        else this.versions.set(sessionId, version);
      } catch (error) {
        if (!isPrimaryKeyClash(error)) throw error;
        // Written since the version was read here (by a connection before this one).
        this.versions.delete(sessionId);
        throw new VersionConflict(sessionId, expectedVersion, c.readVersion(sessionId));
      }
    });
  }

  async load(sessionId: string): Promise<DomainEvent[] | null> {
    const rows = this.use((c) => c.stmts.load.all(sessionId) as string[]);
    return rows.length ? rows.map((r) => JSON.parse(r) as DomainEvent) : null;
  }

  async readSince(sessionId: string, version: number): Promise<DomainEvent[]> {
    return this.use((c) => c.stmts.since.all(sessionId, version) as string[]).map((r) => JSON.parse(r) as DomainEvent);
  }

  async sessionIdByCode(code: string): Promise<string | null> {
    return this.use((c) => (c.stmts.byCode.get(code) as string | undefined) ?? null);
  }

  async openSessionIds(): Promise<string[]> {
    return this.use((c) => c.stmts.open.all() as string[]);
  }

  async probe(): Promise<void> {
    this.use((c) => c.stmts.probe.run(Date.now()));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.checkpointTimer);
    this.drop();
  }

  /** Runs `fn` on the open connection (opening it again after a failure); a failing disk becomes StoreUnavailable. */
  private use<T>(fn: (c: Connection) => T): T {
    const conn = this.connection();
    try {
      return fn(conn);
    } catch (error) {
      if (!isMediumFailure(error)) throw error;
      this.fail(error);
      throw new StoreUnavailable('The data directory cannot be written to.', error);
    }
  }

  private connection(): Connection {
    if (this.conn) return this.conn;
    if (this.closed) throw new StoreUnavailable('The store is closed.');
    if (Date.now() - this.failedAt < REOPEN_AFTER_MS) throw new StoreUnavailable('The data directory cannot be written to.', this.lastFailure);
    try {
      this.conn = this.open();
      return this.conn;
    } catch (error) {
      if (!isMediumFailure(error)) throw error;
      this.fail(error);
      throw new StoreUnavailable('The data directory cannot be written to.', error);
    }
  }

  private open(): Connection {
    mkdirSync(this.options.dataDir, { recursive: true });
    // Versions kept from before may be stale: whatever a failed commit left is read from the log again.
    this.versions.clear();
    return new Connection(this.file, this.options.synchronous ?? 'NORMAL', this.versions);
  }

  private fail(error: unknown) {
    this.failedAt = Date.now();
    this.lastFailure = error;
    this.drop();
  }

  private drop() {
    const conn = this.conn;
    this.conn = null;
    this.versions.clear();
    try {
      conn?.db.close();
    } catch {
      // Closing a connection on a failed disk may fail too; it is let go all the same.
    }
  }

  /**
   * Copies the write-ahead log into the database, passively (it never waits for a writer), on a
   * timer rather than inside the commit that crosses SQLite's threshold. A failure here is the
   * next write's to report.
   */
  private checkpoint() {
    try {
      this.conn?.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      if (isMediumFailure(error)) this.fail(error);
    }
  }
}

function isMediumFailure(error: unknown): boolean {
  if (error instanceof Database.SqliteError) return MEDIUM_FAILURE.test(error.code);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FS_FAILURE.has(code);
}

function isLockedByAnother(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

function isPrimaryKeyClash(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Files written before the log's primary key carried the version kept a version column; it is no longer kept up to date. */
function dropVersionColumn(db: Database.Database) {
  const columns = db.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all() as string[];
  if (columns.includes('version')) db.exec('ALTER TABLE sessions DROP COLUMN version');
}
