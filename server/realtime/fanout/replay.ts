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
