import { create } from 'zustand';
import type {
  BroadcastView,
  MeView,
  NoteView,
  ParticipantSnapshot,
  PhaseView,
  SeatView,
  SessionHeader,
  SummaryView,
  TableHistoryView,
} from '../../shared/protocol/views.ts';
import { keyOf, type Pending } from './outbox.ts';
import { upsertBy } from './upsert.ts';

/**
 * The participant's store: exactly what the server sent, plus a little UI state. The reducers are
 * pure and idempotent, because a fact may arrive twice, or after a snapshot that already has it.
 */

export interface ParticipantView {
  session: SessionHeader | null;
  me: MeView | null;
  seat: SeatView | null;
  broadcast: BroadcastView | null;
  /** The table sat at in the round that just ended: late notes during the move go there. */
  previousTable: { id: string; name: string; round: number } | null;
  ended: { reason: 'removed' | 'left' | 'closed' | 'declined'; message: string } | null;
  /** Restored from this device after a reload; the server has not confirmed it yet. */
  fromCache: boolean;
}

export interface ParticipantUi {
  outbox: Pending[];
  /** Own notes deleted a moment ago, still to be undone: hidden, with an Undo in their place. */
  deleting: string[];
  dismissedBroadcast: string | null;
  dismissedRotation: number | null;
  /** A facilitator moved this person during a round: the card saying where to, until read. */
  movedMidRound: { round: number; tableId: string } | null;
  /** Notes this person reported from this device: the button says so. */
  flagged: string[];
}

export type ParticipantState = ParticipantView & ParticipantUi;

export const emptyParticipant: ParticipantState = {
  session: null,
  me: null,
  seat: null,
  broadcast: null,
  previousTable: null,
  ended: null,
  fromCache: false,
  outbox: [],
  deleting: [],
  dismissedBroadcast: null,
  dismissedRotation: null,
  movedMidRound: null,
  flagged: [],
};

export function applySnapshot(s: ParticipantState, snap: ParticipantSnapshot): ParticipantState {
  const keepPrevious = snap.session.phase === 'moving' && s.previousTable !== null && s.previousTable.round === snap.session.round - 1 ? s.previousTable : null;
  return { ...s, session: snap.session, me: snap.me, seat: snap.seat, broadcast: snap.broadcast, previousTable: keepPrevious, fromCache: false };
}

export function applyPhase(s: ParticipantState, phase: PhaseView): ParticipantState {
  if (!s.session) return s;
  let previousTable = s.previousTable;
  if (phase.phase === 'moving' && s.session.phase === 'round' && s.seat?.table) {
    previousTable = { id: s.seat.table.id, name: s.seat.table.name, round: s.session.round };
  } else if (phase.phase === 'round') {
    previousTable = null;
  }
  return { ...s, session: { ...s.session, ...phase }, previousTable };
}

export function applySeat(s: ParticipantState, seat: SeatView): ParticipantState {
  // A late, older seat must not replace a newer one.
  if (s.seat && seat.round < s.seat.round) return s;
  const shown = s.seat?.table;
  if (seat.table?.historyFollows && shown?.id === seat.table.id) {
    // Staying at the table: keep its notes on screen until the history replaces them.
    seat = { ...seat, table: { ...seat.table, notes: upsertBy(shown.notes, seat.table.notes), summaries: shown.summaries } };
  }
  // A new table in the same round, while it is under way: the facilitator moved this person.
  const moved = s.session?.phase === 'round' && shown && seat.table && shown.id !== seat.table.id && s.seat?.round === seat.round;
  const movedMidRound = moved ? { round: seat.round, tableId: seat.table!.id } : s.movedMidRound;
  return { ...s, seat, movedMidRound, me: s.me ? { ...s.me, isHost: seat.isHost } : s.me };
}

/** The notes others left at the table a seating just sent us to; our own keep their mark. */
export function applyHistory(s: ParticipantState, history: TableHistoryView): ParticipantState {
  const table = s.seat?.table;
  if (!s.seat || !table || table.id !== history.tableId) return s;
  const { historyFollows: _, ...rest } = table;
  const notes = upsertBy(
    history.notes,
    table.notes.filter((n) => n.mine),
  );
  return { ...s, seat: { ...s.seat, table: { ...rest, notes, summaries: history.summaries } } };
}

export function applyTable(s: ParticipantState, table: { id: string; memberCount: number; hasHost: boolean }): ParticipantState {
  if (!s.seat?.table || s.seat.table.id !== table.id) return s;
  return { ...s, seat: { ...s.seat, table: { ...s.seat.table, memberCount: table.memberCount, hasHost: table.hasHost } } };
}

export function applyNote(s: ParticipantState, note: NoteView): ParticipantState {
  const outbox = s.outbox.some((n) => keyOf(n) === note.id) ? s.outbox.filter((n) => keyOf(n) !== note.id) : s.outbox;
  // Notes for another table (our own late note after moving on) only settle the outbox.
  if (!s.seat?.table || s.seat.table.id !== note.tableId) return outbox === s.outbox ? s : { ...s, outbox };
  return { ...s, outbox, seat: { ...s.seat, table: { ...s.seat.table, notes: upsertBy(s.seat.table.notes, [note]) } } };
}

export function removeNote(s: ParticipantState, ref: { id: string; tableId: string }): ParticipantState {
  if (!s.seat?.table || s.seat.table.id !== ref.tableId) return s;
  const notes = s.seat.table.notes.filter((n) => n.id !== ref.id);
  if (notes.length === s.seat.table.notes.length) return s;
  return { ...s, seat: { ...s.seat, table: { ...s.seat.table, notes } } };
}

export function applySummary(s: ParticipantState, summary: SummaryView): ParticipantState {
  if (!s.seat?.table || s.seat.table.id !== summary.tableId) return s;
  const others = s.seat.table.summaries.filter((x) => x.round !== summary.round);
  return { ...s, seat: { ...s.seat, table: { ...s.seat.table, summaries: [...others, summary].sort((a, b) => a.round - b.round) } } };
}

export function applyBroadcast(s: ParticipantState, broadcast: BroadcastView): ParticipantState {
  if (s.broadcast && s.broadcast.id === broadcast.id) return s;
  return { ...s, broadcast };
}

export const useParticipant = create<ParticipantState>(() => emptyParticipant);

/** The part worth restoring after a reload: the server's view, not the UI state. */
export function persistedView(s: ParticipantState): Omit<ParticipantView, 'fromCache' | 'ended'> {
  return { session: s.session, me: s.me, seat: s.seat, broadcast: s.broadcast, previousTable: s.previousTable };
}

/** A facilitator muted this person's notes: told to them alone, kept until the session ends. */
export function applyMuted(s: ParticipantState): ParticipantState {
  return s.me && !s.me.muted ? { ...s, me: { ...s.me, muted: true } } : s;
}
