import type { Presence, TableMode } from '../domain/enums.ts';

/**
 * The engine's own view of a café: only what seating depends on, so it can be driven by the
 * domain, by the benchmark and by tests alike, with no session state in sight.
 */

export interface RotationTable {
  id: string;
  question: string;
  mode: TableMode;
  capacity: number;
  hostId: string | null;
}

export interface RotationPerson {
  id: string;
  group: string;
  presence: Presence;
  pinnedTo: string | null;
}

/** Who sat at which tables in one round; someone moved mid-round sat at several. */
export type RoundSittings = Readonly<Record<string, readonly string[]>>;

/** Where each person sits; `null` means waiting for a seat. */
export type Seating = Record<string, string | null>;

export interface RoundRequest {
  tables: readonly RotationTable[];
  /**
   * Everyone to seat, earliest joiner first. When seats run out, those who have sat in the most
   * earlier rounds (of `history`) wait, and among them the latest joiners: waiting rotates.
   */
  people: readonly RotationPerson[];
  /** Earlier rounds, oldest first: who has met whom, and which questions each person has discussed. */
  history: readonly RoundSittings[];
  /** Seats that stay as they are, e.g. everyone already seated when a late joiner arrives. */
  fixed?: Readonly<Record<string, string>>;
  /** The seating planned before something changed: as few people as possible are moved away from it. */
  previous?: Readonly<Seating>;
  seed: number;
  /** Search budget multiplier, 1 by default. The result depends on it, never on the clock. */
  effort?: number;
  /**
   * What one move away from `previous` costs, in the units of `Weight` (board.ts). By default
   * `Weight.move`, a tie-break after the mix; a repair after a change mid-session passes more, so
   * that moves rank right after repeated pairs and new questions, before the mix.
   */
  moveWeight?: number;
  /**
   * The fewest people an open table may seat (default `DEFAULT_MIN_TABLE_SIZE`): a table that would
   * seat fewer stays empty this round, unless the people who could sit there are fewer than that.
   * A table whose capacity is smaller counts as full at its capacity.
   */
  minTableSize?: number;
}

/**
 * Three: fewer lets whoever sees the seats (the facilitator) name the author of a table's notes.
 * The one definition of a small table: the rotation closes tables rather than seat fewer, and a
 * facilitator's manual move that leaves fewer is refused until confirmed (shared/commands/people.ts).
 */
export const DEFAULT_MIN_TABLE_SIZE = 3;

/** The fewest people a table may seat when open: the café's minimum, or its capacity if smaller. */
export const tableMinimum = (capacity: number, minimum: number = DEFAULT_MIN_TABLE_SIZE) => Math.max(1, Math.min(minimum, capacity));

export const ClosedReason = {
  /** Too few people to seat the minimum at every table: this one stays empty this round. */
  tooFewPeople: 'too-few-people',
  /** Nobody with a seat this round fits this table's mode (for example a remote table with no remote people). */
  noneFit: 'none-fit',
} as const;
export type ClosedReason = (typeof ClosedReason)[keyof typeof ClosedReason];

/** A table left empty this round, and why: the facilitator is told. */
export interface ClosedTable {
  tableId: string;
  reason: ClosedReason;
}

export const ConflictKind = {
  /** More people pinned to a table than it seats: the later pins travel this round. */
  pinOverflow: 'pin-overflow',
  /** Pinned to a table that does not exist or does not take their presence: they travel. */
  pinInvalid: 'pin-invalid',
  /** A host pinned to another table: hosting wins. */
  pinOverruledByHost: 'pin-overruled-by-host',
  /** A host whose table does not take their presence: they travel. */
  hostInvalid: 'host-invalid',
  /** A host whose table is closed this round (too few people): they sit at another table. */
  hostTableClosed: 'host-table-closed',
  /** Pinned to a table that is closed this round: they sit at another table. */
  pinTableClosed: 'pin-table-closed',
} as const;
export type ConflictKind = (typeof ConflictKind)[keyof typeof ConflictKind];

/** A hard rule that could not be kept because it clashed with another; the facilitator should hear of it. */
export interface Conflict {
  kind: ConflictKind;
  personId: string;
  tableId: string | null;
}

export interface RoundResult {
  /** Everyone in the request: their table, or null while no seat they fit is free. */
  seats: Seating;
  conflicts: Conflict[];
  /** Tables left empty this round, with the reason. */
  closed: ClosedTable[];
}
