import { fewestRepeatsWithClosedTables } from './closed.ts';
import { ConvexFlow, FlowDiverged } from './flow.ts';
import { createRng } from './prng.ts';
import { fitsKind, hasMet, Kind, type Problem } from './model.ts';
import { compile } from './problem.ts';
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
 * Both need every round's sizes to be the ones computed here. When someone waits they are not:
 * the rules judge each round alone, and a later round may open other tables and seat more or fewer
 * people, so then neither argument (nor the anchors' or transport's) is used.
 *
 * Anchors (hosts, pins, and, when nobody waits, anyone only one table takes, who must then sit
 * there every round): a traveller of one class who sits with an anchor of the other class meets
 * that anchor again each time they return to that table. If only H traveller-seats a round lie at
 * tables free of such anchors, at least n - H of the class's n travellers sit with one each round,
 * and each traveller can do so without a repeat only at tables whose anchors they have not met
 * yet. The counting bound can also take these traveller-anchor pairs together with the class's own
 * pairs ("joint"), which sees the trade-off between crowding a class together and sending it back
 * to the same hosts; per class the better of the two readings is kept. Anchors of both classes at
 * one table meet again every round. The pair sets of the two classes and of mixed anchors are
 * disjoint, so these terms add up.
 *
 * Transport (small cafés): last round's tables send their travellers to this round's seats; with
 * anchors staying put, the fewest pairs kept together is a convex transportation problem over the
 * next round's table sizes, which captures seats that are simply too few elsewhere.
 *
 * Repeats of different rounds are different events, so for any split point s the counting bound
 * on rounds up to s plus the pigeonhole bounds on the rounds after it (or the other way round) is
 * still a bound; the best split is taken. The bound ignores the rule on questions and most pairs
 * across classes, and couples rounds only through counting, so it is safe but can be loose where
 * those bite (e.g. when the rule on questions forces travellers off their tables).
 */

export interface BoundRequest {
  tables: readonly RotationTable[];
  people: readonly RotationPerson[];
  /** Rounds already held, oldest first. */
  history: readonly RoundSittings[];
  /** How many rounds the plan covers. */
  rounds: number;
  minTableSize?: number;
}

export interface LowerBound {
  /** Extra meetings: every time a pair sits together again counts. */
  total: number;
  /** Distinct pairs who sit together again at least once. */
  distinct: number;
  /** Per presence class: its own pairs and its travellers meeting other-class anchors again. */
  room: number;
  remote: number;
  /** Anchors of both presences at one table, meeting again every round. */
  crossAnchors: number;
  /** Everyone counted together (pigeonhole, counting, transport); the total is the larger of this and the sum of the others. */
  everyone: number;
}

const EVERYONE = 2;
/** The transport bound has a cost per pair of tables; beyond this many tables it is skipped (0 is always a bound). */
const TRANSPORT_MAX_TABLES = 40;
const LOWER_BOUND_PULL = 1e7;
const pairs = (x: number) => (x * (x - 1)) / 2;

/** Pairs of the most even split of m people over `bins` tables. */
function evenPairs(m: number, bins: number): number {
  if (bins <= 0) return pairs(m);
  const q = Math.floor(m / bins);
  const r = m % bins;
  return r * pairs(q + 1) + (bins - r) * pairs(q);
}

/** Fewest pairs kept together when x people, `stay` of whom must stay together, split over k tables. */
export function keptTogether(x: number, stay: number, k: number): number {
  if (k <= 0) return pairs(x);
  return stay > Math.ceil(x / k) ? pairs(stay) + evenPairs(x - stay, k - 1) : evenPairs(x, k);
}

/**
 * A lower bound is only of use if it holds: if a flow inside it meets costs it cannot minimise (see
 * `FlowDiverged`), nothing is claimed rather than a wrong number, or an aborted process.
 */
export function repeatedPairsLowerBound(request: BoundRequest): LowerBound {
  try {
    return lowerBound(request);
  } catch (error) {
    if (error instanceof FlowDiverged) return { total: 0, distinct: 0, room: 0, remote: 0, crossAnchors: 0, everyone: 0 };
    throw error;
  }
}

