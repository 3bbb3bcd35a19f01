import { Board } from './board.ts';
import { repairNovelty } from './improve.ts';
import { createRng, shuffleInPlace } from './prng.ts';
import { compile } from './problem.ts';
import { seatsOf } from './round.ts';
import { Seater } from './seater.ts';
import { planSizes } from './sizes.ts';
import type { RoundRequest, RoundResult, Seating } from './types.ts';

/**
 * What the engine is measured against, under the very same size plan: a random shuffle that keeps
 * the hard rules and nothing more, and the paper rule facilitators use by hand.
 */

/** Everyone at a random table they fit, table sizes as the rules plan them, then the question rule enforced. */
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
  repairNovelty(board);
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts };
}

/**
 * "Everyone moves k tables on": the traveller in seat k of a table (hosts and pins keep theirs)
 * moves k tables along the list of tables of that kind; if that one is full, the next one with a
 * seat. Round one, and anyone new, is dealt round the tables in join order. It keeps presence and
 * capacities but nothing else: who meets whom, and whether the question is new, is left to the
 * arithmetic.
 */
export function shiftRound(request: RoundRequest, last: Seating | null): RoundResult {
  const problem = compile(request);
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
  return { seats: seatsOf(problem, board), conflicts: problem.conflicts };
}
