/**
 * The objectives as one cost. Repeated pairs come first and moves away from the previous plan
 * last (unless a request weighs moves more, see `RoundRequest.moveWeight`), strictly: one swap changes the rest by a few thousand at most, never by a repeated pair's
 * million, and changes moves by at most two, never by a same-group pair's hundred. In between, a
 * traveller back at a question they discussed (beyond what the hard rule already forbids) counts
 * as much as three same-group pairs: the issue ranks the stakeholder mix right after pairs, but a
 * café where people get a better mix and the same question again misses its point, so a new
 * question wins unless it costs more than three same-group pairs.
 */
export const Weight = { pair: 1_000_000, seenQuestion: 300, sameGroup: 100, move: 1 } as const;