function lowerBound(request: BoundRequest): LowerBound {
  const problem = compile({
    tables: request.tables,
    people: request.people,
    history: request.history,
    seed: 0,
    ...(request.minTableSize !== undefined ? { minTableSize: request.minTableSize } : {}),
  });
  let sizes = planSizes(problem, createRng(0));
  const everyoneSits = sizes.seated.every((s) => s === 1);
  // Tables closed in round 1 may open later, and open ones close (see "The lower bound" in
  // docs/rotation.md): then each round's sizes are judged from any choice of open tables.
  const opens = everyoneSits ? whichTablesOpen(problem, sizes) : 'fixed';
  // These two read round 1's own open tables and sizes, and hold whichever open later.
  const forced = repeatsForcedByNewQuestions(problem, sizes, request);
  const closed = repeatsForcedByClosedTables(problem, sizes, request);
  if (opens === 'relaxed') sizes = relax(problem);
  // Only when nobody waits is it certain that someone with a single table sits there (else they might be the one waiting).
  else if (everyoneSits) {
    anchorTheOnlyOption(problem);
    sizes = planSizes(problem, createRng(0));
  }
  const anchors = anchorLists(problem);
  // When some wait, who waits, which tables open and how many sit change from round to round (the
  // rules judge each round's sizes on its own): no per-round argument here holds (see `classBound`).
  const rotating = !everyoneSits || opens === 'unknown';
  const envelope = opens === 'relaxed' ? minimumEnvelope(problem) : null;
  const cross = [0, 1].map((c) => (rotating ? 0 : travellersMeetingAnchorsAgain(problem, sizes, anchors, request.rounds, c)));
  // Per class, the better of: within-class repeats plus travellers back at other-class anchors, or both counted jointly.
  const perClass = [0, 1].map((c) => {
    const own = classBound(problem, sizes, anchors, request, c, false, rotating, envelope);
    const joint = classBound(problem, sizes, anchors, request, c, true, rotating, envelope);
    return { total: Math.max(own.total + cross[c]!, joint.total), distinct: Math.max(own.distinct, joint.distinct) };
  });
  const mixed = mixedAnchorsMeetingAgain(problem, anchors, request.rounds);
  const counted = classBound(problem, sizes, anchors, request, EVERYONE, false, rotating, envelope);
  // Where no per-round argument holds because people fit tables of two kinds, anchors at one table
  // (hosts, pins, people only that table takes) still meet again every round, whatever the split.
  // With a table closed in round 1, only those a single table takes (open or not) are sure to stay.
  // Only with every table open: a closed table lets fewer than its minimum wait, anchors among them.
  const anchorsTogether =
    opens === 'unknown' && everyoneSits && !anyTableClosed(problem) ? anchorsMeetingAgain(problem, anchors.atTable, request.rounds) : { total: 0, distinct: 0 };
  // And a class that fits tables of one kind only (remote people where no table is remote-only)
  // crowds those tables whatever the other class does: counting over them alone still holds.
  const classAlone = opens === 'unknown' && everyoneSits ? [0, 1].map((c) => classOnOneKind(problem, c, request.rounds)) : [];
  const together = [anchorsTogether, ...classAlone].reduce((a, b) => (b.total > a.total ? b : a), { total: 0, distinct: 0 });
  const everyone = {
    total: Math.max(counted.total, forced.total, closed.total, together.total),
    distinct: Math.max(counted.distinct, forced.distinct, closed.distinct, together.distinct),
  };
  return {
    total: Math.max(perClass[0]!.total + perClass[1]!.total + mixed.total, everyone.total),
    distinct: Math.max(perClass[0]!.distinct + perClass[1]!.distinct + mixed.distinct, everyone.distinct),
    room: perClass[0]!.total,
    remote: perClass[1]!.total,
    crossAnchors: mixed.total,
    everyone: everyone.total,
  };
}

/**
 * Repeats the rule on questions forces, in the one shape where that is proven here: no history,
 * nobody anchored, every table open, full and of the same capacity s, everyone fitting every table,
 * one question per table, and no more rounds than tables (so n = tables x s).
 *
 * 1. The rule forces no return in any round. By induction: with none so far, before round k every
 *    traveller has (tables - k + 1) questions left and every question is left to (tables - k + 1) x s
 *    travellers. Each table taken s times, that is a regular bipartite graph, which has a perfect
 *    matching (König): a seating with no return exists, so the rule allows none.
 * 2. Then in each round after the first, each person's (table last round, table now) is one of
 *    tables x (tables - 1) pairs with different tables; two people with the same pair sat together in
 *    both rounds. n people over that many pairs put at least the pairs of the most even split together
 *    again, each one an extra meeting in this round.
 *
 * So at least (rounds - 1) times that many extra meetings; and since a pair can meet again at most
 * (rounds - 1) times, at least that many distinct pairs. Twelve government and four civil-society
 * people at 4 tables of 4 over 4 rounds: 16 people over 12 pairs of tables, 4 pairs each round, 12 in all.
 */
