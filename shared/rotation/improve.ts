import type { Board } from './board.ts';
import { shuffleInPlace, type Rng } from './prng.ts';

// Imported bindings may be read through getters once transpiled; the hot loops read a local.
const fitsKind = (kind: number, presence: number) => kind === 2 || kind === presence;

/**
 * Local search under the hard rules. Only travellers move; a swap keeps every table's size, and a
 * single move goes only between tables of the same kind and only within their allowed size range,
 * so capacities, presence and the size rule hold after every step, and no step sends anyone back to
 * a question they discussed unless it spares someone else (the weights forbid more returns). Two
 * phases: the people who sit with someone they have met, or at a single-group table, get the best
 * swap or move over the whole room; then random swaps, taking any that do not make things worse,
 * shake out the stakeholder mix. Then the targeted phase once more.
 */
export function improve(board: Board, rng: Rng, iterations: number) {
  const { problem } = board;
  const { n, anchor } = problem;
  const travellers: number[] = [];
  for (let p = 0; p < n; p++) if (anchor[p]! < 0 && board.tableOf[p]! >= 0) travellers.push(p);
  if (!travellers.length) return;
  targeted(board, rng, travellers);
  sample(board, rng, travellers, iterations);
  targeted(board, rng, travellers);
}

function isDefect(board: Board, p: number): boolean {
  const t = board.tableOf[p]!;
  return board.conf[p * board.problem.nt + t]! > 0 || board.single(t);
}

export function canRelocate(board: Board, p: number, u: number): boolean {
  const { kind, presence } = board.problem;
  const t = board.tableOf[p]!;
  return t !== u && kind[t] === kind[u] && fitsKind(kind[u]!, presence[p]!) && board.size[t]! > board.sizes.lo[t]! && board.size[u]! < board.sizes.hi[u]!;
}

export function canSwap(board: Board, p: number, q: number): boolean {
  const { anchor, kind, presence } = board.problem;
  const t = board.tableOf[p]!;
  const u = board.tableOf[q]!;
  return t !== u && anchor[q]! < 0 && fitsKind(kind[u]!, presence[p]!) && fitsKind(kind[t]!, presence[q]!);
}

/** The best single move or swap for p anywhere in the room. */
function bestFor(board: Board, p: number): { delta: number; q: number; u: number } {
  const { nt } = board.problem;
  const t = board.tableOf[p]!;
  let best = { delta: 0, q: -1, u: -1 };
  for (let u = 0; u < nt; u++) {
    if (u === t) continue;
    if (canRelocate(board, p, u)) {
      const d = board.deltaMove(p, u);
      if (d < best.delta) best = { delta: d, q: -1, u };
    }
    const list = board.members[u]!;
    for (let i = 0; i < board.size[u]!; i++) {
      const q = list[i]!;
      if (!canSwap(board, p, q)) continue;
      const d = board.deltaSwap(p, q);
      if (d < best.delta) best = { delta: d, q, u };
    }
  }
  return best;
}

function targeted(board: Board, rng: Rng, travellers: number[]) {
  for (let pass = 0; pass < 8; pass++) {
    const defects = shuffleInPlace(
      rng,
      travellers.filter((p) => isDefect(board, p)),
    );
    let improved = false;
    for (const p of defects) {
      if (!isDefect(board, p)) continue;
      const best = bestFor(board, p);
      if (best.delta >= 0) continue;
      if (best.q >= 0) board.swap(p, best.q);
      else board.move(p, best.u);
      improved = true;
    }
    if (!improved) return;
  }
}

function sample(board: Board, rng: Rng, travellers: number[], iterations: number) {
  const { nt } = board.problem;
  for (let i = 0; i < iterations; i++) {
    const p = travellers[rng.int(travellers.length)]!;
    const u = rng.int(nt);
    if (u === board.tableOf[p]) continue;
    const size = board.size[u]!;
    // Now and then try a plain move, which is how the extra seat of a kind wanders to where it helps.
    if ((size === 0 || rng.next() < 0.15) && canRelocate(board, p, u)) {
      const d = board.deltaMove(p, u);
      if (d < 0 || (d === 0 && rng.next() < 0.5)) board.move(p, u);
      continue;
    }
    if (size === 0) continue;
    const q = board.members[u]![rng.int(size)]!;
    if (!canSwap(board, p, q)) continue;
    const d = board.deltaSwap(p, q);
    if (d < 0 || (d === 0 && rng.next() < 0.5)) board.swap(p, q);
  }
}
