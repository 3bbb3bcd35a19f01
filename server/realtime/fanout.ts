import type { Server } from 'socket.io';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { Note, ParticipantId, SessionState, TableId } from '../../shared/domain/state.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol/events.ts';
import type { ParticipantRow, TableRow } from '../../shared/protocol/views.ts';
import { noteView, ownNoteView, phaseView, tableRow } from '../views/common.ts';
import { displayTables } from '../views/display.ts';
import { participantRow } from '../views/facilitator.ts';
import { ballotView, dotsLeft, harvestView, myDots, rapporteurRows, readoutPath } from '../views/harvest.ts';
import { SeatViews } from '../views/participant.ts';
import { seatingStatus } from '../views/seating.ts';
import { rooms } from './rooms.ts';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the facts of one command change, gathered before they are applied. */
export interface Before {
  seats: Map<ParticipantId, TableId | undefined>;
  hosts: Map<TableId, ParticipantId | null>;
  seatingVersion: number;
}

const PHASE_EVENTS = new Set<DomainEvent['type']>([
  'round:started',
  'round:ended',
  'moving:started',
  'timer:paused',
  'timer:resumed',
  'timer:extended',
  'harvest:opened',
  'session:closed',
]);

export function captureBefore(state: SessionState, events: readonly DomainEvent[]): Before {
  const before: Before = { seats: new Map(), hosts: new Map(), seatingVersion: state.seatingVersion };
  const touch = (pid: ParticipantId) => {
    if (!before.seats.has(pid)) before.seats.set(pid, state.seats.get(pid));
  };
  for (const e of events) {
    if (e.type === 'seats:assigned') for (const pid of Object.keys(e.seats)) touch(pid);
    if (e.type === 'participant:left' || e.type === 'participant:removed') touch(e.participantId);
    if (e.type === 'host:assigned' || e.type === 'seats:assigned' || e.type === 'participant:left' || e.type === 'participant:removed') {
      for (const t of state.tables) if (!before.hosts.has(t.id)) before.hosts.set(t.id, t.hostId);
    }
  }
  return before;
}

/**
 * Turns committed facts into role-specific messages. Participants get views without other
 * people's ids, names or groups; the author of a note learns it is theirs through their own room.
 */
export class Fanout {
  constructor(
    private readonly io: Io,
    /** Called when the table map changed, so displays can be refreshed (throttled by the caller). */
    private readonly displayChanged: (sessionId: string) => void = () => {},
  ) {}

