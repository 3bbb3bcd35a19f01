import type { Board } from './board.ts';
import { fitsKind } from './model.ts';
import { Weight } from './weights.ts';

/**
 * The rule on questions, kept exactly: no seating within the size plan sends fewer travellers back
 * to a question they discussed than the board does after `keepQuestionRule`.
 *
 * Which tables a traveller can go to without a return depends only on their presence and the
 * questions they have discussed, and tables of one kind asking one question are interchangeable for
 * it; the size plan fixes how many travellers each kind takes and each table's range. So the fewest
 * returns is a min-cost flow over pools: travellers (by presence and questions seen) to
 * (kind, question) pools to kinds. Keeping people where they are is the second cost, so the flow also
 * says which few must change question. The board is then changed to match: those people move to the
 * pool the flow sends them to, at the table there that costs least, and tables within a pool are
 * evened out to their ranges. When the pools would be too many to build (thousands of questions and
 * thousands of different histories), the board is left as the search made it.
 */

const MAX_ARCS = 400_000;

export function returnsOn(board: Board): number {
  const { n, anchor } = board.problem;
  let count = 0;
  for (let p = 0; p < n; p++) {
    const t = board.tableOf[p]!;
    if (t >= 0 && anchor[p] !== t) count += board.seen(p, t);
  }
  return count;
}

interface Pool {
  kind: number;
  question: number;
  tables: number[];
  node: number;
}

/** Brings the board to the fewest returns the size plan allows; returns that number. */
export function keepQuestionRule(board: Board): number {
  const now = returnsOn(board);
  if (now === 0) return 0;
  const { problem, sizes } = board;
  const { n, nt, kind, question, presence, anchor, seen, nq, open } = problem;

  const graph = new Circulation();
  const pools = new Map<number, Pool>();
  const poolOf = new Int32Array(nt).fill(-1);
  for (let t = 0; t < nt; t++) {
    if (!open[t] || sizes.hi[t]! - sizes.anchored[t]! <= 0) continue;
    const key = kind[t]! * nq + question[t]!;
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = { kind: kind[t]!, question: question[t]!, tables: [], node: graph.node() }));
    pool.tables.push(t);
    poolOf[t] = key;
  }
  // Travellers by presence and the open questions they have discussed.
  const openQuestions = [...new Set([...pools.values()].map((p) => p.question))];
  const signatures = new Map<string, { presence: number; seen: Uint8Array; people: number[] }>();
  for (let p = 0; p < n; p++) {
    const t = board.tableOf[p]!;
    if (t < 0 || anchor[p] === t) continue;
    if (poolOf[t]! < 0) return now; // a traveller where the plan has no traveller seat: not a board this can judge
    let key = `${presence[p]}`;
    for (const q of openQuestions) if (seen[p * nq + q]) key += `,${q}`;
    let sig = signatures.get(key);
    if (!sig) {
      const mask = new Uint8Array(nq);
      for (const q of openQuestions) mask[q] = seen[p * nq + q]!;
      signatures.set(key, (sig = { presence: presence[p]!, seen: mask, people: [] }));
    }
    sig.people.push(p);
  }
  if (signatures.size * pools.size > MAX_ARCS) return now;

  // The board as it is is a feasible flow: travellers in their pools, pools within their ranges.
  const kindNode = [graph.node(), graph.node(), graph.node()];
  for (const pool of pools.values()) {
    let lo = 0;
    let hi = 0;
    let travellers = 0;
    for (const t of pool.tables) {
      lo += sizes.lo[t]! - sizes.anchored[t]!;
      hi += sizes.hi[t]! - sizes.anchored[t]!;
      travellers += board.size[t]! - sizes.anchored[t]!;
    }
    graph.arc(pool.node, kindNode[pool.kind]!, Math.min(lo, travellers), hi, travellers, 0);
  }
  const arcs = new Map<string, { pool: number; arc: number; before: number }[]>();
  for (const [key, sig] of signatures) {
    const node = graph.node();
    const here = new Map<number, number>();
    for (const p of sig.people) {
      const pk = poolOf[board.tableOf[p]!]!;
      here.set(pk, (here.get(pk) ?? 0) + 1);
    }
    const list: { pool: number; arc: number; before: number }[] = [];
    for (const [pk, pool] of pools) {
      if (!fitsKind(pool.kind, sig.presence)) continue;
      const before = here.get(pk) ?? 0;
      list.push({ pool: pk, arc: graph.arc(node, pool.node, 0, sig.people.length, before, sig.seen[pool.question]!), before });
    }
    arcs.set(key, list);
  }
  // Each negative cycle sends some travellers from a question they know to one they do not, and
  // shuffles others between pools without sending them back: the fewest returns when none is left.
  graph.cancelNegativeCycles();

  // Who leaves: per signature and pool, as many as the flow takes out, the ones with most repeats first.
  const leaving: { p: number; to: number }[] = [];
  for (const [key, sig] of signatures) {
    const target = new Map<number, number>();
    for (const a of arcs.get(key)!) target.set(a.pool, graph.flowOn(a.arc));
    const byPool = new Map<number, number[]>();
    for (const p of sig.people) {
      const pk = poolOf[board.tableOf[p]!]!;
      let list = byPool.get(pk);
      if (!list) byPool.set(pk, (list = []));
      list.push(p);
    }
    const surplus: number[] = [];
    for (const [pk, people] of byPool) {
      const extra = people.length - (target.get(pk) ?? 0);
      if (extra <= 0) continue;
      people.sort((a, b) => leaveScore(board, b) - leaveScore(board, a));
      surplus.push(...people.slice(0, extra));
    }
    const deficits: number[] = [];
    for (const [pk, want] of target) for (let i = byPool.get(pk)?.length ?? 0; i < want; i++) deficits.push(pk);
    surplus.forEach((p, i) => leaving.push({ p, to: deficits[i]! }));
  }
  for (const { p } of leaving) board.remove(p);
  for (const { p, to } of leaving) board.place(p, cheapestIn(board, p, pools.get(to)!.tables));
  for (const pool of pools.values()) evenOut(board, pool.tables);
  return returnsOn(board);
}

