import type { Board } from './board.ts';
import { shuffleInPlace, type Rng } from './prng.ts';
import { Kind } from './model.ts';

const HYBRID = Kind.hybrid;
const fitsKind = (kind: number, presence: number) => kind === HYBRID || kind === presence;

/**
 * Local search under the hard rules. Only travellers move; a swap keeps every table's size, and a
 * single move goes only between tables of the same kind and only within their allowed size range,
 * so capacities, presence and the size rule hold after every step. Two phases: the people who
 * sit with someone they have met (or with a question they know while a new one fits them) get the
 * best swap or move over the whole room; then random swaps, taking any that do not make things
 * worse, shake out the stakeholder mix. Then the targeted phase once more.
 */
export function improve(board: Board, rng: Rng, iterations: number) {
  const { problem } = board;
  const { n, anchor } = problem;
  const travellers: number[] = [];
  for (let p = 0; p < n; p++) if (anchor[p]! < 0 && board.tableOf[p]! >= 0) travellers.push(p);
  if (!travellers.length) return;
  const fresh = hasUnseenOption(board);
  targeted(board, rng, travellers, fresh);
  sample(board, rng, travellers, iterations);
  targeted(board, rng, travellers, fresh);
}

/** Whether some table takes p and has a question p has not discussed: only then is a known question a defect. */
function hasUnseenOption(board: Board): Uint8Array {
  const { n, nt, kind, presence, seen, nq, question } = board.problem;
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    for (let t = 0; t < nt; t++) {
      if (fitsKind(kind[t]!, presence[p]!) && !seen[p * nq + question[t]!]) {
        out[p] = 1;
        break;
      }
    }
  }
  return out;
}

function isDefect(board: Board, p: number, fresh: Uint8Array): boolean {
  const { nt, seen, nq, question } = board.problem;
  const t = board.tableOf[p]!;
  return board.conf[p * nt + t]! > 0 || (fresh[p] === 1 && seen[p * nq + question[t]!] === 1);
}

function canRelocate(board: Board, p: number, u: number): boolean {
  const { kind, presence } = board.problem;
  const t = board.tableOf[p]!;
  return (
    t !== u &&
    kind[t] === kind[u] &&
    fitsKind(kind[u]!, presence[p]!) &&
    board.size[t]! > board.sizes.lo[t]! &&
    board.size[u]! < board.sizes.hi[u]!
  );
}

function canSwap(board: Board, p: number, q: number): boolean {
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

function targeted(board: Board, rng: Rng, travellers: number[], fresh: Uint8Array) {
  for (let pass = 0; pass < 8; pass++) {
    const defects = shuffleInPlace(
      rng,
      travellers.filter((p) => isDefect(board, p, fresh)),
    );
    let improved = false;
    for (const p of defects) {
      if (!isDefect(board, p, fresh)) continue;
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

/**
 * The hard rule on questions: a traveller at a question they have discussed moves to a table of
 * the same kind with a question they have not, whenever that table has room under the size rule
 * (below its upper size while theirs is above its lower). Each repair gives one more traveller a
 * new question and takes it from nobody, so this ends; among the tables that qualify it picks the
 * one that costs least on the objectives.
 */
export function repairNovelty(board: Board) {
  const { n, nt, anchor, seen, nq, question } = board.problem;
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = 0; p < n; p++) {
      const t = board.tableOf[p]!;
      if (anchor[p]! >= 0 || t < 0 || !seen[p * nq + question[t]!]) continue;
      let best = -1;
      let bestDelta = Infinity;
      for (let u = 0; u < nt; u++) {
        if (seen[p * nq + question[u]!] || !canRelocate(board, p, u)) continue;
        const d = board.deltaMove(p, u);
        if (d < bestDelta) {
          bestDelta = d;
          best = u;
        }
      }
      if (best >= 0) {
        board.move(p, best);
        changed = true;
      }
    }
  }
}
