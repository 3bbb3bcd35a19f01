import type { Server } from 'socket.io';
import type { DomainEvent, DomainEventType, EventOf } from '../../../shared/domain/events.ts';
import type { ParticipantId, SessionState, TableId } from '../../../shared/domain/state.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../../shared/protocol/events.ts';
import type { ParticipantRow } from '../../../shared/protocol/views.ts';
import { participantRow } from '../../views/facilitator.ts';
import { rooms } from '../rooms.ts';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * One command's facts on their way out. Each fact's family handler sends what that fact alone
 * tells (a note to its table) and marks what the batch as a whole changed (the phase, the
 * harvest, seats); `finish` then sends each of those once, built only for audiences that are
 * connected.
 */
export class Batch {
  readonly sid: string;
  /** Rows of the facilitators' roster that changed. */
  readonly roster = new Map<ParticipantId, ParticipantRow>();
  /** Where people sat before this batch moved them (the first `from` a fact gives wins). */
  readonly moved = new Map<ParticipantId, TableId | null>();
  /** People a host change concerns: told their seat again, with `isHost`. */
  readonly hostsChanged = new Set<ParticipantId>();
  /** Tables whose host changed: the consoles' rows and the members' `hasHost`. */
  readonly tablesChanged = new Set<TableId>();
  phase = false;
  /** A rapporteur's command changed the board: facilitators and rapporteurs get the whole harvest view. */
  harvest = false;
  /** Only what the attribution check finds may have changed (an edit of a quoted note, a join naming someone). */
  findings = false;
  /** Only the tallies moved. */
  votes = false;
  /** A sorted note was edited by its author: the "changed since sorted" list moved. */
  changedNotes = false;
  /** The themes participants vote on changed. */
  ballot = false;
  /** Voters' own dots moved (a merge or a deletion): each voter hears their own again. */
  voters = false;
  /** The table map the displays show changed. */
  displays = false;
  seating = false;
  /** Who gets in changed: the consoles hear it. */
  admission = false;
  /** Let in from the lobby: each gets their whole view anew. */
  readonly admitted = new Set<ParticipantId>();

  constructor(
    readonly io: Io,
    readonly state: SessionState,
    readonly events: readonly DomainEvent[],
    /** Whether anyone is in a room; always true when other processes may hold its sockets. */
    readonly present: (room: string) => boolean,
  ) {
    this.sid = state.id;
  }

  /** The facilitators' row for a participant, once per batch. */
  rosterRow(pid: ParticipantId): void {
    const p = this.state.participants.get(pid);
    if (p) this.roster.set(pid, participantRow(this.state, p));
  }

  /** Records a seat someone left in this batch, keeping the earliest. */
  left(pid: ParticipantId, from: TableId | null): void {
    if (!this.moved.has(pid)) this.moved.set(pid, from);
    this.rosterRow(pid);
  }

  get staff(): string[] {
    return [rooms.facilitators(this.sid), rooms.rapporteurs(this.sid)];
  }

  staffPresent(): boolean {
    return this.staff.some((room) => this.present(room));
  }
}

export type Handler<T extends DomainEventType> = (batch: Batch, e: EventOf<T>) => void;
/** One family's handlers, for the facts it owns. */
export type FactHandlers<T extends DomainEventType> = { [K in T]: Handler<K> };