function repeatsForcedByNewQuestions(problem: Problem, sizes: Sizes, request: BoundRequest): { total: number; distinct: number } {
  const none = { total: 0, distinct: 0 };
  const { n, nt, cap, open, anchor, question, nq, kind, presence } = problem;
  const R = request.rounds;
  if (request.history.length || R < 2 || R > nt || nq !== nt || nt < 2) return none;
  const s = cap[0]!;
  if (s < 2 || n !== nt * s) return none;
  for (let t = 0; t < nt; t++) if (!open[t] || cap[t] !== s || sizes.lo[t] !== s || sizes.hi[t] !== s) return none;
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0 || !sizes.seated[p]) return none;
    for (let t = 0; t < nt; t++) if (!fitsKind(kind[t]!, presence[p]!)) return none;
  }
  if (new Set(question).size !== nt) return none;
  const perRound = evenSplitPairs(n, nt * (nt - 1));
  return { total: (R - 1) * perRound, distinct: perRound };
}

/**
 * Tiny cafés whose tables close (the shape `closed.ts` describes: no history, nobody anchored,
 * everyone fitting every table, alike tables with one question each, and fewer people than fill
 * them all at the minimum, which they fill exactly): the fewest repeats of any plan the rules allow,
 * by exhaustive search, or nothing when the search would be too long.
 */
function repeatsForcedByClosedTables(problem: Problem, sizes: Sizes, request: BoundRequest): { total: number; distinct: number } {
  const none = { total: 0, distinct: 0 };
  const { n, nt, cap, minSize, open, anchor, question, kind, presence } = problem;
  if (request.history.length || request.rounds < 2 || nt < 2 || new Set(question).size !== nt) return none;
  const s = minSize[0]!;
  let m = 0;
  for (let t = 0; t < nt; t++) {
    if (cap[t] !== cap[0] || minSize[t] !== s || kind[t] !== kind[0]) return none;
    if (!open[t]) continue;
    m++;
    if (sizes.lo[t] !== s) return none;
  }
  // Every open table seats at least s, and m x s = n: each seats exactly s.
  if (m >= nt || n !== m * s || s < 2) return none;
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0 || !sizes.seated[p] || !fitsKind(kind[0]!, presence[p]!)) return none;
  return fewestRepeatsWithClosedTables({ people: n, tables: nt, open: m, size: s, rounds: request.rounds }) ?? none;
}

/** The pairs of the most even split of x people into k groups. */
function evenSplitPairs(x: number, k: number): number {
  const q = Math.floor(x / k);
  const r = x % k;
  return (r * ((q + 1) * q)) / 2 + ((k - r) * (q * (q - 1))) / 2;
}

/**
 * Whether round 1's open tables are every round's, when everyone sits in round 1. 'fixed': every
 * table someone fits is open (or round 1 keeps seats, which the existing argument covers). Else the
 * rules may open other tables in a later round ('relaxed'), which the bound can follow only when
 * round 1 shows a seating of everyone with no open table below its minimum and keeps no seat: then
 * every round seats everyone (a round seating fewer breaks `waiting-unfair`) and no table that
 * enough seated people fit seats fewer than its minimum (`below-minimum`). Otherwise 'unknown'.
 */
function whichTablesOpen(problem: Problem, sizes: Sizes): 'fixed' | 'relaxed' | 'unknown' {
  const { n, nt, cap, open, kind, presence, minSize, kept } = problem;
  const fitting = (t: number) => {
    let count = 0;
    for (let p = 0; p < n; p++) if (fitsKind(kind[t]!, presence[p]!)) count++;
    return count;
  };
  let closed = false;
  for (let t = 0; t < nt; t++) if (!open[t] && cap[t]! > 0 && fitting(t) > 0) closed = true;
  // The size rule keeps tables of one kind within a person of each other, but sets nothing between
  // kinds: someone who fits a room and a hybrid table may make either larger in any round, so round
  // 1's split between kinds does not bind the next (the whole-plan search trades it). No per-round
  // argument here follows that, and the relaxation below was written for one kind of table.
  if (sharedAcrossKinds(problem)) return 'unknown';
  if (!closed) return 'fixed';
  if (kept.some((k) => k === 1)) return 'unknown';
  for (let t = 0; t < nt; t++) if (open[t] && sizes.lo[t]! > 0 && sizes.lo[t]! < minSize[t]!) return 'unknown';
  // That every round seats everyone rests on the rule that opening other tables must not seat more,
  // which `checkRules` holds exactly only where nobody is a host or pinned (rules/tables.ts).
  if (problem.anchor.some((a) => a >= 0)) return 'unknown';
  return 'relaxed';
}

