import type { DomainEvent } from '../../shared/domain/events.ts';

/** Another writer appended first; the caller catches up and decides again. */
export class VersionConflict extends Error {
  constructor(
    readonly sessionId: string,
    readonly expected: number,
    readonly actual: number,
    /** The facts after `expected`, when the store could hand them over with the refusal. */
    readonly missed?: DomainEvent[],
  ) {
    super(`Session ${sessionId} is at version ${actual}, not ${expected}`);
  }
}

/**
 * The medium under the store is failing (a read-only or full disk, Redis unreachable): nothing was
 * written, or an append's outcome is unknown. Clients are told `unavailable` and try again; a
 * resend is recognised (note ids, command ids), so an append that did go through is not doubled.
 */
export class StoreUnavailable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** What a follower of other processes' appends is told. */
export interface AppendListener {
  /** A session's log reached `version` (its first fact, for a new session). */
  appended(sessionId: string, version: number): void;
  /**
   * Notifications may have been missed (the connection dropped, the stream was trimmed past this
   * follower, Redis restarted): every loaded session should catch up from its log.
   */
  missed(): void;
}

export interface Follower {
  /** Whether the follower's own connection is up and reading. */
  healthy(): boolean;
  close(): Promise<void>;
}

/**
 * Durable session logs. An append resolves only once the events are committed, and appends
 * are compare-and-set on the version, so several processes can share one store without
 * losing or interleaving events. Nothing here assumes one process owns a session forever.
 */
export interface SessionStore {
  /** Starts a session's log; false when the join code is already taken. */
  create(sessionId: string, code: string, events: DomainEvent[]): Promise<boolean>;
  /** Appends after `expectedVersion` (the number of events already in the log) or throws VersionConflict. */
  append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void>;
  /** The whole log, or null for an unknown session. */
  load(sessionId: string): Promise<DomainEvent[] | null>;
  /** Events after `version`, for a process that fell behind another writer. */
  readSince(sessionId: string, version: number): Promise<DomainEvent[]>;
  sessionIdByCode(code: string): Promise<string | null>;
  /** Sessions not yet closed, to restore on start. */
  openSessionIds(): Promise<string[]>;
  /** A real, cheap write: resolves when the store can take appends now, throws StoreUnavailable when not. */
  probe(): Promise<void>;
  /**
   * For stores shared by several processes: tells `listener` of every append any process makes,
   * from the moment this resolves on. Absent when this process is the only writer.
   */
  follow?(listener: AppendListener): Promise<Follower>;
  close(): Promise<void>;
}
