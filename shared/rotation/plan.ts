import { compareScores } from './board.ts';
import { repeatedPairsLowerBound, type LowerBound } from './bound.ts';
import { planFigures, roundFigures, type PlanFigures, type RoundFigures } from './metrics.ts';
import { designStart } from './designs.ts';
import { golferStart } from './golfers.ts';
import { createRng, hashSeed, type Rng } from './prng.ts';
import { compile } from './problem.ts';
import { seatRound } from './round.ts';
import { checkRules } from './rules/index.ts';
import { Schedule, tabuSearch, type ScheduleFreedom, type ScheduleRound } from './schedule.ts';
import { planSizes } from './sizes.ts';
import type { ClosedTable, Conflict, RotationPerson, RotationTable, RoundRequest, RoundSittings, Seating } from './types.ts';

/**
 * A plan for every remaining round, for the facilitator to preview, accept or reshuffle. Rounds are
 * planned in order, each treating the rounds planned before it as if they had happened. The plan is
 * a pure function of its request, so the domain seats the next round from the first round of this
 * very plan: what the preview shows is what "next round" applies, as long as nothing changed in
 * between. When something did (a late joiner, a departure, a pin), replanning with `previous`
 * moves as few people as it can.
 */

export interface PlanRequest {
  tables: readonly RotationTable[];
  /** Everyone expected in the coming rounds, earliest joiner first. */
  people: readonly RotationPerson[];
  /** Rounds already held, oldest first. */
  history: readonly RoundSittings[];
  /** The round numbers to plan, in order. */
  rounds: readonly number[];
  seedFor: (round: number) => number;
  /** Seats that stay as they are in the first planned round (people already seated for it). */
  fixedFirst?: Readonly<Record<string, string>>;
  /** An earlier plan for the same rounds, by round number, to stay close to. */
  previous?: Readonly<Record<number, Seating>>;
  effort?: number;
  /** What a move away from `previous` costs in each round's search (see `RoundRequest.moveWeight`). */
  moveWeight?: number;
  /** See `RoundRequest.minTableSize`. */
  minTableSize?: number;
}

export interface PlannedRound {
  round: number;
  seats: Seating;
  conflicts: Conflict[];
  /** Tables left empty in this round, and why. */
  closed: ClosedTable[];
}

export interface Plan {
  rounds: PlannedRound[];
}

export interface FiguredPlan extends Plan {
  rounds: (PlannedRound & { figures: RoundFigures })[];
  figures: PlanFigures & { lowerBound: LowerBound };
}

/**
 * Planning round by round is short-sighted: an early round that looks perfect can corner a later
 * one (remote people who all met early have nobody new left). So a plan is searched whole:
 *
 * 1. Round by round, several times from different random starts for small cafés (each a little
 *    less thoroughly), keeping the best; large cafés have so much room that the first is as good.
 * 2. For cafés small enough (people x rounds x tables within `TABU_WORK`), a tabu search over the
 *    whole plan (`schedule.ts`), from that plan and from a combinatorial design where the café's
 *    shape has one (`designs.ts`), which is what finds the known optima of tight cafés.
 * 3. Then every round is checked against the rules in order, with the rounds before it as history:
 *    the whole-plan search weighs a return to a known question at any point of the plan, the rule
 *    asks for the fewest in each round given the ones before. A round that breaks a rule is searched
 *    again from where it stands; should any still break one, the round-by-round plan is kept.
 *
 * Work is sized by people x tables x rounds and counted, never timed.
 */
const PLAN_BUDGET = 240_000;
const MAX_PLAN_ATTEMPTS = 16;
const EFFORT_PER_ATTEMPT = 0.05;
/** The whole-plan search runs for people x rounds up to this (its meeting matrix is people squared). */
const TABU_PEOPLE_ROUNDS = 2_400;
/** Its budget, in candidate steps times the size of the tables they touch: about a second of a core at most. */
const TABU_BUDGET = 3_000_000;
/** The social golfer search's budget (golfers.ts), in exchanges evaluated times the table size. */
const GOLFER_BUDGET = 30_000_000;
/** A round brought back under the rules after the whole-plan search is searched lightly: it starts from the plan. */
const SETTLE_EFFORT = 0.25;