/** Whether someone fits tables of two kinds (room and hybrid, or remote and hybrid), open or closed. */
function sharedAcrossKinds(problem: Problem): boolean {
  const { n, nt, cap, kind, presence } = problem;
  for (let p = 0; p < n; p++) {
    let first = -1;
    for (let t = 0; t < nt; t++) {
      if (cap[t]! <= 0 || !fitsKind(kind[t]!, presence[p]!)) continue;
      if (first < 0) first = kind[t]!;
      else if (kind[t] !== first) return true;
    }
  }
  return false;
}

/**
 * Every table that takes anyone counts as open, with no host or pin held (their table may close),
 * sizes free from 0 to capacity; only who one table alone takes is an anchor, since everyone sits
 * every round. Any round's seating is then one of these (the minimum comes back through `Envelope`).
 */
function relax(problem: Problem): Sizes {
  const { n, nt, cap } = problem;
  problem.anchor.fill(-1);
  for (let t = 0; t < nt; t++) problem.open[t] = cap[t]! > 0 ? 1 : 0;
  anchorTheOnlyOption(problem);
  const anchored = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (problem.anchor[p]! >= 0) anchored[problem.anchor[p]!]!++;
  const hi = Int32Array.from(anchored, (a, t) => (problem.open[t] ? Math.max(a, cap[t]!) : a));
  return { seated: new Uint8Array(n).fill(1), lo: Int32Array.from(anchored), hi, target: Int32Array.from(hi), anchored };
}

/**
 * A table whose size is 0 or between its minimum m and its capacity: a cost f convex with f(0) = 0
 * is replaced below m by the chord from 0 to f(m), the convex envelope of f on those sizes, so the
 * convex flow's minimum over sizes 0..capacity never exceeds f's over the sizes the rules allow.
 * Costs are scaled by the lcm of the minimums to stay whole. Where a table may legally seat fewer
 * than its minimum (fewer than m of the people fit it), f is kept as it is; so it is for a class's
 * count at a table the other class also takes (one room person beside a remote host is fine).
 */
interface Envelope {
  scale: number;
  /** For a class, only at tables the other class cannot take: elsewhere its count may be anything below m. */
  of: (cost: (x: number, t: number) => number, measured: number) => (x: number, t: number) => number;
}

function minimumEnvelope(problem: Problem): Envelope | null {
  const { n, nt, kind, presence, minSize } = problem;
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const floor = new Int32Array(nt);
  let scale = 1;
  for (let t = 0; t < nt; t++) {
    let fitting = 0;
    for (let p = 0; p < n; p++) if (fitsKind(kind[t]!, presence[p]!)) fitting++;
    if (fitting < minSize[t]! || minSize[t]! <= 1) continue;
    const m = minSize[t]!;
    floor[t] = m;
    scale = (scale * m) / gcd(scale, m);
  }
  // Beyond this the scaled costs could lose precision: f itself is still a bound.
  if (scale > 1000) return null;
  return {
    scale,
    of: (cost, measured) => {
      const m = Int32Array.from(floor, (f, t) => (measured === EVERYONE || !fitsKind(kind[t]!, 1 - measured) ? f : 0));
      return (x, t) => (x > 0 && x < m[t]! ? (x * cost(m[t]!, t) * scale) / m[t]! : cost(x, t) * scale);
    },
  };
}

/** Someone only one table takes sits there every round, whatever the plan: for the bound, an anchor. */
function anchorTheOnlyOption(problem: Problem) {
  const { n, nt, kind, presence, anchor, open } = problem;
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0) continue;
    let only = -1;
    let count = 0;
    for (let t = 0; t < nt && count < 2; t++) {
      if (open[t] && fitsKind(kind[t]!, presence[p]!) && problem.cap[t]! > 0) {
        only = t;
        count++;
      }
    }
    if (count === 1) anchor[p] = only;
  }
}

/** The anchors of each presence class, and per table. */
interface Anchors {
  ofClass: number[][];
  atTable: number[][];
}

