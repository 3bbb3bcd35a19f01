import type { NoteKind } from '../../shared/domain/enums.ts';
import type { ErrorCode } from '../../shared/protocol/errors.ts';

/**
 * What this phone has written and the server has not acknowledged yet, oldest first: notes, and
 * edits and deletions of the author's own notes. A note keeps the id it was created with, so
 * resending after a reconnect, a reload or a lost ack creates it once: the server acknowledges a
 * known id again and adds nothing. A change goes after the note it changes and is sent once; the
 * server treats an edit to the same words, or a second deletion, as already done.
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
  /** It went out at least once, so the server may have it: changes to it are sent, not made in place. */
  sent?: true;
}

/** An edit (the whole new text) or a deletion of one of this person's notes. */
export interface PendingChange {
  change: 'edit' | 'delete';
  /** Its own key in the outbox; the note's id is `noteId`. */
  key: string;
  noteId: string;
  text: string;
  createdAt: number;
  failed?: PendingNote['failed'];
}

export type Pending = PendingNote | PendingChange;

export const isChange = (p: Pending): p is PendingChange => 'change' in p;
export const keyOf = (p: Pending): string => (isChange(p) ? p.key : p.id);
/** The note an item writes or changes. */
export const noteOf = (p: Pending): string => (isChange(p) ? p.noteId : p.id);

/** Refusals worth retrying on the next connection; anything else will not change by resending. */
const TRANSIENT = new Set<ErrorCode>(['unavailable', 'rate_limited', 'internal']);

export function isTransient(error: ErrorCode): boolean {
  return TRANSIENT.has(error);
}

export function enqueue(outbox: readonly Pending[], item: Pending): Pending[] {
  return outbox.some((n) => keyOf(n) === keyOf(item)) ? [...outbox] : [...outbox, item];
}

export function acknowledge(outbox: readonly Pending[], key: string): Pending[] {
  return outbox.filter((n) => keyOf(n) !== key);
}

export function markFailed(outbox: readonly Pending[], key: string, failure: { error: ErrorCode; message: string }): Pending[] {
  return outbox.map((n) => (keyOf(n) === key ? { ...n, failed: failure } : n));
}

export function markSent(outbox: readonly Pending[], key: string): Pending[] {
  return outbox.map((n) => (keyOf(n) === key && !isChange(n) ? { ...n, sent: true as const } : n));
}

/**
 * Edits or deletes one of this person's notes. A note that never left the phone (or that the server
 * refused) is rewritten or dropped in place, so deleted words never leave it. Otherwise the change
 * is queued after the note, replacing a change to it still waiting: the last edit is the text, and
 * a deletion makes earlier edits moot.
 */
export function changeNote(outbox: readonly Pending[], noteId: string, change: PendingChange['change'], text: string, now: number): Pending[] {
  const note = outbox.find((n): n is PendingNote => !isChange(n) && n.id === noteId);
  if (note && (!note.sent || note.failed)) {
    if (change === 'delete') return outbox.filter((n) => noteOf(n) !== noteId);
    return outbox.map((n) => (n === note ? { id: note.id, tableId: note.tableId, round: note.round, text, kind: note.kind, createdAt: note.createdAt } : n));
  }
  const others = outbox.filter((n) => !isChange(n) || n.noteId !== noteId);
  return [...others, { change, key: `${change}-${noteId}-${now}`, noteId, text, createdAt: now }];
}

/** What to send on the next connection, oldest first. */
export function sendable(outbox: readonly Pending[]): Pending[] {
  return outbox.filter((n) => !n.failed).sort((a, b) => a.createdAt - b.createdAt);
}

/** Restores an outbox from storage, dropping anything malformed rather than failing to load. */
export function parseOutbox(raw: unknown): Pending[] {
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).filter((item): item is Pending => {
    if (typeof item !== 'object' || item === null) return false;
    const n = item as Record<string, unknown>;
    return (
      typeof n.text === 'string' &&
      typeof n.createdAt === 'number' &&
      (n.change === 'edit' || n.change === 'delete'
        ? typeof n.key === 'string' && typeof n.noteId === 'string'
        : typeof n.id === 'string' && typeof n.tableId === 'string' && typeof n.round === 'number')
    );
  });
}
