import type { NoteView, SeatTableView } from '../../shared/protocol/views.ts';
import { isChange, noteOf, type Pending, type PendingNote } from './outbox.ts';
import type { ParticipantState } from './participant.ts';

/** Derived views of the participant's store: the rules the screens follow, kept out of components. */

export type ListedNote = NoteView & { pending?: true; failed?: PendingNote['failed'] };

/**
 * Notes as this person should see them: their own edits still waiting show their new words (marked
 * pending), and their own deletions still waiting are gone.
 */
function withChanges(notes: readonly NoteView[], s: ParticipantState): ListedNote[] {
  const changes = new Map<string, Pending>();
  for (const c of s.outbox) if (isChange(c)) changes.set(c.noteId, c);
  if (!changes.size) return [...notes];
  const out: ListedNote[] = [];
  for (const n of notes) {
    const c = changes.get(n.id);
    if (c && isChange(c) && c.change === 'delete') continue;
    out.push(c && isChange(c) ? { ...n, text: c.text, edited: true, pending: true, ...(c.failed ? { failed: c.failed } : {}) } : n);
  }
  return out;
}

/** The round whose notes are "this round" at the current table. */
export function currentRound(s: ParticipantState): number | null {
  if (!s.session || !s.seat?.table) return null;
  switch (s.session.phase) {
    case 'round':
    case 'harvest':
    case 'closed':
      return s.session.round;
    case 'lobby':
    case 'moving':
      return null;
  }
}

/** This round's notes, oldest first, with notes still on this device appended as pending. */
export function notesThisRound(s: ParticipantState): ListedNote[] {
  const round = currentRound(s);
  const table = s.seat?.table;
  if (round === null || !table) return [];
  const notes: NoteView[] = table.notes.filter((n) => n.round === round);
  const known = new Set(notes.map((n) => n.id));
  for (const p of s.outbox) {
    if (isChange(p) || p.tableId !== table.id || p.round !== round || known.has(p.id)) continue;
    notes.push(pendingView(p));
  }
  return withChanges(notes, s);
}

function pendingView(p: PendingNote): ListedNote {
  const view: ListedNote = { id: p.id, tableId: p.tableId, round: p.round, text: p.text, kind: p.kind, edited: false, mine: true, pending: true };
  if (p.failed) view.failed = p.failed;
  return view;
}

/** Earlier rounds at this table, newest round first and newest note first within it. */
export function earlierRounds(s: ParticipantState): { round: number; notes: ListedNote[]; summary: string | null }[] {
  const table = s.seat?.table;
  if (!table || !s.session || s.session.phase === 'lobby') return [];
  // While moving, `round` is the one about to start, so everything at the new table is earlier.
  const before = s.session.round;
  const byRound = new Map<number, NoteView[]>();
  for (const n of table.notes) {
    if (n.round >= before) continue;
    const list = byRound.get(n.round) ?? [];
    list.push(n);
    byRound.set(n.round, list);
  }
  for (const sm of table.summaries) if (sm.round < before && sm.text && !byRound.has(sm.round)) byRound.set(sm.round, []);
  return [...byRound.entries()]
    .sort(([a], [b]) => b - a)
    .map(([round, notes]) => ({ round, notes: withChanges([...notes].reverse(), s), summary: summaryOf(table, round) }))
    .filter((r) => r.notes.length || r.summary);
}

function summaryOf(table: SeatTableView, round: number): string | null {
  return table.summaries.find((x) => x.round === round)?.text || null;
}

export interface ComposerTarget {
  tableId: string;
  tableName: string;
  round: number;
  /** Written during the move, for the table just left. */
  late: boolean;
}

/** Where a note written now would go, or null when notes are closed. */
export function composerTarget(s: ParticipantState): ComposerTarget | null {
  if (!s.session || s.ended) return null;
  if (s.session.phase === 'round' && s.seat?.table) {
    return { tableId: s.seat.table.id, tableName: s.seat.table.name, round: s.session.round, late: false };
  }
  if (s.session.phase === 'moving' && s.previousTable) {
    return { tableId: s.previousTable.id, tableName: s.previousTable.name, round: s.previousTable.round, late: true };
  }
  return null;
}

export type Rotation = { kind: 'pending' } | { kind: 'host' | 'stay' | 'move'; tableName: string; question: string; midRound?: true } | { kind: 'unseated' };

/** While moving: where this person goes next, once the new seat has arrived. */
export function rotation(s: ParticipantState): Rotation | null {
  if (!s.session) return null;
  // Moved by the facilitator while the round goes on: the same card as a rotation, until read.
  if (s.session.phase === 'round') {
    const moved = s.movedMidRound;
    const table = s.seat?.table;
    if (!moved || moved.round !== s.session.round || !table || table.id !== moved.tableId) return null;
    return { kind: 'move', tableName: table.name, question: table.question, midRound: true };
  }
  if (s.session.phase !== 'moving') return null;
  if (!s.seat || s.seat.round !== s.session.round) return { kind: 'pending' };
  const table = s.seat.table;
  if (!table) return { kind: 'unseated' };
  const kind = s.seat.isHost ? 'host' : s.seat.stay ? 'stay' : 'move';
  return { kind, tableName: table.name, question: table.question };
}

/** The round a host's summary is about: the one under way, or the one just ended. */
export function summaryRound(s: ParticipantState): number | null {
  if (!s.session || !s.seat?.isHost || !s.seat.table) return null;
  const { phase, round } = s.session;
  if (phase === 'round' || phase === 'harvest') return round;
  if (phase === 'moving' && round > 1) return round - 1;
  return null;
}

/** Notes with something waiting to be sent: written, edited or deleted. */
export function waitingCount(s: ParticipantState): number {
  return new Set(s.outbox.filter((n) => !n.failed).map(noteOf)).size;
}
