import { repeatedPairsLowerBound, type LowerBound } from './bound.ts';
import { planFigures, roundFigures, type PlanFigures, type RoundFigures } from './metrics.ts';
import { Weight } from './weights.ts';
import { hashSeed } from './prng.ts';
import { compile } from './problem.ts';
import { enforceQuestionRule, seatRound } from './round.ts';
import { checkRules } from './rules.ts';
import type { Conflict, RotationPerson, RotationTable, RoundRequest, RoundSittings, Seating } from './types.ts';

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
}

export interface PlannedRound {
  round: number;
  seats: Seating;
  conflicts: Conflict[];
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
 * one (remote people who all met early have nobody new left). Small cafés can afford to plan the
 * whole thing several times from different random starts, each a little less thoroughly, and keep
 * the best plan; large ones have so much room that the first plan is already as good as it gets.
 * Restarts, not a longer search, are what pays: once the repeated pairs are at their bound, each
 * round of a plan is usually already the best it can be given the others (the polish below improved
 * 1 round in 16 on the 30-person café, 7 in 20 on the 200-person one), so a better mix needs several
 * rounds to change at once, which a fresh start does. On the benchmark's 30-person café over
 * eight seeds, 48 attempts gave 86.5-95.3 % of the best mix (mean 91.6 %), 200 gave 91.7-96.9 %
 * (mean 94.7 %), for about 0.6 s instead of 0.2 s on a worker thread.
 * Attempts are sized by people x tables x rounds and counted, never timed.
 */
const PLAN_BUDGET = 240_000;
const MAX_PLAN_ATTEMPTS = 200;
const EFFORT_PER_ATTEMPT = 0.05;
const POLISH_PASSES = 1;
const POLISH_EFFORT = 1;

export function planAttempts(request: Pick<PlanRequest, 'people' | 'tables' | 'rounds'>): number {
  const work = Math.max(1, request.people.length * request.tables.length * request.rounds.length);
  return Math.max(1, Math.min(MAX_PLAN_ATTEMPTS, Math.floor(PLAN_BUDGET / work)));
}

/** The seatings alone: what a round needs, without the cost of the figures. */
export function planSeats(request: PlanRequest): Plan & { requests: RoundRequest[] } {
  const attempts = planAttempts(request);
  let best: (Plan & { requests: RoundRequest[] }) | undefined;
  let bestScore: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    // Attempt 0 is the thorough sequential plan; the others are quick, different starts that may beat it.
    const seedFor = attempt === 0 ? request.seedFor : (round: number) => hashSeed(request.seedFor(round), 'plan', attempt);
    const plan = planOnce(request, seedFor, (request.effort ?? 1) * (attempt === 0 ? 1 : EFFORT_PER_ATTEMPT));
    const score = planScore(request, plan.rounds.map((r) => r.seats));
    if (!best || compareScores(score, bestScore) < 0) {
      best = plan;
      bestScore = score;
    }
  }
  return attempts > 1 ? polish(request, best!, bestScore) : best!;
}

/**
 * The chosen plan was searched lightly; each round now gets a full search, starting from where
 * everyone already sits and judged against every other round of the plan (pairs and questions on
 * both sides), and is kept only if the whole plan gets better and every round still keeps the rules.
 */
