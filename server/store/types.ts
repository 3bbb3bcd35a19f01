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
  close(): Promise<void>;
}
