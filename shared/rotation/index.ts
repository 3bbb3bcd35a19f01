/** The rotation engine: pure, seeded, no I/O. The domain's seating adapter is its only caller in the app. */
export type { Conflict, RotationPerson, RotationTable, RoundRequest, RoundResult, RoundSittings, Seating } from './types.ts';
export { ConflictKind } from './types.ts';
export { seatRound } from './round.ts';
export { planRemaining, planSeats, planAttempts, figurePlan, asSittings, type FiguredPlan, type Plan, type PlannedRound, type PlanRequest } from './plan.ts';
export { roundFigures, planFigures, type PlanFigures, type RoundFigures } from './metrics.ts';
export { repeatedPairsLowerBound, keptTogether, type BoundRequest, type LowerBound } from './bound.ts';
export { checkRules, Rule, type Violation } from './rules.ts';
export { randomRound, shiftRound } from './baselines.ts';
export { hashSeed, createRng, type Rng } from './prng.ts';
