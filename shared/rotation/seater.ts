import type { Board } from './board.ts';
import { Kind, PresenceClass } from './model.ts';

const HYBRID = Kind.hybrid;
const ROOM = PresenceClass.room;
const ROOM_KIND = Kind.room;
const REMOTE_KIND = Kind.remote;

/**
 * Hands out the seats `planSizes` planned, one person at a time, in any order a caller likes,
 * without ever painting itself into a corner: a room person may take a hybrid seat only while the
 * room people still to come can fill every room-only seat left (and likewise for remote people),
 * so whoever comes last always finds a seat they fit.
 */
export class Seater {
  readonly slots: Int32Array;
  /** Seats left per table kind, and people still to seat per presence. */
  readonly kindSlots = [0, 0, 0];
  readonly left = [0, 0];

  constructor(readonly board: Board) {
    const { n, nt, kind, anchor, presence } = board.problem;
    this.slots = Int32Array.from(board.sizes.target);
    for (let t = 0; t < nt; t++) this.kindSlots[kind[t]!]! += this.slots[t]!;
    for (let p = 0; p < n; p++) {
      if (anchor[p]! >= 0) this.take(p, anchor[p]!);
      else if (board.sizes.seated[p]) this.left[presence[p]!]!++;
    }
  }

  private take(p: number, t: number) {
    this.board.place(p, t);
    this.slots[t]!--;
    this.kindSlots[this.board.problem.kind[t]!]!--;
  }

  allowed(p: number, t: number): boolean {
    const { kind, presence } = this.board.problem;
    if (this.slots[t]! <= 0) return false;
    const k = kind[t]!;
    const own = presence[p]!;
    if (k !== HYBRID) return k === own;
    return this.kindSlots[own === ROOM ? ROOM_KIND : REMOTE_KIND]! <= this.left[own]! - 1;
  }

  seat(p: number, t: number) {
    this.take(p, t);
    this.left[this.board.problem.presence[p]!]!--;
  }

  /** Travellers who have a planned seat and are not seated yet. */
  pending(): number[] {
    const { n, anchor } = this.board.problem;
    const out: number[] = [];
    for (let p = 0; p < n; p++) if (anchor[p]! < 0 && this.board.sizes.seated[p] && this.board.tableOf[p]! < 0) out.push(p);
    return out;
  }
}
