import { Board, compareScores } from './board.ts';
import { construct } from './construct.ts';
import { improve } from './improve.ts';
import type { Problem } from './model.ts';
import { createRng } from './prng.ts';
import { compile, type CompileOptions } from './problem.ts';
import { keepQuestionRule } from './questions.ts';
import { planSizes } from './sizes.ts';
import type { RoundRequest, RoundResult, Seating } from './types.ts';

/**
 * Work per attempt is about people x tables (construction) plus a fixed number of sampled swaps
 * per traveller; small cafés can afford many attempts from different random starts, large ones one.
 * The budget is counted in steps, never in milliseconds, so the same request always gives the same seating.
 */
const BUDGET = 400_000;
const SWAPS_PER_TRAVELLER = 40;
const MIN_SWAPS = 500;
/** Beyond a few thousand people, a plenary's mix settles with fewer sampled swaps per person. */
const MAX_SWAPS = 30_000;
const SWAPS_PER_TRAVELLER_BEYOND = 10;
const MAX_ATTEMPTS = 8;

/**
 * Seats one round: the rules on tables by the size plan, the rule on questions exactly, then
 * single-group tables, repeated meetings, the mix and moves, in that order.
 */
export function seatRound(request: RoundRequest, options: CompileOptions = {}): RoundResult {
  const problem = compile(request, options);
  const board = searchBoard(problem, request.seed, request.effort ?? 1);
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts, closed: problem.closed };
}

/**
 * What the rules decide about a round before anyone is placed: which tables stay empty and why, and
 * whose hosting or pin cannot be kept. Cheap (no search), for telling the facilitator about a seating
 * made elsewhere, such as an accepted plan's round.
 */
export function roundOutline(request: RoundRequest): Pick<RoundResult, 'closed' | 'conflicts'> {
  const problem = compile(request, { withoutPairs: true });
  return { closed: problem.closed, conflicts: problem.conflicts };
}

function searchBoard(problem: Problem, seed: number, effort: number): Board {
  const rng = createRng(seed);
  const iterations = Math.max(MIN_SWAPS, Math.min(SWAPS_PER_TRAVELLER * problem.n, MAX_SWAPS + SWAPS_PER_TRAVELLER_BEYOND * problem.n));
  const perAttempt = problem.n * Math.max(1, problem.nt) + iterations;
  const attempts = Math.max(1, Math.min(MAX_ATTEMPTS, Math.floor((BUDGET * effort) / perAttempt)));
  const previousCount = new Int32Array(problem.nt);
  for (const t of problem.prev) if (t >= 0) previousCount[t]!++;

  let best: Board | undefined;
  let bestScore: number[] = [];
  for (let a = 0; a < attempts; a++) {
    // When replanning, the tables that had more people keep the extra seat, so fewer people move.
    const sizes = planSizes(problem, rng, (t) => previousCount[t]!);
    const board = new Board(problem, sizes);
    construct(board, rng);
    keepQuestionRule(board);
    improve(board, rng, Math.round(iterations * Math.min(1, effort)));
    const score = board.score();
    if (!best || compareScores(score, bestScore) < 0) {
      best = board;
      bestScore = score;
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