export function planAttempts(request: Pick<PlanRequest, 'people' | 'tables' | 'rounds'>): number {
  const work = Math.max(1, request.people.length * request.tables.length * request.rounds.length);
  return Math.max(1, Math.min(MAX_PLAN_ATTEMPTS, Math.floor(PLAN_BUDGET / work)));
}

type SeatedPlan = Plan & { requests: RoundRequest[] };

/** The seatings alone: what a round needs, without the cost of the figures. */
export function planSeats(request: PlanRequest): SeatedPlan {
  const attempts = planAttempts(request);
  // A replan stays close to the plan it replaces (`previous`): round by round, each starting from it.
  const whole = request.people.length * request.rounds.length <= TABU_PEOPLE_ROUNDS && request.rounds.length > 1 && !request.previous;
  // Nothing to compare (a large café): the round-by-round plan, without scoring it.
  if (attempts === 1 && !whole) return planOnce(request, request.seedFor, request.effort ?? 1);
  let best: SeatedPlan | undefined;
  let bestScore: number[] = [];
  const consider = (plan: SeatedPlan) => {
    const score = planScore(
      plan.requests,
      plan.rounds.map((r) => r.seats),
    );
    if (!best || compareScores(score, bestScore) < 0) {
      best = plan;
      bestScore = score;
    }
  };
  for (let attempt = 0; attempt < attempts; attempt++) {
    // Attempt 0 is the thorough sequential plan; the others are quick, different starts that may beat it.
    const seedFor = attempt === 0 ? request.seedFor : (round: number) => hashSeed(request.seedFor(round), 'plan', attempt);
    consider(planOnce(request, seedFor, (request.effort ?? 1) * (attempt === 0 ? 1 : EFFORT_PER_ATTEMPT)));
  }
  // Nothing for the whole-plan search to win when the plan has no single-group table and its extra
  // meetings are at the lower bound (returns are already the fewest each round allows).
  // (Scores: hosts and pins away from their table, returns, single-group tables, extra meetings, ...)
  const bound = whole ? repeatedPairsLowerBound({ ...request, rounds: request.rounds.length }).total : 0;
  if (whole && (bestScore[0]! > 0 || bestScore[2]! > 0 || bestScore[3]! > bound)) {
    const sequential = best!;
    // Lazily: each start is made only if the ones before it left something to fix. The golfer
    // search only ever returns a plan with no repeat at all, so it is tried only where the bound allows one.
    const starts = [
      () => designSeatings(request, sequential),
      () => (bound === 0 ? golferSeatings(request, sequential) : null),
      () => sequential.rounds.map((r) => r.seats),
    ];
    for (const make of starts) {
      const start = make();
      if (!start) continue;
      const searched = searchWhole(request, sequential.requests, start);
      if (searched) consider(searched);
      if (compareScores(bestScore.slice(0, 4), [0, 0, 0, 0]) === 0) break;
    }
    // The size plan fixes how many each kind of table seats; the rules do not. Where repeats are
    // still above the bound and tables differ in kind, the best plan is searched again with that
    // share left free (30 / 6: remote people repeat less when the hybrid tables take more).
    if (bestScore[0] === 0 && bestScore[3]! > bound && mixedKinds(request.tables)) {
      const searched = searchWhole(
        request,
        best!.requests,
        best!.rounds.map((r) => r.seats),
        { acrossKinds: true },
      );
      if (searched) consider(searched);
    }
  }
  return best!;
}

/** Whether the café has open tables of more than one kind, between which travellers could be shared differently. */
function mixedKinds(tables: readonly RotationTable[]): boolean {
  return new Set(tables.filter((t) => t.capacity > 0).map((t) => t.mode)).size > 1;
}

/** A combinatorial design's rounds where the café's shape has one, the plan's own rounds after them; null otherwise. */
function designSeatings(request: PlanRequest, plan: SeatedPlan): Seating[] | null {
  const rounds = scheduleRounds(
    request,
    plan.requests,
    plan.rounds.map((r) => r.seats),
    createRng(0),
  );
  const design = designStart(rounds, createRng(hashSeed(request.seedFor(request.rounds[0]!), 'design')));
  if (!design) return null;
  return rounds.map((round, i) => {
    const start = design[i];
    if (!start) return plan.rounds[i]!.seats;
    const seats: Seating = {};
    for (let p = 0; p < round.problem.n; p++) seats[round.problem.ids[p]!] = start[p]! >= 0 ? round.problem.tableIds[start[p]!]! : null;
    return seats;
  });
}

