import type { ClosedTable, Conflict } from './types.ts';

/**
 * A request compiled into flat typed arrays indexed by person and table number: the search
 * evaluates hundreds of thousands of candidate seats per round and cannot afford string maps.
 */

export const Kind = { room: 0, remote: 1, hybrid: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
/** A person's presence, numbered like the table kind that takes only them. */
export const PresenceClass = { room: 0, remote: 1 } as const;

export const kindOfMode = { room: Kind.room, remote: Kind.remote, hybrid: Kind.hybrid } as const;

export interface Problem {
  n: number;
  nt: number;
  ids: string[];
  tableIds: string[];
  personIndex: Map<string, number>;
  tableIndex: Map<string, number>;
  groupNames: string[];
  group: Int32Array;
  presence: Uint8Array;
  /** Earlier rounds each person sat in: when seats run out, whoever sat in the fewest is seated first. */
  sat: Int32Array;
  kind: Uint8Array;
  cap: Int32Array;
  /** The fewest an open table seats: the café's minimum, or the table's capacity if smaller. */
  minSize: Int32Array;
  question: Int32Array;
  nq: number;
  /** Table a person must sit at (host, pin, kept seat), or -1 for a traveller. */
  anchor: Int32Array;
  /** Each table's host (person number), or -1. */
  hostOf: Int32Array;
  /** The open table a host or pinned person would sit at had the minimum size not needed their seat elsewhere, or -1. */
  wish: Int32Array;
  /** 1 when the anchor is a kept seat: it never moves, and its table never closes. */
  kept: Uint8Array;
  /** 1 for a table open this round; a closed table seats nobody (`closed` says why). */
  open: Uint8Array;
  closed: ClosedTable[];
  /** 1 for everyone with a seat this round (anchors always; travellers while seats last). */
  seated: Uint8Array;
  /** seen[p * nq + q]: p has discussed question q in an earlier round. */
  seen: Uint8Array;
  /** Everyone p has sat with before, in ascending order: nbr[nbrStart[p] .. nbrStart[p + 1]) (`hasMet` looks one up). */
  nbrStart: Int32Array;
  nbr: Int32Array;
  /** Table in the previous plan, -1 when none. */
  prev: Int32Array;
  /** What sitting elsewhere than `prev` costs. */
  moveWeight: number;
  conflicts: Conflict[];
}

export const fitsKind = (kind: number, presence: number) => kind === Kind.hybrid || kind === presence;

/** Whether a and b sat together before: a binary search in a's sorted list of people met. */
export function hasMet(problem: Pick<Problem, 'nbr' | 'nbrStart'>, a: number, b: number): boolean {
  const { nbr, nbrStart } = problem;
  let lo = nbrStart[a]!;
  let hi = nbrStart[a + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = nbr[mid]!;
    if (x === b) return true;
    if (x < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