function anchorLists(problem: Problem): Anchors {
  const ofClass: number[][] = [[], []];
  const atTable: number[][] = Array.from({ length: problem.nt }, () => []);
  for (let p = 0; p < problem.n; p++) {
    const t = problem.anchor[p]!;
    if (t < 0) continue;
    ofClass[problem.presence[p]!]!.push(p);
    atTable[t]!.push(p);
  }
  return { ofClass, atTable };
}

function otherAnchors(problem: Problem, anchors: Anchors, c: number): Int32Array {
  const out = new Int32Array(problem.nt);
  for (const p of anchors.ofClass[1 - c]!) out[problem.anchor[p]!]!++;
  return out;
}

const met = (problem: Problem, a: number, b: number) => hasMet(problem, a, b);

/** Anchors of both presences at one table are together every round, so every round after their first meeting repeats. */
function mixedAnchorsMeetingAgain(problem: Problem, anchors: Anchors, rounds: number): { total: number; distinct: number } {
  return anchorsMeetingAgain(problem, anchors.atTable, rounds, (a, b) => problem.presence[a] !== problem.presence[b]);
}

/**
 * Counting for one presence class that fits tables of one kind only, when everyone sits every round:
 * each round seats its n people at those tables (closed ones included, sizes anywhere from 0 to
 * capacity, anchors ignored: a relaxation), so at least P of its pairs, the pairs of the most even
 * split under the capacities; s rounds put s·P pairs together, of which only the D pairs not met
 * before can be new. Each repeated pair meets again at most s times, which bounds the distinct ones.
 */
function classOnOneKind(problem: Problem, c: number, rounds: number): { total: number; distinct: number } {
  const { n, nt, cap, kind, presence } = problem;
  const members: number[] = [];
  for (let p = 0; p < n; p++) if (presence[p] === c) members.push(p);
  const caps: number[] = [];
  let only = -1;
  let largestMinimum = 0;
  for (let t = 0; t < nt; t++) {
    if (cap[t]! <= 0 || !fitsKind(kind[t]!, c)) continue;
    if (only === -1) only = kind[t]!;
    else if (kind[t] !== only) return { total: 0, distinct: 0 };
    caps.push(cap[t]!);
    largestMinimum = Math.max(largestMinimum, problem.minSize[t]!);
  }
  if (members.length < 2 || !caps.length) return { total: 0, distinct: 0 };
  // The fewest pairs: fill the tables one person at a time, each to the least filled that has room.
  const filled = new Array<number>(caps.length).fill(0);
  let perRound = 0;
  for (let k = 0; k < members.length; k++) {
    let best = -1;
    for (let t = 0; t < caps.length; t++) if (filled[t]! < caps[t]! && (best < 0 || filled[t]! < filled[best]!)) best = t;
    if (best < 0) return { total: 0, distinct: 0 };
    perRound += filled[best]!;
    filled[best]!++;
  }
  // Some may wait in a round the rules accept: every open table of the kind full, one closed, and
  // fewer waiting than its minimum (else it should open). Then the open tables hold them at capacity:
  // the fewest pairs of any set of tables whose seats leave 1 to (largest minimum - 1) waiting.
  const m = members.length;
  const fewest = new Array<number>(m).fill(Infinity);
  fewest[0] = 0;
  for (const capacity of caps)
    for (let seats = m - 1; seats >= capacity; seats--) fewest[seats] = Math.min(fewest[seats]!, fewest[seats - capacity]! + (capacity * (capacity - 1)) / 2);
  for (let waiting = 1; waiting < largestMinimum && waiting < m; waiting++) perRound = Math.min(perRound, fewest[m - waiting]!);
  // Pairs of the class not met before: all of them, less those in each member's list of people met.
  let metBefore = 0;
  for (const p of members)
    for (let i = problem.nbrStart[p]!; i < problem.nbrStart[p + 1]!; i++) if (problem.nbr[i]! > p && presence[problem.nbr[i]!] === c) metBefore++;
  const fresh = (members.length * (members.length - 1)) / 2 - metBefore;
  const total = Math.max(0, rounds * perRound - fresh);
  return { total, distinct: Math.ceil(total / Math.max(1, rounds)) };
}

/** Every pair of anchors at one table (of either class, or those `counts`): they sit together every round. */
function anchorsMeetingAgain(
  problem: Problem,
  atTable: number[][],
  rounds: number,
  counts: (a: number, b: number) => boolean = () => true,
): { total: number; distinct: number } {
  let total = 0;
  let distinct = 0;
  for (const here of atTable) {
    for (let i = 0; i < here.length; i++) {
      for (let j = i + 1; j < here.length; j++) {
        if (!counts(here[i]!, here[j]!)) continue;
        const again = met(problem, here[i]!, here[j]!) ? rounds : rounds - 1;
        total += again;
        if (again > 0) distinct++;
      }
    }
  }
  return { total, distinct };
}

