import { Board } from './board.ts';
import { canSwap } from './improve.ts';
import { createRng, shuffleInPlace } from './prng.ts';
import { compile } from './problem.ts';
import { keepQuestionRule } from './questions.ts';
import { seatsOf } from './round.ts';
import { Seater } from './seater.ts';
import { planSizes } from './sizes.ts';
import type { RoundRequest, RoundResult, Seating } from './types.ts';

/**
 * What the engine is measured against: a random shuffle that keeps the rules and nothing more, and
 * the paper rule facilitators use by hand.
 */

/**
 * Everyone at a random table they fit, table sizes as the rules plan them (tables closed below the
 * minimum included), then the question rule kept exactly and each single-group table mixed by the
 * first exchange that does it without sending anyone more back to a known question.
 */
export function randomRound(request: RoundRequest): RoundResult {
  const problem = compile(request);
  const rng = createRng(request.seed);
  const board = new Board(problem, planSizes(problem, rng));
  const seater = new Seater(board);
  const candidates: number[] = [];
  for (const p of shuffleInPlace(rng, seater.pending())) {
    candidates.length = 0;
    for (let t = 0; t < problem.nt; t++) if (seater.allowed(p, t)) candidates.push(t);
    if (candidates.length) seater.seat(p, candidates[rng.int(candidates.length)]!);
  }
  keepQuestionRule(board);
  mixSingleGroupTables(board);
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts, closed: problem.closed };
}

/** Mixing one table can make another mixable: passes until one changes nothing. */
function mixSingleGroupTables(board: Board) {
  for (let pass = 0; pass < board.problem.nt && mixOnce(board); pass++);
}

function mixOnce(board: Board): boolean {
  const { nt } = board.problem;
  let changed = false;
  for (let t = 0; t < nt; t++) {
    if (!board.single(t)) continue;
    search: for (const p of board.members[t]!.slice(0, board.size[t])) {
      if (board.problem.anchor[p] === t) continue;
      for (let u = 0; u < nt; u++) {
        // A copy: an exchange tried and undone reorders the table's list.
        for (const q of board.members[u]!.slice(0, board.size[u])) {
          if (!canSwap(board, p, q)) continue;
          const before = board.seen(p, t) + board.seen(q, u);
          const singles = (board.single(t) ? 1 : 0) + (board.single(u) ? 1 : 0);
          board.swap(p, q);
          if (board.seen(p, u) + board.seen(q, t) <= before && (board.single(t) ? 1 : 0) + (board.single(u) ? 1 : 0) < singles) {
            changed = true;
            break search;
          }
          board.swap(p, q);
        }
      }
    }
  }
  return changed;
}

/**
 * "Everyone moves k tables on": the traveller in seat k of a table (hosts and pins keep theirs)
 * moves k tables along the list of tables of that kind; if that one is full, the next one with a
 * seat. Round one, and anyone new, is dealt round the tables in join order. It keeps presence and
 * capacities but nothing else: who meets whom, whether the question is new and whether a table is
 * of one group is left to the arithmetic, and, as on paper, every table is used however few people
 * come (no minimum size).
 */
export function shiftRound(request: RoundRequest, last: Seating | null): RoundResult {
  const problem = compile({ ...request, minTableSize: 1 });
  const board = new Board(problem, planSizes(problem, createRng(request.seed)));
  const seater = new Seater(board);
  const { nt, kind, tableIndex, ids } = problem;
  const seatNumber = new Map<number, number>();
  const counters = new Int32Array(nt);
  const from = new Int32Array(problem.n).fill(-1);
  for (const p of seater.pending()) {
    const tid = last?.[ids[p]!];
    const t = tid ? tableIndex.get(tid) : undefined;
    if (t === undefined) continue;
    from[p] = t;
    seatNumber.set(p, ++counters[t]!);
  }
  const deal = (p: number, order: number[]) => {
    for (const t of order) {
      if (seater.allowed(p, t)) {
        seater.seat(p, t);
        return true;
      }
    }
    return false;
  };
  const everyTable = Array.from({ length: nt }, (_, t) => t);
  let next = 0;
  for (const p of seater.pending()) {
    const t = from[p]!;
    if (t >= 0) {
      const sameKind = everyTable.filter((u) => kind[u] === kind[t]);
      const at = sameKind.indexOf(t);
      const order = sameKind.map((_, i) => sameKind[(at + seatNumber.get(p)! + i) % sameKind.length]!);
      if (deal(p, order)) continue;
    }
    const order = everyTable.map((_, i) => (next + i) % nt);
    if (deal(p, order)) next = (board.tableOf[p]! + 1) % nt;
  }
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts, closed: problem.closed };
}
