import { ConvexFlow } from './flow.ts';
import { createRng } from './prng.ts';
import { compile, fitsKind, Kind, type Problem } from './problem.ts';
import { planSizes, type Sizes } from './sizes.ts';
import type { RotationPerson, RotationTable, RoundSittings } from './types.ts';

/**
 * A lower bound on the repeated pairs of any plan for the coming rounds that keeps the hard rules,
 * the size rule included (table sizes are fixed by the rules up to which tables take the extra
 * person of their kind). Two arguments, each applied per presence class (room people only ever
 * meet room people at room and hybrid tables, remote people remote people at remote and hybrid
 * tables; counting only within-class repeats undercounts, which keeps the bound safe), and once
 * for everyone together; the larger total wins.
 *
 * Pigeonhole, per round: the x people of a class who shared a table last round are spread this
 * round over the k tables that take them, anchors staying put; whatever the spread, at least
 * g(x) = the pairs of the most even split of x into k groups sit together again. Last round's
 * spread is unknown for a planned round, so the minimum of sum g(x_t) over every seating the rules
 * allow is taken (exactly, as a convex min-cost flow); for the first round after real history, the
 * real spread is used.
 *
 * Counting: a round seats at least P pairs of the class (the minimum over allowed seatings, the same
 * way), and only D pairs of the class have not met yet, so s rounds repeat at least s * P - D pairs.
 *
 * Repeats of different rounds are different events, so for any split point s the counting bound
 * on rounds up to s plus the pigeonhole bounds on the rounds after it (or the other way round) is
 * still a bound; the best split is taken. The bound ignores the rule on questions, capacities in
 * the next round and pairs across classes, so it is safe but can be loose where those bite.
 */

export interface BoundRequest {
  tables: readonly RotationTable[];
  people: readonly RotationPerson[];
  /** Rounds already held, oldest first. */
  history: readonly RoundSittings[];
  /** How many rounds the plan covers. */
  rounds: number;
}

export interface LowerBound {
  total: number;
  /** The within-class bounds and the everyone-together bound, to show where it comes from. */
  room: number;
  remote: number;
  everyone: number;
}

const EVERYONE = 2;
const LOWER_BOUND_PULL = 1e7;
const pairs = (x: number) => (x * (x - 1)) / 2;

/** Fewest pairs kept together when x people, `stay` of whom must stay together, split over k tables. */
export function keptTogether(x: number, stay: number, k: number): number {
  if (k <= 0) return pairs(x);
  const even = (m: number, bins: number) => {
    if (bins <= 0) return pairs(m);
    const q = Math.floor(m / bins);
    const r = m % bins;
    return r * pairs(q + 1) + (bins - r) * pairs(q);
  };
  return stay > Math.ceil(x / k) ? pairs(stay) + even(x - stay, k - 1) : even(x, k);
}

export function repeatedPairsLowerBound(request: BoundRequest): LowerBound {
  const problem = compile({ tables: request.tables, people: request.people, history: request.history, seed: 0 });
  const sizes = planSizes(problem, createRng(0));
  const within = [0, 1, EVERYONE].map((measured) => classBound(problem, sizes, request, measured));
  return { total: Math.max(within[0]! + within[1]!, within[2]!), room: within[0]!, remote: within[1]!, everyone: within[2]! };
}

function inClass(problem: Problem, p: number, measured: number) {
  return measured === EVERYONE || problem.presence[p] === measured;
}

function classBound(problem: Problem, sizes: Sizes, request: BoundRequest, measured: number): number {
  const { n, nt, kind, anchor } = problem;
  const rounds = request.rounds;
  let members = 0;
  for (let p = 0; p < n; p++) if (sizes.seated[p] && inClass(problem, p, measured)) members++;
  if (members < 2 || rounds <= 0) return 0;
  let k = 0;
  for (let t = 0; t < nt; t++) if (measured === EVERYONE || fitsKind(kind[t]!, measured)) k++;

  const stay = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0 && inClass(problem, p, measured)) stay[anchor[p]!]!++;
  const seatedPairs = minSpread(problem, sizes, measured, (x) => pairs(x));
  const pigeonhole = minSpread(problem, sizes, measured, (x, t) => keptTogether(x, Math.min(stay[t]!, x), k));

  let alreadyMet = 0;
  for (const key of problem.met) {
    const a = Math.floor(key / n);
    const b = key % n;
    if (sizes.seated[a] && sizes.seated[b] && inClass(problem, a, measured) && inClass(problem, b, measured)) alreadyMet++;
  }
  const unmet = pairs(members) - alreadyMet;

  const perRound = Array.from({ length: rounds }, (_, i) => (i > 0 ? pigeonhole : 0));
  const last = request.history[request.history.length - 1];
  if (last) perRound[0] = realPigeonhole(problem, sizes, last, measured, k);

  let best = 0;
  for (let s = 0; s <= rounds; s++) {
    const head = perRound.slice(0, s).reduce((a, b) => a + b, 0);
    const tail = perRound.slice(s).reduce((a, b) => a + b, 0);
    best = Math.max(best, Math.max(0, s * seatedPairs - unmet) + tail, head + Math.max(0, (rounds - s) * seatedPairs - unmet));
  }
  return best;
}