/** A plan from the social golfer search (golfers.ts) where the café's shape is regular and it finds one with nothing to fix; null otherwise. */
function golferSeatings(request: PlanRequest, plan: SeatedPlan): Seating[] | null {
  const rounds = scheduleRounds(
    request,
    plan.requests,
    plan.rounds.map((r) => r.seats),
    createRng(0),
  );
  const found = golferStart(rounds, createRng(hashSeed(request.seedFor(request.rounds[0]!), 'golfers')), GOLFER_BUDGET * (request.effort ?? 1));
  if (!found) return null;
  return rounds.map((round, i) => {
    const seats: Seating = {};
    for (let p = 0; p < round.problem.n; p++) seats[round.problem.ids[p]!] = found[i]![p]! >= 0 ? round.problem.tableIds[found[i]![p]!]! : null;
    return seats;
  });
}

/** The plan's rounds as the whole-plan search sees them: compiled against real history only, with their size plans. */
function scheduleRounds(request: PlanRequest, requests: readonly RoundRequest[], seatings: readonly Seating[], rng: Rng): ScheduleRound[] {
  return requests.map((r, i) => {
    const problem = compile({ ...r, history: request.history });
    const start = new Int32Array(problem.n).fill(-1);
    const counts = new Int32Array(problem.nt);
    for (let p = 0; p < problem.n; p++) {
      const tid = seatings[i]![problem.ids[p]!];
      const t = tid ? problem.tableIndex.get(tid) : undefined;
      if (t !== undefined) {
        start[p] = t;
        counts[t]!++;
      }
    }
    return { problem, sizes: planSizes(problem, rng, (t) => counts[t]!), start };
  });
}

/** The tabu search over the whole plan from `start`, then each round brought under the rules in order; null if one cannot be. */
function searchWhole(request: PlanRequest, requests: readonly RoundRequest[], start: readonly Seating[], freedom: ScheduleFreedom = {}): SeatedPlan | null {
  const rng = createRng(hashSeed(request.seedFor(request.rounds[0]!), 'whole', freedom.acrossKinds ? 'kinds' : ''));
  const rounds = scheduleRounds(request, requests, start, rng);
  const schedule = new Schedule(rounds, freedom);
  tabuSearch(schedule, { budget: TABU_BUDGET * (request.effort ?? 1), rng });
  const seatings = rounds.map((round, r) => {
    const seats: Seating = {};
    for (let p = 0; p < round.problem.n; p++) {
      const t = schedule.tableOf[r * round.problem.n + p]!;
      seats[round.problem.ids[p]!] = t >= 0 ? round.problem.tableIds[t]! : null;
    }
    return seats;
  });
  return settle(request, requests, seatings);
}

/**
 * Each round, in order, held to the rules with the rounds before it as history; a round that breaks
 * one is searched again from where it stands (its later rounds counting for pairs), which keeps them.
 */
function settle(request: PlanRequest, requests: readonly RoundRequest[], seatings: Seating[]): SeatedPlan | null {
  const out: RoundRequest[] = [];
  const rounds: PlannedRound[] = [];
  for (let i = 0; i < seatings.length; i++) {
    const roundRequest: RoundRequest = { ...requests[i]!, history: [...request.history, ...seatings.slice(0, i).map(asSittings)] };
    if (checkRules(roundRequest, seatings[i]!).length) {
      const later = seatings.slice(i + 1).map(asSittings);
      seatings[i] = seatRound(
        {
          ...roundRequest,
          previous: seatings[i]!,
          moveWeight: undefined,
          seed: hashSeed(roundRequest.seed, 'settle'),
          effort: SETTLE_EFFORT * (request.effort ?? 1),
        },
        { alsoMet: later },
      ).seats;
      if (checkRules(roundRequest, seatings[i]!).length) return null;
    }
    const result = compile(roundRequest);
    out.push(roundRequest);
    rounds.push({ round: request.rounds[i]!, seats: seatings[i]!, conflicts: result.conflicts, closed: result.closed });
  }
  return { rounds, requests: out };
}

