import type { Note, ParticipantId, SessionState, TableId } from '../../shared/domain/state.ts';
import type { ParticipantSnapshot, SeatTableView, SeatView } from '../../shared/protocol/views.ts';
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

  table(tableId: TableId, viewerId: ParticipantId): SeatTableView | null {
    const table = this.state.tables.find((t) => t.id === tableId);
    if (!table) return null;
    let notes = this.notes.get(tableId);
    if (!notes) this.notes.set(tableId, (notes = notesAt(this.state, tableId)));
    return {
      id: table.id,
      name: table.name,
      question: table.question,
      mode: table.mode,
      videoUrl: table.videoUrl,
      memberCount: this.memberCount(tableId),
      hasHost: table.hostId !== null,
      notes: notes.map((n) => (n.authorId === viewerId ? ownNoteView(n) : noteView(n))),
      summaries: summariesAt(this.state, tableId),
    };
  }

  seat(viewerId: ParticipantId, previousTableId?: TableId): SeatView {
    const tableId = this.state.seats[viewerId];
    return {
      round: this.state.round,
      table: tableId ? this.table(tableId, viewerId) : null,
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
  const p = state.participants[participantId]!;
  const seat = new SeatViews(state).seat(participantId, state.seats[participantId]);
  return {
    role: 'participant',
    session: sessionHeader(state),
    me: { id: p.id, name: p.name, group: p.group, presence: p.presence, isHost: seat.isHost },
    seat,
    broadcast: state.broadcast,
    ballot: ballotView(state),
    myDots: myDots(state, participantId),
    readoutUrl: latestReadout(state)?.url ?? null,
  };
}
