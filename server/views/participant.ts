import type { Note, ParticipantId, SessionState, Table, TableId } from '../../shared/domain/state.ts';
import type { ParticipantSnapshot, SeatTableView, SeatView, TableHistoryView } from '../../shared/protocol/views.ts';
import { memberCounts, notesAt, noteView, ownNoteView, sessionHeader, summariesAt } from './common.ts';
import { ballotView, latestReadout, myDots } from './harvest.ts';

/**
 * Builds participants' table views. One instance serves a whole batch (a rotation seats
 * thousands), so each table's notes are gathered once and only the viewer's own are re-marked.
 */
export class SeatViews {
  private readonly notes = new Map<TableId, Note[]>();
  private counts: Map<TableId, number> | undefined;

  constructor(private readonly state: SessionState) {}

  private notesOf(tableId: TableId): Note[] {
    let notes = this.notes.get(tableId);
    if (!notes) this.notes.set(tableId, (notes = notesAt(this.state, tableId)));
    return notes;
  }

  table(tableId: TableId, viewerId: ParticipantId, withHistory = true): SeatTableView | null {
    const table = this.state.tables.find((t) => t.id === tableId);
    if (!table) return null;
    const notes = this.notesOf(tableId);
    if (!withHistory) {
      return {
        ...this.header(table),
        notes: notes.filter((n) => n.authorId === viewerId).map(ownNoteView),
        summaries: [],
      };
    }
    return {
      ...this.header(table),
      notes: notes.map((n) => (n.authorId === viewerId ? ownNoteView(n) : noteView(n))),
      summaries: summariesAt(this.state, tableId),
    };
  }

  private header(table: Table) {
    return {
      id: table.id,
      name: table.name,
      question: table.question,
      mode: table.mode,
      videoUrl: table.videoUrl,
      memberCount: this.memberCount(table.id),
      hasHost: table.hostId !== null,
    };
  }

  /** A seat in a seating: the table without the history others wrote, which `history` sends once. */
  seatOfSeating(viewerId: ParticipantId, previousTableId?: TableId): SeatView {
    const seat = this.seat(viewerId, previousTableId, false);
    if (seat.table) seat.table.historyFollows = true;
    return seat;
  }

  history(tableId: TableId): TableHistoryView {
    return { tableId, notes: this.notesOf(tableId).map(noteView), summaries: summariesAt(this.state, tableId) };
  }

  seat(viewerId: ParticipantId, previousTableId?: TableId, withHistory = true): SeatView {
    const tableId = this.state.seats.get(viewerId);
    return {
      round: this.state.round,
      table: tableId ? this.table(tableId, viewerId, withHistory) : null,
      isHost: tableId !== undefined && this.state.tables.some((t) => t.id === tableId && t.hostId === viewerId),
      stay: tableId !== undefined && tableId === previousTableId,
    };
  }

  memberCount(tableId: TableId): number {
    this.counts ??= memberCounts(this.state);
    return this.counts.get(tableId) ?? 0;
  }
}

export function participantSnapshot(state: SessionState, participantId: ParticipantId): ParticipantSnapshot {
  const p = state.participants.get(participantId)!;
  const seat = new SeatViews(state).seat(participantId, state.seats.get(participantId));
  return {
    role: 'participant',
    session: sessionHeader(state),
    me: { id: p.id, name: p.name, group: p.group, presence: p.presence, isHost: seat.isHost, ...(p.status === 'waiting' ? { waiting: true as const } : {}) },
    seat,
    broadcast: state.broadcast,
    ballot: ballotView(state),
    myDots: myDots(state, participantId),
    readoutUrl: latestReadout(state)?.url ?? null,
  };
}
