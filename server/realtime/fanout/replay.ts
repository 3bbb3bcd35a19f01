import type { DomainEvent, DomainEventType } from '../../../shared/domain/events.ts';
import type { SocketData } from '../../../shared/protocol/events.ts';
import type { Sink } from './batch.ts';

type Rooms = string | string[];
const list = (room: Rooms) => (typeof room === 'string' ? [room] : room);

/** A message a replay keeps for its socket, sent once the replay is done. */
export type Kept = { event: string; args: unknown[] };

/**
 * One reconnecting socket, standing in for `io.local` while the facts it missed go through the
 * fan-out again: a message reaches it only if it is in one of the rooms addressed (and none of
 * those excepted), and the room moves the facts make are applied to its room list as they go.
 *
 * Endings and disconnections are not replayed: the handshake has just checked this connection's
 * credential against the session as it is now, so whatever ended a connection before does not
 * concern this one (a replaced facilitator key, when this socket holds the new key).
 */
export class ReplaySink implements Sink {
  constructor(
    /** The socket's rooms, as the replay goes (a copy: the socket itself is already where it belongs now). */
    readonly rooms: Set<string>,
    readonly kept: Kept[],
    private readonly addressed: readonly string[] = [],
    private readonly excepted: readonly string[] = [],
  ) {}

  to(room: Rooms): ReplaySink {
    return new ReplaySink(this.rooms, this.kept, [...this.addressed, ...list(room)], this.excepted);
  }

  in(room: Rooms): ReplaySink {
    return this.to(room);
  }

  except(room: Rooms): ReplaySink {
    return new ReplaySink(this.rooms, this.kept, this.addressed, [...this.excepted, ...list(room)]);
  }

  emit(event: string, ...args: unknown[]): boolean {
    if (event === 'session:ended' || !this.reaches()) return false;
    this.kept.push({ event, args });
    return true;
  }

  socketsJoin(room: Rooms): void {
    if (this.reaches()) for (const r of list(room)) this.rooms.add(r);
  }

  socketsLeave(room: Rooms): void {
    if (this.reaches()) for (const r of list(room)) this.rooms.delete(r);
  }

  disconnectSockets(): void {
    // See above: the handshake decided this connection may stay.
  }

  private reaches(): boolean {
    if (this.excepted.some((r) => this.rooms.has(r))) return false;
    return this.addressed.length === 0 || this.addressed.some((r) => this.rooms.has(r));
  }
}

/**
 * Facts whose replay through the present state would say more than live delivery did: a released
 * note replayed as if it had reached the table when written (and then again), which tells its
 * table it was held (so its author muted) and when it was written.
 */
const MODERATION: ReadonlySet<DomainEventType> = new Set(['note:released', 'note:hidden', 'author:muted']);
/**
 * Facts that seat people. A replay starts from the rooms the socket is in now, so across a seat
 * change it would hand a table's earlier notes over in writing order, which the snapshot's keyed
 * order exists to hide. A client's version lags by the last batch it heard, so a resume just after
 * a rotation also gets its whole view: more bytes, never more than it may know.
 */
const SEATING: ReadonlySet<DomainEventType> = new Set(['seats:assigned', 'round:started', 'moving:started']);

/**
 * Whether a reconnecting connection may be told only the facts it missed, or must be sent its
 * whole view. Facilitators saw held notes as held, so nothing is new to them; every other role
 * gets its view when moderation happened in between, and the table-scoped ones also when anyone
 * was seated. Nobody is replayed a window that holds their own arrival or their link's making (a
 * claim to have seen what came before): a replay tells notes in the order they were written, which
 * a new rapporteur or co-facilitator link must not read off a version it never had.
 */
export function replayable(who: Pick<SocketData, 'role' | 'participantId' | 'rapporteurId' | 'cofacilitatorId'>, events: readonly DomainEvent[]): boolean {
  if (who.role === 'display') return false;
  if (events.some((e) => madeThem(who, e))) return false;
  if (who.role === 'facilitator' || who.role === 'cofacilitator') return true;
  const tableScoped = who.role === 'participant' || who.role === 'device';
  return !events.some((e) => MODERATION.has(e.type) || (tableScoped && SEATING.has(e.type)));
}

/** The fact that let this connection's holder in: their join or admission, their link's invitation. */
function madeThem(who: Pick<SocketData, 'participantId' | 'rapporteurId' | 'cofacilitatorId'>, e: DomainEvent): boolean {
  switch (e.type) {
    case 'participant:joined':
    case 'participant:admitted':
      return e.participantId === who.participantId;
    case 'rapporteur:invited':
      return e.rapporteurId === who.rapporteurId;
    case 'cofacilitator:invited':
      return e.cofacilitatorId === who.cofacilitatorId;
    default:
      return false;
  }
}