/** Last round's actual spread: who of the class sat together, and who of them is anchored to stay. */
function realPigeonhole(problem: Problem, sizes: Sizes, last: RoundSittings, measured: number, k: number): number {
  const { personIndex, tableIndex, anchor } = problem;
  const count = new Map<number, number>();
  const stay = new Map<number, number>();
  for (const [pid, tids] of Object.entries(last)) {
    const p = personIndex.get(pid);
    const tid = tids[tids.length - 1];
    const t = tid === undefined ? undefined : tableIndex.get(tid);
    if (p === undefined || t === undefined || !sizes.seated[p] || !inClass(problem, p, measured)) continue;
    count.set(t, (count.get(t) ?? 0) + 1);
    if (anchor[p] === t) stay.set(t, (stay.get(t) ?? 0) + 1);
  }
  let total = 0;
  for (const [t, x] of count) total += keptTogether(x, stay.get(t) ?? 0, k);
  return total;
}

/**
 * The least total of cost(x_t, t) over every seating the rules allow, x_t being how many of the
 * measured class sit at table t (anchors included). Sizes must lie in each table's range and each
 * kind must take its planned count; the lower ends are enforced by a large pull on the first units.
 */
function minSpread(problem: Problem, sizes: Sizes, measured: number, cost: (x: number, t: number) => number): number {
  const { n, nt, kind, anchor, presence } = problem;
  const anchoredOf = new Int32Array(nt);
  const travellers = [0, 0];
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0) {
      if (inClass(problem, p, measured)) anchoredOf[anchor[p]!]!++;
    } else if (sizes.seated[p]) travellers[presence[p]!]!++;
  }
  const flow = new ConvexFlow();
  const source = flow.node();
  const sink = flow.node();
  const kindNode = [flow.node(), flow.node(), flow.node()];
  const kindTravellers = [0, 0, 0];
  let pull = 0;
  let base = 0;
  const tableNode: number[] = [];
  for (let t = 0; t < nt; t++) {
    const a = anchoredOf[t]!;
    const floor = sizes.lo[t]! - sizes.anchored[t]!;
    kindTravellers[kind[t]!]! += sizes.target[t]! - sizes.anchored[t]!;
    pull += floor * LOWER_BOUND_PULL;
    base += cost(a, t);
    tableNode.push(flow.node());
    const step = (unit: number) => cost(a + unit + 1, t) - cost(a + unit, t);
    flow.arc(tableNode[t]!, kindNode[kind[t]!]!, sizes.hi[t]! - sizes.anchored[t]!, (unit) =>
      (unit < floor ? -LOWER_BOUND_PULL : 0) + (measured === EVERYONE ? step(unit) : 0),
    );
  }
  for (const k of [Kind.room, Kind.remote, Kind.hybrid]) flow.arc(kindNode[k]!, sink, kindTravellers[k]!);
  for (const c of [0, 1]) {
    if (!travellers[c]) continue;
    const from = flow.node();
    flow.arc(source, from, travellers[c]!);
    for (let t = 0; t < nt; t++) {
      if (!fitsKind(kind[t]!, c)) continue;
      const a = anchoredOf[t]!;
      const counted = measured === c;
      flow.arc(from, tableNode[t]!, travellers[c]!, (unit) => (counted ? cost(a + unit + 1, t) - cost(a + unit, t) : 0));
    }
  }
  const result = flow.run(source, sink, travellers[0]! + travellers[1]!);
  return Math.round(base + result.cost + pull);
}
