import type { Note, ParticipantId, SessionState, Table, TableId } from '../../shared/domain/state.ts';
import type { ParticipantSnapshot, SeatTableView, SeatView, TableHistoryView } from '../../shared/protocol/views.ts';
import { memberCounts, notesAt, noteView, ownNoteView, sessionHeader, summariesAt } from './common.ts';
import { ballotView, latestReadout, myDots } from './harvest.ts';
import { historyOrder } from './order.ts';

/**
 * Builds participants' table views. One instance serves a whole batch (a rotation seats
 * thousands), so each table's notes are gathered once and only the viewer's own are re-marked.
 */
export class SeatViews {
  private readonly notes = new Map<TableId, Note[]>();
  private counts: Map<TableId, number> | undefined;

  constructor(private readonly state: SessionState) {}

  /** What the table's participants see, by round and then in keyed order, never in writing order. */
  private notesOf(tableId: TableId): Note[] {
    let notes = this.notes.get(tableId);
    if (!notes) this.notes.set(tableId, (notes = historyOrder(this.state, notesAt(this.state, tableId))));
    return notes;
  }

  table(tableId: TableId, viewerId: ParticipantId, withHistory = true): SeatTableView | null {
    const table = this.state.tables.find((t) => t.id === tableId);
    if (!table) return null;
    const notes = this.notesOf(tableId);
    const held = this.heldOf(tableId, viewerId);
    if (!withHistory) {
      return {
        ...this.header(table),
        notes: [...notes.filter((n) => n.authorId === viewerId), ...held].map(ownNoteView),
        summaries: [],
      };
    }
    return {
      ...this.header(table),
      notes: [...notes.map((n) => (n.authorId === viewerId ? ownNoteView(n) : noteView(n))), ...held.map(ownNoteView)],
      summaries: summariesAt(this.state, tableId),
    };
  }

  /** A muted author's own notes at a table still waiting for a facilitator: theirs to see, marked. */
  private heldOf(tableId: TableId, viewerId: ParticipantId): Note[] {
    if (!this.state.moderation.muted.has(viewerId)) return [];
    const held: Note[] = [];
    for (const id of this.state.tableNotes.get(tableId) ?? []) {
      const note = this.state.notes.get(id);
      if (note && note.authorId === viewerId && note.held && !note.deleted && !note.hidden) held.push(note);
    }
    return held;
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
    me: {
      id: p.id,
      name: p.name,
      group: p.group,
      presence: p.presence,
      isHost: seat.isHost,
      ...(p.status === 'waiting' ? { waiting: true as const } : {}),
      ...(state.moderation.muted.has(p.id) ? { muted: true as const } : {}),
    },
    seat,
    broadcast: state.broadcast,
    ballot: ballotView(state),
    myDots: myDots(state, participantId),
    readoutUrl: latestReadout(state)?.url ?? null,
  };
}
