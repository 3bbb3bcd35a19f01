import type { Conflict } from './types.ts';

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
  kind: Uint8Array;
  cap: Int32Array;
  question: Int32Array;
  nq: number;
  /** Table a person must sit at (host, pin, fixed seat), or -1 for a traveller. */
  anchor: Int32Array;
  /** seen[p * nq + q]: p has discussed question q in an earlier round. */
  seen: Uint8Array;
  /** Pairs who have sat together before, keyed by pairKey. */
  met: Set<number>;
  /** Everyone p has met: nbr[nbrStart[p] .. nbrStart[p + 1]). */
  nbrStart: Int32Array;
  nbr: Int32Array;
  /** Table in the previous plan, -1 when none. */
  prev: Int32Array;
  /** What sitting elsewhere than `prev` costs. */
  moveWeight: number;
  conflicts: Conflict[];
}

export const fitsKind = (kind: number, presence: number) => kind === Kind.hybrid || kind === presence;

export function pairKey(problem: Pick<Problem, 'n'>, a: number, b: number): number {
  return a < b ? a * problem.n + b : b * problem.n + a;
}