/** Whether a table someone fits is closed in round 1 (a later round might open it). */
function anyTableClosed(problem: Problem): boolean {
  const { n, nt, cap, open, kind, presence } = problem;
  for (let t = 0; t < nt; t++) {
    if (open[t] || cap[t]! <= 0) continue;
    for (let p = 0; p < n; p++) if (fitsKind(kind[t]!, presence[p]!)) return true;
  }
  return false;
}

/** Travellers of class c who must sit with anchors of the other class, more often than there are such tables they have not visited. */
function travellersMeetingAnchorsAgain(problem: Problem, sizes: Sizes, anchors: Anchors, rounds: number, c: number): number {
  const { n, nt, kind, anchor, presence, open } = problem;
  const other = otherAnchors(problem, anchors, c);
  let travellers = 0;
  let freeSeats = 0;
  const anchored: number[] = [];
  for (let t = 0; t < nt; t++) {
    if (!open[t] || !fitsKind(kind[t]!, c)) continue;
    if (other[t]! > 0) anchored.push(t);
    else freeSeats += sizes.hi[t]! - sizes.anchored[t]!;
  }
  if (!anchored.length) return 0;
  let fresh = 0;
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0 || !sizes.seated[p] || presence[p] !== c) continue;
    travellers++;
    // A table stays fresh for p while p has met none of its other-class anchors.
    for (const t of anchored) if (!anchors.atTable[t]!.some((a) => presence[a] !== c && met(problem, p, a))) fresh++;
  }
  return Math.max(0, Math.max(0, travellers - freeSeats) * rounds - fresh);
}

function inClass(problem: Problem, p: number, measured: number) {
  return measured === EVERYONE || problem.presence[p] === measured;
}

/**
 * `joint` widens the pairs counted for class c to travellers of c sitting with anchors of the other
 * class too: then the counting bound sees the trade-off between crowding the class together and
 * sending it back to the same hosts. Distinct pairs: a pair meets again at most once a round, and
 * at most as many times as there are rounds, so the distinct pairs are at least the most forced in
 * one round, and at least the total over the rounds.
 */
function classBound(
  problem: Problem,
  sizes: Sizes,
  anchors: Anchors,
  request: BoundRequest,
  measured: number,
  joint: boolean,
  rotating: boolean,
  envelope: Envelope | null,
): { total: number; distinct: number } {
  const { n, nt, kind, anchor, open } = problem;
  const rounds = request.rounds;
  const mayMeet = (p: number) => sizes.seated[p] === 1 && inClass(problem, p, measured);
  let members = 0;
  for (let p = 0; p < n; p++) if (sizes.seated[p] && inClass(problem, p, measured)) members++;
  let candidates = 0;
  for (let p = 0; p < n; p++) if (mayMeet(p)) candidates++;
  // With someone waiting, `sizes` holds for the first round only: a later round may open other
  // tables and seat more or fewer people (7 at [3,3,2,2]: 6 at the two tables of 3, then all 7 at
  // 3 + 2 + 2), so neither the pairs a round seats (counting) nor last round's spread is known.
  if (members < 2 || rounds <= 0 || rotating) return { total: 0, distinct: 0 };
  let k = 0;
  for (let t = 0; t < nt; t++) if (open[t] && (measured === EVERYONE || fitsKind(kind[t]!, measured))) k++;

  const stay = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0 && inClass(problem, p, measured)) stay[anchor[p]!]!++;
  const other = joint && measured !== EVERYONE ? otherAnchors(problem, anchors, measured) : new Int32Array(nt);
  const spread = (cost: (x: number, t: number) => number, like: (t: number) => string) =>
    envelope
      ? Math.ceil(minSpread(problem, sizes, measured, envelope.of(cost, measured), like) / envelope.scale - 1e-9)
      : minSpread(problem, sizes, measured, cost, like);
  const seatedPairs = spread(
    (x, t) => pairs(x) + Math.max(0, x - stay[t]!) * other[t]!,
    (t) => `${stay[t]}:${other[t]}`,
  );
  const pigeonhole = spread(
    (x, t) => keptTogether(x, Math.min(stay[t]!, x), k),
    (t) => `${stay[t]}`,
  );

  let alreadyMet = 0;
  for (let a = 0; a < n; a++) {
    if (!mayMeet(a)) continue;
    for (let i = problem.nbrStart[a]!; i < problem.nbrStart[a + 1]!; i++) {
      const b = problem.nbr[i]!;
      if (b > a && mayMeet(b)) alreadyMet++;
    }
  }
  let unmet = pairs(candidates) - alreadyMet;
  if (joint && measured !== EVERYONE) {
    const others = anchors.ofClass[1 - measured]!.filter((a) => fitsKind(kind[anchor[a]!]!, measured));
    for (let p = 0; p < n; p++) {
      if (anchor[p]! >= 0 || !mayMeet(p)) continue;
      for (const a of others) if (!met(problem, p, a)) unmet++;
    }
  }

  // Transport reads each kind's planned travellers from the sizes, which a relaxed plan does not fix.
  const transports = measured === EVERYONE && nt <= TRANSPORT_MAX_TABLES && !envelope;
  const transported = transports ? transport(problem, sizes, null) : 0;
  const perRound = Array.from({ length: rounds }, (_, i) => (i > 0 ? Math.max(pigeonhole, transported) : 0));
  const last = request.history[request.history.length - 1];
  if (last) {
    perRound[0] = realPigeonhole(problem, sizes, last, measured, k);
    if (transports) perRound[0] = Math.max(perRound[0], transport(problem, sizes, last));
  }

  let total = 0;
  for (let s = 0; s <= rounds; s++) {
    const head = perRound.slice(0, s).reduce((a, b) => a + b, 0);
    const tail = perRound.slice(s).reduce((a, b) => a + b, 0);
    total = Math.max(total, Math.max(0, s * seatedPairs - unmet) + tail, head + Math.max(0, (rounds - s) * seatedPairs - unmet));
  }
  const distinct = Math.max(Math.ceil(total / rounds), ...perRound);
  return { total, distinct };
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
 *
 * Tables alike in everything the cost and the rules see (kind, size range, anchors, and what `like`
 * says of the cost) are pooled: the cost is convex, so the best split over g alike tables is the
 * most even one, and the pool's k-th unit costs what the next unit costs at level floor(k / g). A
 * plenary of 1,250 tables is then a handful of pools instead of 1,250 nodes.
 */
