/**
 * The objectives as one cost, for comparing a move or a swap with another. They rank strictly, in
 * the order the rules do: a traveller back at a question they discussed (a rule, kept exactly:
 * the search starts where no seating sends fewer back and never takes a step that sends one more),
 * then a table of a single stakeholder group, then a repeated meeting, then a move away from an
 * accepted plan when a repair weighs moves (`repairMove`), then a same-group pair (the mix), then a
 * move away from the previous plan otherwise. One swap changes each level by a bounded amount (at
 * most two questions, two single-group tables, two tables' worth of pairs, that is 60 at a table
 * of 30), and each weight is larger than everything below it can change by in one swap.
 */
export const Weight = {
  /** A host or pinned person whose table is open but who had to give up their seat there (for the minimum size elsewhere): back there whenever an exchange allows. */
  anchorAway: 100_000_000,
  seenQuestion: 10_000_000,
  singleGroup: 1_000_000,
  pair: 10_000,
  repairMove: 1_000,
  sameGroup: 10,
  move: 1,
} as const;