function planOnce(request: PlanRequest, seedFor: (round: number) => number, effort: number): SeatedPlan {
  const history = [...request.history];
  const rounds: PlannedRound[] = [];
  const requests: RoundRequest[] = [];
  const people = request.people;
  request.rounds.forEach((round, i) => {
    const before = request.previous?.[round];
    const roundRequest: RoundRequest = {
      tables: request.tables,
      people,
      history: [...history],
      seed: seedFor(round),
      effort,
      ...(request.minTableSize !== undefined ? { minTableSize: request.minTableSize } : {}),
      ...(i === 0 && request.fixedFirst ? { fixed: request.fixedFirst } : {}),
      ...(before ? { previous: before, ...(request.moveWeight !== undefined ? { moveWeight: request.moveWeight } : {}) } : {}),
    };
    const { seats, conflicts, closed } = seatRound(roundRequest);
    rounds.push({ round, seats, conflicts, closed });
    requests.push(roundRequest);
    history.push(asSittings(seats));
  });
  return { rounds, requests };
}

/** The plan's objectives, highest first, as the whole-plan search counts them. */
function planScore(requests: readonly RoundRequest[], seatings: readonly Seating[]): number[] {
  if (!requests.length) return [];
  const rounds: ScheduleRound[] = requests.map((r, i) => {
    const problem = compile({ ...r, history: requests[0]!.history });
    const start = new Int32Array(problem.n).fill(-1);
    for (let p = 0; p < problem.n; p++) {
      const tid = seatings[i]![problem.ids[p]!];
      const t = tid ? problem.tableIndex.get(tid) : undefined;
      if (t !== undefined) start[p] = t;
    }
    return {
      problem,
      sizes: { seated: problem.seated, lo: new Int32Array(problem.nt), hi: problem.cap, target: problem.cap, anchored: new Int32Array(problem.nt) },
      start,
    };
  });
  return new Schedule(rounds).score();
}

export function planRemaining(request: PlanRequest): FiguredPlan {
  const { rounds, requests } = planSeats(request);
  return withFigures(request, rounds, requests);
}

/**
 * Figures for seatings made elsewhere (a plan accepted earlier), one per round of `request.rounds`,
 * against the same requests `planRemaining` would have judged them by: each round sees the earlier
 * ones as history, the first keeps `fixedFirst`, and moves count against `previous`.
 */
export function figurePlan(request: PlanRequest, seatings: readonly Seating[]): FiguredPlan {
  const requests: RoundRequest[] = [];
  const rounds: PlannedRound[] = [];
  const history = [...request.history];
  const people = request.people;
  request.rounds.forEach((round, i) => {
    const seats = seatings[i] ?? {};
    const before = request.previous?.[round];
    const roundRequest: RoundRequest = {
      tables: request.tables,
      people,
      history: [...history],
      seed: request.seedFor(round),
      ...(request.minTableSize !== undefined ? { minTableSize: request.minTableSize } : {}),
      ...(i === 0 && request.fixedFirst ? { fixed: request.fixedFirst } : {}),
      ...(before ? { previous: before } : {}),
    };
    const compiled = compile(roundRequest);
    rounds.push({ round, seats, conflicts: compiled.conflicts, closed: compiled.closed });
    requests.push(roundRequest);
    history.push(asSittings(seats));
  });
  return withFigures(request, rounds, requests);
}

function withFigures(request: PlanRequest, rounds: PlannedRound[], requests: RoundRequest[]): FiguredPlan {
  const figured = rounds.map((r, i) => ({ ...r, figures: roundFigures(requests[i]!, r.seats) }));
  const lowerBound = repeatedPairsLowerBound({
    tables: request.tables,
    people: request.people,
    history: request.history,
    rounds: request.rounds.length,
  });
  const figures = planFigures(figured.map((r, i) => ({ request: requests[i]!, seats: r.seats, figures: r.figures })));
  return { rounds: figured, figures: { ...figures, lowerBound } };
}

export function asSittings(seats: Seating): RoundSittings {
  const out: Record<string, string[]> = {};
  for (const [pid, tid] of Object.entries(seats)) if (tid) out[pid] = [tid];
  return out;
}