function minSpread(problem: Problem, sizes: Sizes, measured: number, cost: (x: number, t: number) => number, like: (t: number) => string): number {
  const { n, nt, kind, anchor, presence, open } = problem;
  const anchoredOf = new Int32Array(nt);
  const travellers = [0, 0];
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0) {
      if (inClass(problem, p, measured)) anchoredOf[anchor[p]!]!++;
    } else if (sizes.seated[p]) travellers[presence[p]!]!++;
  }
  const pools = new Map<string, { t: number; count: number }>();
  const kindTravellers = [0, 0, 0];
  let base = 0;
  for (let t = 0; t < nt; t++) {
    kindTravellers[kind[t]!]! += sizes.target[t]! - sizes.anchored[t]!;
    base += cost(anchoredOf[t]!, t);
    if (!open[t] || sizes.hi[t]! - sizes.anchored[t]! <= 0) continue;
    const key = `${kind[t]}|${sizes.lo[t]}|${sizes.hi[t]}|${sizes.anchored[t]}|${anchoredOf[t]}|${like(t)}`;
    const pool = pools.get(key);
    if (pool) pool.count++;
    else pools.set(key, { t, count: 1 });
  }
  const flow = new ConvexFlow();
  const source = flow.node();
  const sink = flow.node();
  const kindNode = [flow.node(), flow.node(), flow.node()];
  let pull = 0;
  const poolNodes: { node: number; t: number; count: number }[] = [];
  for (const { t, count } of pools.values()) {
    const a = anchoredOf[t]!;
    const floor = sizes.lo[t]! - sizes.anchored[t]!;
    const node = flow.node();
    poolNodes.push({ node, t, count });
    pull += floor * count * LOWER_BOUND_PULL;
    const step = (level: number) => cost(a + level + 1, t) - cost(a + level, t);
    flow.arc(
      node,
      kindNode[kind[t]!]!,
      (sizes.hi[t]! - sizes.anchored[t]!) * count,
      (unit) => {
        const level = Math.floor(unit / count);
        return (level < floor ? -LOWER_BOUND_PULL : 0) + (measured === EVERYONE ? step(level) : 0);
      },
      count,
    );
  }
  for (const k of [Kind.room, Kind.remote, Kind.hybrid]) flow.arc(kindNode[k]!, sink, kindTravellers[k]!);
  for (const c of [0, 1]) {
    if (!travellers[c]) continue;
    const from = flow.node();
    flow.arc(source, from, travellers[c]);
    for (const { node, t, count } of poolNodes) {
      if (!fitsKind(kind[t]!, c)) continue;
      const a = anchoredOf[t]!;
      const counted = measured === c;
      if (!counted) {
        flow.arc(from, node, travellers[c]);
        continue;
      }
      flow.arc(
        from,
        node,
        travellers[c],
        (unit) => {
          const level = Math.floor(unit / count);
          return cost(a + level + 1, t) - cost(a + level, t);
        },
        count,
      );
    }
  }
  const result = flow.run(source, sink, travellers[0]! + travellers[1]!);
  return Math.round(base + result.cost + pull);
}

