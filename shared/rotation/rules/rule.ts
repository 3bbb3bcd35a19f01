/** The rules a seating must keep, highest first; `checkRules` reports each broken one. */
export const Rule = {
  missing: 'missing',
  unknownTable: 'unknown-table',
  fixedMoved: 'fixed-moved',
  hostMoved: 'host-moved',
  pinBroken: 'pin-broken',
  misfit: 'misfit',
  overCapacity: 'over-capacity',
  /** An open table below the minimum size while a seating of the same people avoids it. */
  belowMinimum: 'below-minimum',
  /** A table left empty that could have opened without bringing others below the minimum. */
  leftEmpty: 'left-empty',
  waitingWithRoom: 'waiting-with-room',
  /** Someone waits while a person of the same presence who sat in more earlier rounds (or as many, and joined later) has a seat. */
  waitingUnfair: 'waiting-unfair',
  sizeImbalance: 'size-imbalance',
  /** More travellers back at a question they discussed than the fewest any seating keeping the rules above allows. */
  sentBack: 'sent-back',
  /** A table of one stakeholder group that one exchange would mix. */
  singleGroup: 'single-group',
} as const;
export type Rule = (typeof Rule)[keyof typeof Rule];

export interface Violation {
  rule: Rule;
  personId?: string;
  tableId?: string;
  /** The other person involved, where the rule names two (an exchange that would mix a table, a seat someone should have had). */
  withId?: string;
  detail: string;
}
