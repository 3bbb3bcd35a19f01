import type { NoteKind } from '../../shared/domain/enums.ts';
import type { ErrorCode } from '../../shared/protocol/errors.ts';

/**
 * Notes written but not yet acknowledged. Each keeps the id it was created with, so resending
 * after a reconnect, a reload or a lost ack creates the note once: the server acknowledges a
 * known id again and adds nothing.
 */

export interface PendingNote {
  id: string;
  tableId: string;
  round: number;
  text: string;
  kind: NoteKind | null;
  createdAt: number;
  /** Set when the server refused it for good; kept so the words are not lost. */
  failed?: { error: ErrorCode; message: string };
}

/** Refusals worth retrying on the next connection; anything else will not change by resending. */
const TRANSIENT = new Set<ErrorCode>(['unavailable', 'rate_limited', 'internal']);

export function isTransient(error: ErrorCode): boolean {
  return TRANSIENT.has(error);
}

export function enqueue(outbox: readonly PendingNote[], note: PendingNote): PendingNote[] {
  return outbox.some((n) => n.id === note.id) ? [...outbox] : [...outbox, note];
}

export function acknowledge(outbox: readonly PendingNote[], id: string): PendingNote[] {
  return outbox.filter((n) => n.id !== id);
}

export function markFailed(outbox: readonly PendingNote[], id: string, failure: { error: ErrorCode; message: string }): PendingNote[] {
  return outbox.map((n) => (n.id === id ? { ...n, failed: failure } : n));
}

/** What to send on the next connection, oldest first. */
export function sendable(outbox: readonly PendingNote[]): PendingNote[] {
  return outbox.filter((n) => !n.failed).sort((a, b) => a.createdAt - b.createdAt);
}

/** Restores an outbox from storage, dropping anything malformed rather than failing to load. */
export function parseOutbox(raw: unknown): PendingNote[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (n): n is PendingNote =>
      typeof n === 'object' &&
      n !== null &&
      typeof n.id === 'string' &&
      typeof n.tableId === 'string' &&
      typeof n.round === 'number' &&
      typeof n.text === 'string' &&
      typeof n.createdAt === 'number',
  );
}