  publish(state: SessionState, events: readonly DomainEvent[], before: Before): void {
    const sid = state.id;
    const roster = new Map<ParticipantId, ParticipantRow>();
    let phaseChanged = false;
    let tablesChanged = false;
    /** What rapporteurs and facilitators see of the harvest (findings included) may have changed. */
    let harvestChanged = false;
    /** The themes participants vote on changed. */
    let ballotChanged = false;
    /** Voters' own dots moved (a merge or a deletion), so each voter hears their own again. */
    let votersChanged = false;

    for (const e of events) {
      if (PHASE_EVENTS.has(e.type)) phaseChanged = true;
      switch (e.type) {
        case 'session:created':
        case 'round:started':
        case 'round:ended':
        case 'moving:started':
        case 'timer:paused':
        case 'timer:resumed':
        case 'timer:extended':
        case 'session:closed':
        case 'seats:assigned':
        case 'seating:planned':
          break;
        case 'harvest:opened':
          ballotChanged = true;
          break;
        case 'participant:joined':
          // A new name on the roster can only matter to texts already written: themes, syntheses, summaries.
          harvestChanged ||= state.harvest.themes.size > 0 || state.harvest.syntheses.size > 0 || state.summaries.size > 0;
          roster.set(e.participantId, participantRow(state, state.participants.get(e.participantId)!));
          break;
        case 'participant:pinned':
          roster.set(e.participantId, participantRow(state, state.participants.get(e.participantId)!));
          break;
        case 'participant:left':
        case 'participant:removed': {
          roster.set(e.participantId, participantRow(state, state.participants.get(e.participantId)!));
          const reason = e.type === 'participant:left' ? 'left' : 'removed';
          const room = this.io.to(rooms.participant(e.participantId));
          room.emit('session:ended', {
            reason,
            message: reason === 'removed' ? 'The facilitator removed you from this session.' : 'You left this session.',
          });
          this.io.in(rooms.participant(e.participantId)).disconnectSockets(true);
          break;
        }
        case 'host:assigned':
          tablesChanged = true;
          break;
        case 'note:added':
          this.sendNote(state, state.notes.get(e.noteId)!, 'upsert');
          break;
        case 'note:edited':
          this.sendNote(state, state.notes.get(e.noteId)!, 'upsert');
          harvestChanged ||= this.sorted(state, e.noteId);
          break;
        case 'note:deleted':
          this.sendNote(state, state.notes.get(e.noteId)!, 'remove');
          harvestChanged ||= this.sorted(state, e.noteId);
          break;
        case 'note:hidden':
          this.sendNote(state, state.notes.get(e.noteId)!, e.hidden ? 'hide' : 'upsert');
          harvestChanged ||= this.sorted(state, e.noteId);
          break;
        case 'summary:written': {
          const summary = { tableId: e.tableId, round: e.round, text: e.text };
          this.io.to([rooms.table(sid, e.tableId), rooms.facilitators(sid), rooms.rapporteurs(sid)]).emit('summary:written', summary);
          harvestChanged = true;
          break;
        }
        case 'rapporteur:invited':
          this.io.to(rooms.facilitators(sid)).emit('rapporteurs:changed', rapporteurRows(state));
          break;
        case 'rapporteur:revoked':
          this.io.to(rooms.facilitators(sid)).emit('rapporteurs:changed', rapporteurRows(state));
          this.io.to(rooms.rapporteur(sid, e.rapporteurId)).emit('session:ended', { reason: 'removed', message: 'The facilitator withdrew this rapporteur link.' });
          this.io.in(rooms.rapporteur(sid, e.rapporteurId)).disconnectSockets(true);
          break;
        case 'theme:merged':
        case 'theme:deleted':
          // Dots on a merged theme now count for the theme it went into; dots on a deleted one are given back.
          votersChanged = true;
          harvestChanged = true;
          ballotChanged = true;
          break;
        case 'theme:created':
        case 'theme:renamed':
        case 'vote:configured':
        case 'finding:redacted':
          harvestChanged = true;
          ballotChanged = true;
          break;
        case 'theme:marked':
        case 'note:sorted':
        case 'note:sidelined':
        case 'quote:edited':
        case 'synthesis:written':
        case 'finding:kept':
          harvestChanged = true;
          break;
        case 'vote:recorded':
          harvestChanged = true;
          // A voter hears about their own dots only; the tally goes to the staff.
          this.io.to(rooms.participant(e.participantId)).emit('ballot:mine', { dots: myDots(state, e.participantId), dotsLeft: dotsLeft(state, e.participantId) });
          break;
        case 'readout:published':
          harvestChanged = true;
          this.io.to(rooms.session(sid)).emit('readout:published', { readoutId: e.readoutId, version: e.version, url: readoutPath(e.readoutId) });
          break;
        case 'broadcast:sent':
          this.io.to(rooms.session(sid)).emit('broadcast:sent', state.broadcast!);
          break;
        default: {
          const never: never = e;
          throw new Error(`Unhandled event ${JSON.stringify(never)}`);
        }
      }
    }

    if (phaseChanged) this.io.to(rooms.session(sid)).emit('phase:changed', phaseView(state));
    if (harvestChanged) this.io.to([rooms.facilitators(sid), rooms.rapporteurs(sid)]).emit('harvest:changed', harvestView(state));
    if (ballotChanged) {
      const ballot = ballotView(state);
      if (ballot) this.io.to(rooms.session(sid)).emit('ballot:changed', ballot);
    }
    if (votersChanged) {
      for (const pid of state.harvest.votes.keys()) {
        this.io.to(rooms.participant(pid)).emit('ballot:mine', { dots: myDots(state, pid), dotsLeft: dotsLeft(state, pid) });
      }
    }
    const seatsChanged = this.moveSeats(state, before, roster);
    if (roster.size) this.io.to(rooms.facilitators(sid)).emit('roster:changed', [...roster.values()]);
    if (tablesChanged || seatsChanged) {
      const changed: TableRow[] = state.tables.filter((t) => before.hosts.get(t.id) !== t.hostId).map(tableRow);
      if (changed.length) this.io.to(rooms.facilitators(sid)).emit('tables:changed', changed);
    }
    if (seatsChanged || phaseChanged || events.some((e) => e.type === 'participant:joined')) this.displayChanged(sid);
    // A preview the console holds is stale now; a few numbers, so it goes with every such change.
    if (state.seatingVersion !== before.seatingVersion) this.io.to(rooms.facilitators(sid)).emit('seating:changed', seatingStatus(state));
  }

