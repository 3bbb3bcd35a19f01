import { Board } from './board.ts';
import { construct } from './construct.ts';
import { improve, repairNovelty } from './improve.ts';
import { createRng } from './prng.ts';
import type { Problem } from './model.ts';
import { compile } from './problem.ts';
import { planSizes } from './sizes.ts';
import type { RoundRequest, RoundResult, Seating } from './types.ts';

/**
 * Work per attempt is about people x tables (construction) plus a fixed number of sampled swaps
 * per traveller; small cafés can afford many attempts from different random starts, large ones one.
 * The budget is counted in steps, never in milliseconds, so the same request always gives the same seating.
 */
const BUDGET = 400_000;
const SWAPS_PER_TRAVELLER = 40;
const MIN_SWAPS = 1_000;
const MAX_ATTEMPTS = 24;

/** Seats one round: every hard rule kept, then repeated pairs, then new questions, then the mix, then moves. */
export function seatRound(request: RoundRequest): RoundResult {
  const problem = compile(request);
  const board = searchBoard(problem, request.seed, request.effort ?? 1);
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts };
}

function searchBoard(problem: Problem, seed: number, effort: number): Board {
  const rng = createRng(seed);
  const iterations = Math.max(MIN_SWAPS, SWAPS_PER_TRAVELLER * problem.n);
  const perAttempt = problem.n * Math.max(1, problem.nt) + iterations;
  const attempts = Math.max(1, Math.min(MAX_ATTEMPTS, Math.floor((BUDGET * effort) / perAttempt)));
  const previousCount = new Int32Array(problem.nt);
  for (const t of problem.prev) if (t >= 0) previousCount[t]!++;

  let best: Board | undefined;
  let bestCost = Infinity;
  for (let a = 0; a < attempts; a++) {
    // When replanning, the tables that had more people keep the extra seat, so fewer people move.
    const sizes = planSizes(problem, rng, (t) => previousCount[t]!);
    const board = new Board(problem, sizes);
    construct(board, rng);
    improve(board, rng, Math.round(iterations * Math.min(1, effort)));
    repairNovelty(board);
    const cost = board.totalCost();
    if (cost < bestCost) {
      bestCost = cost;
      best = board;
    }
  }
  return best!;
}

export function seatsOf(problem: Problem, board: Board): Seating {
  const seats: Seating = {};
  for (let p = 0; p < problem.n; p++) {
    const t = board.tableOf[p]!;
    seats[problem.ids[p]!] = t >= 0 ? problem.tableIds[t]! : null;
  }
  return seats;
}

/**
 * A finished seating brought back under the rule on questions for the history in `request` (after
 * a round was re-seated against rounds both before and after it). Sizes do not depend on history,
 * so the seating already fits them; only travellers sent back to a known question move.
 */
export function enforceQuestionRule(request: RoundRequest, seats: Seating): Seating {
  const problem = compile(request);
  const board = new Board(problem, planSizes(problem, createRng(request.seed)));
  for (let p = 0; p < problem.n; p++) {
    const tid = seats[problem.ids[p]!];
    const t = tid ? problem.tableIndex.get(tid) : undefined;
    if (t !== undefined) board.place(p, t);
  }
  repairNovelty(board);
  return seatsOf(problem, board);
}
