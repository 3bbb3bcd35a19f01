/** The rotation engine: pure, seeded, no I/O. The domain's seating adapter is its only caller in the app. */
export type { ClosedTable, Conflict, RotationPerson, RotationTable, RoundRequest, RoundResult, RoundSittings, Seating } from './types.ts';
export { ClosedReason, ConflictKind, DEFAULT_MIN_TABLE_SIZE, tableMinimum } from './types.ts';
export { Weight } from './weights.ts';
export { roundOutline, seatRound } from './round.ts';
export { planRemaining, planSeats, planAttempts, figurePlan, asSittings, type FiguredPlan, type Plan, type PlannedRound, type PlanRequest } from './plan.ts';
export { roundFigures, planFigures, type PlanFigures, type RoundFigures } from './metrics.ts';
export { repeatedPairsLowerBound, keptTogether, type BoundRequest, type LowerBound } from './bound.ts';
export { checkRules, questionReturns, Rule, type Returns, type Violation } from './rules/index.ts';
export { randomRound, shiftRound } from './baselines.ts';
export { hashSeed, createRng, shuffle, type Rng } from './prng.ts';