  /** Whether a note is quoted in a theme, so changing it changes what the check reads. */
  private sorted(state: SessionState, noteId: string): boolean {
    return [...state.harvest.themes.values()].some((t) => t.noteIds.includes(noteId));
  }

  refreshDisplays(state: SessionState): void {
    this.io.to(rooms.displays(state.id)).emit('display:tables', displayTables(state));
  }

  private sendNote(state: SessionState, note: Note, change: 'upsert' | 'remove' | 'hide') {
    const sid = state.id;
    const author = rooms.participant(note.authorId);
    const table = rooms.table(sid, note.tableId);
    const staff = [rooms.facilitators(sid), rooms.rapporteurs(sid)];
    if (change === 'upsert') {
      const event = note.edited || note.hidden ? 'note:edited' : 'note:added';
      // Peers and staff get the same anonymous view: one broadcast, encoded once.
      this.io.to([table, ...staff]).except(author).emit(event, noteView(note));
      this.io.to(author).emit(event, ownNoteView(note));
    } else {
      const ref = { id: note.id, tableId: note.tableId };
      this.io.to([table, author]).emit('note:removed', ref);
      if (change === 'hide') this.io.to(staff).emit('note:edited', noteView(note));
      else this.io.to(staff).emit('note:removed', ref);
    }
  }

  /**
   * Moves sockets between table rooms and tells each moved participant their new seat.
   * Room changes are grouped per table so a rotation of thousands costs a few hundred operations.
   */
  private moveSeats(state: SessionState, before: Before, roster: Map<ParticipantId, ParticipantRow>): boolean {
    const sid = state.id;
    const views = new SeatViews(state);
    const moved: ParticipantId[] = [];
    const leaving = new Map<TableId, string[]>();
    const joining = new Map<TableId, string[]>();
    const touchedTables = new Set<TableId>();
    for (const [pid, previous] of before.seats) {
      const now = state.seats.get(pid);
      const p = state.participants.get(pid)!;
      roster.set(pid, participantRow(state, p));
      if (now === previous) continue;
      moved.push(pid);
      if (previous) {
        const list = leaving.get(previous) ?? [];
        list.push(rooms.participant(pid));
        leaving.set(previous, list);
        touchedTables.add(previous);
      }
      if (now) {
        touchedTables.add(now);
        const list = joining.get(now) ?? [];
        list.push(rooms.participant(pid));
        joining.set(now, list);
      }
    }
    // A host change alters what the table's members see, even when nobody moved.
    const hostChanged = new Set<ParticipantId>();
    for (const [tid, previousHost] of before.hosts) {
      const host = state.tables.find((t) => t.id === tid)?.hostId ?? null;
      if (host === previousHost) continue;
      touchedTables.add(tid);
      if (previousHost) hostChanged.add(previousHost);
      if (host) hostChanged.add(host);
    }
    if (moved.length) {
      // Each mover leaves the one table room they were in, not every room anyone left: a rotation
      // of 2,000 at 250 tables was 500,000 room removals.
      for (const [tid, members] of leaving) this.io.in(members).socketsLeave(rooms.table(sid, tid));
      for (const [tid, members] of joining) this.io.in(members).socketsJoin(rooms.table(sid, tid));
    }
    // Everyone a seating names hears from it, including those told to stay (hosts, pinned people).
    // Each hears of their seat alone; what others wrote at the table goes once per table after.
    const seatedAt = new Map<TableId, string[]>();
    for (const pid of new Set([...before.seats.keys(), ...hostChanged])) {
      if (state.participants.get(pid)?.status !== 'active') continue;
      const seat = views.seatOfSeating(pid, before.seats.has(pid) ? before.seats.get(pid) : state.seats.get(pid));
      this.io.to(rooms.participant(pid)).emit('seat:changed', seat);
      if (!seat.table) continue;
      const recipients = seatedAt.get(seat.table.id) ?? [];
      recipients.push(rooms.participant(pid));
      seatedAt.set(seat.table.id, recipients);
    }
    for (const [tid, recipients] of seatedAt) this.io.to(recipients).emit('table:history', views.history(tid));
    for (const tid of touchedTables) {
      const table = state.tables.find((t) => t.id === tid);
      if (!table) continue;
      this.io
        .to(rooms.table(sid, tid))
        // Of the movers, only those who just joined this table are in its room.
        .except(joining.get(tid) ?? [])
        .emit('table:changed', { id: tid, memberCount: views.memberCount(tid), hasHost: table.hostId !== null });
    }
    return moved.length > 0 || hostChanged.size > 0;
  }
}