/**
 * A flow with bounds on every arc, started from a feasible flow and improved by cancelling negative
 * cycles (Bellman-Ford from every node at once) until none is left, which is the least cost. Started
 * from a seating that is nearly right, only a few cycles are needed: each one removes returns.
 */
class Circulation {
  private readonly head: number[] = [];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  /** Residual capacity of each arc and of its twin (even: forward, odd: backward). */
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly upper: number[] = [];

  node(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  /** An arc carrying `flow` units within [lo, hi]; returns its id. */
  arc(from: number, to: number, lo: number, hi: number, flow: number, cost: number): number {
    const id = this.to.length;
    for (const [a, b, c, k] of [
      [from, to, hi - flow, cost],
      [to, from, flow - lo, -cost],
    ] as const) {
      this.to.push(b);
      this.cap.push(c);
      this.cost.push(k);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
    this.upper.push(hi, 0);
    return id;
  }

  /** The flow on an arc now. */
  flowOn(arc: number): number {
    return this.upper[arc]! - this.cap[arc]!;
  }

  cancelNegativeCycles() {
    const nodes = this.head.length;
    const dist = new Float64Array(nodes);
    const via = new Int32Array(nodes);
    const mark = new Int32Array(nodes);
    for (;;) {
      dist.fill(0);
      via.fill(-1);
      mark.fill(0);
      let cycle: number[] | null = null;
      for (let pass = 0; pass < nodes && !cycle; pass++) {
        let relaxed = false;
        for (let a = 0; a < nodes; a++) {
          for (let e = this.head[a]!; e !== -1; e = this.next[e]!) {
            if (this.cap[e]! <= 0) continue;
            const b = this.to[e]!;
            if (dist[a]! + this.cost[e]! < dist[b]!) {
              dist[b] = dist[a]! + this.cost[e]!;
              via[b] = e;
              relaxed = true;
            }
          }
        }
        if (!relaxed) return;
        // A cycle among the last arcs into each node is a negative cycle: look for one after every pass.
        cycle = predecessorCycle(via, this.to, mark, pass + 1);
      }
      if (!cycle) return;
      let push = Infinity;
      for (const e of cycle) push = Math.min(push, this.cap[e]!);
      for (const e of cycle) {
        this.cap[e]! -= push;
        this.cap[e ^ 1]! += push;
      }
    }
  }
}

/** A cycle in the graph of last arcs into each node (arc ids), or null. `mark` is scratch, stamped with `stamp`. */
function predecessorCycle(via: Int32Array, to: readonly number[], mark: Int32Array, stamp: number): number[] | null {
  const nodes = via.length;
  // Marks: stamp * nodes + start marks nodes visited from `start` in this check.
  for (let start = 0; start < nodes; start++) {
    let x = start;
    const tag = stamp * nodes + start + 1;
    while (x >= 0 && via[x]! >= 0 && mark[x] !== tag) {
      if (mark[x]! > stamp * nodes) break; // visited from an earlier start in this check: no new cycle there
      mark[x] = tag;
      x = to[via[x]! ^ 1]!;
    }
    if (x >= 0 && via[x]! >= 0 && mark[x] === tag) {
      const cycle: number[] = [];
      for (let y = x; ;) {
        const e = via[y]!;
        cycle.push(e);
        y = to[e ^ 1]!;
        if (y === x) break;
      }
      return cycle;
    }
  }
  return null;
}

/** How much better off someone is elsewhere: the ones sitting with people they met, and at oversized tables, leave first. */
function leaveScore(board: Board, p: number): number {
  const t = board.tableOf[p]!;
  return board.conf[p * board.problem.nt + t]! * 2 + (board.size[t]! > board.sizes.lo[t]! ? 1 : 0);
}

/** The table of the pool with a seat left (below its upper size) where p costs least; below its lower size first. */
function cheapestIn(board: Board, p: number, tables: readonly number[]): number {
  const { nt, group } = board.problem;
  let best = tables[0]!;
  let bestCost = Infinity;
  for (const t of tables) {
    if (board.size[t]! >= board.sizes.hi[t]!) continue;
    const cost =
      (board.size[t]! < board.sizes.lo[t]! ? 0 : Weight.seenQuestion) +
      board.conf[p * nt + t]! * Weight.pair +
      board.groupCount[t * board.groups + group[p]!]! * Weight.sameGroup;
    if (cost < bestCost) {
      bestCost = cost;
      best = t;
    }
  }
  return best;
}

/** Tables of one pool brought within their ranges by moving travellers between them (same question, same kind). */
function evenOut(board: Board, tables: readonly number[]) {
  const { nt, anchor } = board.problem;
  for (;;) {
    const low = tables.find((t) => board.size[t]! < board.sizes.lo[t]!);
    if (low === undefined) return;
    let best = -1;
    let bestCost = Infinity;
    for (const u of tables) {
      if (u === low || board.size[u]! <= board.sizes.lo[u]!) continue;
      const list = board.members[u]!;
      for (let i = 0; i < board.size[u]!; i++) {
        const p = list[i]!;
        if (anchor[p] === u) continue;
        const cost = (board.conf[p * nt + low]! - board.conf[p * nt + u]!) * Weight.pair;
        if (cost < bestCost) {
          bestCost = cost;
          best = p;
        }
      }
    }
    if (best < 0) return;
    board.move(best, low);
  }
}