/**
 * The fewest pairs kept together between two consecutive rounds, over every pair of seatings the
 * size rule allows (or, given `last`, from last round's real seating): travellers at T last round
 * go to U this round; a unit on T -> U adds as many repeats as there are already people from T at
 * U, anchors of T included when U is T. Presence is ignored (a relaxation), capacities are not.
 */
function transport(problem: Problem, sizes: Sizes, last: RoundSittings | null): number {
  const { n, nt, kind, anchor, personIndex, tableIndex } = problem;
  const flow = new ConvexFlow();
  const source = flow.node();
  const sink = flow.node();
  const rowKind = [flow.node(), flow.node(), flow.node()];
  const colKind = [flow.node(), flow.node(), flow.node()];
  const row = Array.from({ length: nt }, () => flow.node());
  const col = Array.from({ length: nt }, () => flow.node());
  const kindTravellers = [0, 0, 0];
  let pull = 0;
  let base = 0;
  let units = 0;
  // Anchors stay where they are; after real history, only those who already sat there last round meet again.
  const lastTable = new Int32Array(n).fill(-1);
  if (last) {
    for (const [pid, tids] of Object.entries(last)) {
      const p = personIndex.get(pid);
      const t = tableIndex.get(tids[tids.length - 1] ?? '');
      if (p !== undefined && t !== undefined) lastTable[p] = t;
    }
  }
  const stay = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0 && (!last || lastTable[p] === anchor[p])) stay[anchor[p]!]!++;
  for (let t = 0; t < nt; t++) kindTravellers[kind[t]!]! += sizes.target[t]! - sizes.anchored[t]!;
  if (last) {
    const from = new Int32Array(nt);
    for (const [pid, tids] of Object.entries(last)) {
      const p = personIndex.get(pid);
      const tid = tids[tids.length - 1];
      const t = tid === undefined ? undefined : tableIndex.get(tid);
      if (p === undefined || t === undefined || !sizes.seated[p] || anchor[p]! >= 0) continue;
      from[t]!++;
      units++;
    }
    for (let t = 0; t < nt; t++) if (from[t]) flow.arc(source, row[t]!, from[t]!);
  } else {
    for (const k of [0, 1, 2]) {
      flow.arc(source, rowKind[k]!, kindTravellers[k]!);
      units += kindTravellers[k]!;
    }
    for (let t = 0; t < nt; t++) {
      const floor = sizes.lo[t]! - sizes.anchored[t]!;
      pull += floor * LOWER_BOUND_PULL;
      flow.arc(rowKind[kind[t]!]!, row[t]!, sizes.hi[t]! - sizes.anchored[t]!, (u) => (u < floor ? -LOWER_BOUND_PULL : 0));
    }
  }
  for (let u = 0; u < nt; u++) {
    const floor = sizes.lo[u]! - sizes.anchored[u]!;
    pull += floor * LOWER_BOUND_PULL;
    flow.arc(col[u]!, colKind[kind[u]!]!, sizes.hi[u]! - sizes.anchored[u]!, (x) => (x < floor ? -LOWER_BOUND_PULL : 0));
  }
  for (const k of [0, 1, 2]) flow.arc(colKind[k]!, sink, kindTravellers[k]!);
  for (let t = 0; t < nt; t++) {
    base += pairs(stay[t]!);
    for (let u = 0; u < nt; u++) {
      const already = t === u ? stay[t]! : 0;
      flow.arc(row[t]!, col[u]!, Math.max(0, sizes.hi[u]! - sizes.anchored[u]!), (x) => already + x);
    }
  }
  // This bound stands alone against a round's whole count of repeats, anchors meeting anchors included.
  const result = flow.run(source, sink, units);
  return Math.max(0, Math.round(base + result.cost + pull));
}
