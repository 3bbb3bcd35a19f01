import type { Server } from 'socket.io';
import type { DomainEvent, DomainEventType, EventOf } from '../../../shared/domain/events.ts';
import type { ParticipantId, SessionState, TableId } from '../../../shared/domain/state.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData, VersionedEvents } from '../../../shared/protocol/events.ts';
import type { ParticipantRow } from '../../../shared/protocol/views.ts';
import { participantRow } from '../../views/facilitator.ts';
import type { CellBefore } from '../../views/moderation.ts';
import { rooms } from '../rooms.ts';

export type Io = Server<ClientToServerEvents, VersionedEvents, InterServerEvents, SocketData>;

type Rooms = string | string[];

/**
 * Where a batch's messages go, in Socket.IO's own terms (`to`, `except`, `emit`, and the room moves
 * and disconnections the facts call for): this process's own connections (`io.local`: every
 * process follows the logs and tells its own), or a single reconnecting socket hearing what it
 * missed (`replayTo`). The family handlers only ever see this.
 */
export interface Outlet {
  to(room: Rooms): Outlet;
  in(room: Rooms): Outlet;
  except(room: Rooms): Outlet;
  emit<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void;
  socketsJoin(room: Rooms): void;
  socketsLeave(room: Rooms): void;
  disconnectSockets(close?: boolean): void;
}

/** The untyped operator underneath an outlet: `io.local` and its `to()`s, or a replay's single socket. */
export interface Sink {
  to(room: Rooms): Sink;
  in(room: Rooms): Sink;
  except(room: Rooms): Sink;
  emit(event: string, ...args: unknown[]): unknown;
  socketsJoin(room: Rooms): void;
  socketsLeave(room: Rooms): void;
  disconnectSockets(close?: boolean): void;
}

/**
 * The one place a message gets its version: every emit of a batch carries, after its payload, the
 * version the batch started from (everything before it reached this connection first, in order).
 * A class rather than an object of closures: a note's fan-out makes several of these, and methods
 * on the prototype cost nothing per message.
 */
class Versioned implements Outlet {
  constructor(
    private readonly sink: Sink,
    private readonly base: number,
  ) {}
  to(room: Rooms): Outlet {
    return new Versioned(this.sink.to(room), this.base);
  }
  in(room: Rooms): Outlet {
    return new Versioned(this.sink.in(room), this.base);
  }
  except(room: Rooms): Outlet {
    return new Versioned(this.sink.except(room), this.base);
  }
  emit<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.sink.emit(event, payload, this.base);
  }
  socketsJoin(room: Rooms): void {
    this.sink.socketsJoin(room);
  }
  socketsLeave(room: Rooms): void {
    this.sink.socketsLeave(room);
  }
  disconnectSockets(close?: boolean): void {
    this.sink.disconnectSockets(close);
  }
}

export function versioned(sink: Sink, base: number): Outlet {
  return new Versioned(sink, base);
}

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
  /** Notes whose moderation view this batch sent facilitators, as they now stand. */
  staffTold: Set<string> | undefined;
  /** Notes this batch sent rapporteurs, as they now stand. */
  rapporteursTold: Set<string> | undefined;

  constructor(
    /** Where this batch's messages go; each carries the version the batch started from. */
    readonly io: Outlet,
    readonly state: SessionState,
    readonly events: readonly DomainEvent[],
    /** Whether anyone is in a room (of those this batch reaches). */
    readonly present: (room: string) => boolean,
    /** The cells whose writers its facts change, with their writers before them. */
    readonly cellsBefore: ReadonlyMap<string, CellBefore>,
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