function polish(request: PlanRequest, plan: Plan & { requests: RoundRequest[] }, score: number[]): Plan & { requests: RoundRequest[] } {
  const seatings = plan.rounds.map((r) => r.seats);
  const inOrder = (list: readonly Seating[], i: number) => [...request.history, ...list.slice(0, i).map(asSittings)];
  const requestAt = (list: readonly Seating[], i: number): RoundRequest => ({ ...plan.requests[i]!, history: inOrder(list, i) });
  for (let pass = 0; pass < POLISH_PASSES; pass++) request.rounds.forEach((round, i) => {
    const others = [...request.history, ...seatings.filter((_, j) => j !== i).map(asSittings)];
    const searched = seatRound({ ...plan.requests[i]!, history: others, previous: seatings[i]!, moveWeight: undefined, seed: hashSeed(request.seedFor(round), 'polish', pass), effort: POLISH_EFFORT * (request.effort ?? 1) });
    const trial = seatings.map((s, j) => (j === i ? enforceQuestionRule(requestAt(seatings, i), searched.seats) : s));
    const trialScore = planScore(request, trial);
    if (compareScores(trialScore, score) >= 0) return;
    if (trial.some((s, j) => j >= i && checkRules(requestAt(trial, j), s).length > 0)) return;
    seatings[i] = trial[i]!;
    score = trialScore;
  });
  return {
    rounds: plan.rounds.map((r, i) => ({ ...r, seats: seatings[i]! })),
    requests: plan.requests.map((_, i) => requestAt(seatings, i)),
  };
}

function planOnce(request: PlanRequest, seedFor: (round: number) => number, effort: number): Plan & { requests: RoundRequest[] } {
  const history = [...request.history];
  const rounds: PlannedRound[] = [];
  const requests: RoundRequest[] = [];
  request.rounds.forEach((round, i) => {
    const before = request.previous?.[round];
    const roundRequest: RoundRequest = {
      tables: request.tables,
      people: request.people,
      history: [...history],
      seed: seedFor(round),
      effort,
      ...(i === 0 && request.fixedFirst ? { fixed: request.fixedFirst } : {}),
      ...(before ? { previous: before, ...(request.moveWeight !== undefined ? { moveWeight: request.moveWeight } : {}) } : {}),
    };
    const { seats, conflicts } = seatRound(roundRequest);
    rounds.push({ round, seats, conflicts });
    requests.push(roundRequest);
    history.push(asSittings(seats));
  });
  return { rounds, requests };
}

/** Repeated pairs, then known questions and same-group pairs weighed as in a round's search, then moves from the previous plan. */
function planScore(request: PlanRequest, seatings: readonly Seating[]): [number, number, number] {
  let repeats = 0;
  let moves = 0;
  let known = 0;
  let same = 0;
  const history: RoundSittings[] = [...request.history];
  for (const [i, seats] of seatings.entries()) {
    const before = request.previous?.[request.rounds[i]!];
    if (before) for (const p of request.people) if (before[p.id] !== undefined && before[p.id] !== (seats[p.id] ?? null)) moves++;
    const problem = compile({ tables: request.tables, people: request.people, history, seed: 0 });
    const { n, nq, seen, question, anchor, group, tableIndex, ids } = problem;
    const members: number[][] = Array.from({ length: problem.nt }, () => []);
    for (let p = 0; p < n; p++) {
      const tid = seats[ids[p]!];
      const t = tid ? tableIndex.get(tid) : undefined;
      if (t === undefined) continue;
      members[t]!.push(p);
      if (anchor[p] !== t && seen[p * nq + question[t]!]) known++;
    }
    for (const list of members) {
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) {
          const x = list[a]!;
          const y = list[b]!;
          if (problem.met.has(x < y ? x * n + y : y * n + x)) repeats++;
          if (group[x] === group[y]) same++;
        }
      }
    }
    history.push(asSittings(seats));
  }
  return [repeats, known * (Weight.seenQuestion / Weight.sameGroup) + same, moves];
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
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
  const history = [...request.history];
  const rounds: PlannedRound[] = [];
  const requests: RoundRequest[] = [];
  request.rounds.forEach((round, i) => {
    const seats = seatings[i] ?? {};
    const before = request.previous?.[round];
    const roundRequest: RoundRequest = {
      tables: request.tables,
      people: request.people,
      history: [...history],
      seed: request.seedFor(round),
      ...(i === 0 && request.fixedFirst ? { fixed: request.fixedFirst } : {}),
      ...(before ? { previous: before } : {}),
    };
    rounds.push({ round, seats, conflicts: compile(roundRequest).conflicts });
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
