import type { Collected, SeatRecord } from './api.ts';

export interface Delivery {
  /** Note messages (`note:added` + `note:edited`) owed to table members, authors and facilitators. */
  expected: number;
  received: number;
  /** Owed but never received. */
  lost: number;
  /** Received by more clients than sat at the table (a leak to another table would show here). */
  extra: number;
  /** The same note id received twice by one client. */
  duplicates: number;
  /** Facilitators told a note's round once its (table, round) reached 3 writers (or lost it): the k rule. */
  reveals: number;
  /**
   * Reveals the k rule did not call for: in a cell under 3 writers, or more than one for a note (the
   * bench deletes nothing, so a round once shown stays shown).
   */
  unowedReveals: number;
  /** Notes whose round the facilitators last saw against the k rule: shown under 3 writers, or withheld at 3 or more. */
  wrongRounds: number;
  /** Received for a note whose command was refused or never acknowledged. */
  afterRefusal: number;
  unknown: number;
  notes: number;
}

/**
 * Who should have received each note: everyone seated at its table in its round (the author
 * gets their own copy marked `mine`) plus the session's facilitator. Seats come from what
 * the participants were told, so a wrong seating would show up as loss, not hide it.
 */
export function account(collected: Collected[], seatsByRound: Map<number, SeatRecord[]>): Delivery {
  const rounds = [...seatsByRound.keys()].sort((a, b) => a - b);
  const members = new Map<string, number>();
  const memberCount = (session: number, round: number, tableId: string) => {
    const key = `${session}|${round}|${tableId}`;
    let n = members.get(key);
    if (n === undefined) {
      // A seat given for round r (0 = the first seating) holds until the next one.
      const from = rounds.filter((r) => r <= round).at(-1);
      n = (seatsByRound.get(from ?? -1) ?? []).filter((s) => s.session === session && s.tableId === tableId).length;
      members.set(key, n);
    }
    return n;
  };

  const receipts = new Map<string, [number, number]>();
  for (const c of collected) {
    for (const [id, [added, edited]] of c.receipts) {
      const r = receipts.get(id) ?? [0, 0];
      r[0] += added;
      r[1] += edited;
      receipts.set(id, r);
    }
  }

  const d: Delivery = {
    expected: 0,
    received: 0,
    lost: 0,
    extra: 0,
    duplicates: 0,
    reveals: 0,
    unowedReveals: 0,
    wrongRounds: 0,
    afterRefusal: 0,
    unknown: 0,
    notes: 0,
  };
  for (const c of collected) {
    d.duplicates += c.duplicates.added + c.duplicates.edited;
    d.unknown += c.unknown;
    for (const note of c.authored) {
      const [added, edited] = receipts.get(note.id) ?? [0, 0];
      receipts.delete(note.id);
      if (!note.accepted) {
        d.afterRefusal += added + edited;
        continue;
      }
      d.notes++;
      const owed = memberCount(note.session, note.round, note.tableId) + 1;
      for (const [want, got] of [
        [owed, added],
        [note.edited ? owed : 0, edited],
      ] as const) {
        d.expected += want;
        d.received += got;
        d.lost += Math.max(0, want - got);
        d.extra += Math.max(0, got - want);
      }
    }
  }
  // The k rule: a note's round reaches staff exactly when its (table, round) has 3 or more writers.
  const writers = new Map<string, Set<string>>();
  const cellOf = (n: { session: number; tableId: string; round: number }) => `${n.session}|${n.tableId}|${n.round}`;
  for (const c of collected) {
    for (const note of c.authored) {
      if (!note.accepted) continue;
      let set = writers.get(cellOf(note));
      if (!set) writers.set(cellOf(note), (set = new Set()));
      set.add(note.author);
    }
  }
  const staffRounds = new Map<string, { round: number; reveals: number }>();
  for (const c of collected) for (const [id, s] of c.staffRounds ?? []) staffRounds.set(id, s);
  for (const c of collected) {
    for (const note of c.authored) {
      const staff = staffRounds.get(note.id);
      if (!note.accepted || !staff) continue;
      d.reveals += staff.reveals;
      const shown = (writers.get(cellOf(note))?.size ?? 0) >= 3;
      if ((staff.round !== 0) !== shown) d.wrongRounds++;
      d.unowedReveals += staff.reveals - (shown ? Math.min(staff.reveals, 1) : 0);
    }
  }
  // Whatever is left was received but authored by nobody we know.
  for (const [added, edited] of receipts.values()) d.unknown += added + edited;
  return d;
}
