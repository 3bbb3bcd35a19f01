import type { Problem } from './model.ts';
import type { Sizes } from './sizes.ts';
import { Weight } from './weights.ts';

// Imported bindings may be read through getters once transpiled; hot paths read these locals.
const W_AWAY = Weight.anchorAway;
const W_SEEN = Weight.seenQuestion;
const W_SINGLE = Weight.singleGroup;
const W_PAIR = Weight.pair;
const W_GROUP = Weight.sameGroup;

/**
 * A seating under search, with everything a move's cost depends on kept up to date incrementally:
 * `conf[p * nt + t]` counts the people at t that p has already met, so judging a seat is O(1) and
 * moving someone costs only as much as the number of people they have met. Per table, how many of
 * each stakeholder group sit there and how many groups that is, for the mix and single-group tables.
 */
export class Board {
  readonly tableOf: Int32Array;
  readonly size: Int32Array;
  readonly members: Int32Array[];
  private readonly slot: Int32Array;
  readonly groupCount: Int32Array;
  /** How many different groups sit at each table. */
  readonly groupsAt: Int32Array;
  readonly conf: Uint16Array;
  readonly groups: number;

  constructor(
    readonly problem: Problem,
    readonly sizes: Sizes,
  ) {
    const { n, nt, cap } = problem;
    this.groups = Math.max(1, problem.groupNames.length);
    this.tableOf = new Int32Array(n).fill(-1);
    this.size = new Int32Array(nt);
    this.members = Array.from({ length: nt }, (_, t) => new Int32Array(Math.max(cap[t]!, sizes.anchored[t]!, sizes.hi[t]!)));
    this.slot = new Int32Array(n);
    this.groupCount = new Int32Array(nt * this.groups);
    this.groupsAt = new Int32Array(nt);
    this.conf = new Uint16Array(n * nt);
  }

  place(p: number, t: number) {
    const { nt, group, nbr, nbrStart } = this.problem;
    this.tableOf[p] = t;
    this.slot[p] = this.size[t]!;
    this.members[t]![this.size[t]!++] = p;
    if (this.groupCount[t * this.groups + group[p]!]!++ === 0) this.groupsAt[t]!++;
    for (let i = nbrStart[p]!; i < nbrStart[p + 1]!; i++) this.conf[nbr[i]! * nt + t]!++;
  }

  remove(p: number) {
    const { nt, group, nbr, nbrStart } = this.problem;
    const t = this.tableOf[p]!;
    if (t < 0) return;
    const list = this.members[t]!;
    const last = list[--this.size[t]!]!;
    list[this.slot[p]!] = last;
    this.slot[last] = this.slot[p]!;
    this.tableOf[p] = -1;
    if (--this.groupCount[t * this.groups + group[p]!]! === 0) this.groupsAt[t]!--;
    for (let i = nbrStart[p]!; i < nbrStart[p + 1]!; i++) this.conf[nbr[i]! * nt + t]!--;
  }

  move(p: number, u: number) {
    this.remove(p);
    this.place(p, u);
  }

  /** Both leave before either sits, so a full table never holds one more than its seats. */
  swap(p: number, q: number) {
    const t = this.tableOf[p]!;
    const u = this.tableOf[q]!;
    this.remove(p);
    this.remove(q);
    this.place(p, u);
    this.place(q, t);
  }

  /** Whether p and q sat together before: a binary search in p's sorted list (inlined `hasMet`, a hot path). */
  met(p: number, q: number): boolean {
    const { nbr, nbrStart } = this.problem;
    let lo = nbrStart[p]!;
    let hi = nbrStart[p + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = nbr[mid]!;
      if (x === q) return true;
      if (x < q) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** A table of two or more people, all of one stakeholder group. */
  single(t: number): boolean {
    return this.size[t]! >= 2 && this.groupsAt[t] === 1;
  }

  seen(p: number, t: number): number {
    const { seen, nq, question } = this.problem;
    return seen[p * nq + question[t]!]!;
  }

  private away(p: number, t: number): number {
    const wish = this.problem.wish[p]!;
    return wish >= 0 && wish !== t ? 1 : 0;
  }

  private moveCost(p: number, t: number): number {
    const prev = this.problem.prev[p]!;
    return prev >= 0 && prev !== t ? this.problem.moveWeight : 0;
  }

  deltaMove(p: number, u: number): number {
    const t = this.tableOf[p]!;
    const { nt, group } = this.problem;
    const g = group[p]!;
    const G = this.groups;
    // Single-group tables before and after: t loses p, u gains p.
    const tSize = this.size[t]! - 1;
    const tGroups = this.groupsAt[t]! - (this.groupCount[t * G + g] === 1 ? 1 : 0);
    const uSize = this.size[u]! + 1;
    const uGroups = this.groupsAt[u]! + (this.groupCount[u * G + g] === 0 ? 1 : 0);
    const singles = (tSize >= 2 && tGroups === 1 ? 1 : 0) + (uSize >= 2 && uGroups === 1 ? 1 : 0) - (this.single(t) ? 1 : 0) - (this.single(u) ? 1 : 0);
    return (
      (this.away(p, u) - this.away(p, t)) * W_AWAY +
      (this.seen(p, u) - this.seen(p, t)) * W_SEEN +
      singles * W_SINGLE +
      (this.conf[p * nt + u]! - this.conf[p * nt + t]!) * W_PAIR +
      (this.groupCount[u * G + g]! - this.groupCount[t * G + g]! + 1) * W_GROUP +
      this.moveCost(p, u) -
      this.moveCost(p, t)
    );
  }

  deltaSwap(p: number, q: number): number {
    const t = this.tableOf[p]!;
    const u = this.tableOf[q]!;
    const { nt, group } = this.problem;
    const m = this.met(p, q) ? 1 : 0;
    const pairs = this.conf[p * nt + u]! + this.conf[q * nt + t]! - 2 * m - this.conf[p * nt + t]! - this.conf[q * nt + u]!;
    const gp = group[p]!;
    const gq = group[q]!;
    const G = this.groups;
    let same = 0;
    let singles = 0;
    if (gp !== gq) {
      same = this.groupCount[u * G + gp]! - (this.groupCount[t * G + gp]! - 1) + this.groupCount[t * G + gq]! - (this.groupCount[u * G + gq]! - 1);
      // Sizes stay; t swaps one gp for one gq, u the other way round.
      const tGroups = this.groupsAt[t]! - (this.groupCount[t * G + gp] === 1 ? 1 : 0) + (this.groupCount[t * G + gq] === 0 ? 1 : 0);
      const uGroups = this.groupsAt[u]! - (this.groupCount[u * G + gq] === 1 ? 1 : 0) + (this.groupCount[u * G + gp] === 0 ? 1 : 0);
      singles =
        (this.size[t]! >= 2 && tGroups === 1 ? 1 : 0) + (this.size[u]! >= 2 && uGroups === 1 ? 1 : 0) - (this.single(t) ? 1 : 0) - (this.single(u) ? 1 : 0);
    }
    return (
      (this.away(p, u) + this.away(q, t) - this.away(p, t) - this.away(q, u)) * W_AWAY +
      (this.seen(p, u) + this.seen(q, t) - this.seen(p, t) - this.seen(q, u)) * W_SEEN +
      singles * W_SINGLE +
      pairs * W_PAIR +
      same * W_GROUP +
      this.moveCost(p, u) +
      this.moveCost(q, t) -
      this.moveCost(p, t) -
      this.moveCost(q, u)
    );
  }

  /** The seating's objectives, highest first, to compare attempts: known questions, single-group tables, repeats, same-group pairs, moves. */
  score(): number[] {
    const { n, nt } = this.problem;
    let seen = 0;
    let pairs = 0;
    let moves = 0;
    let away = 0;
    for (let p = 0; p < n; p++) {
      const t = this.tableOf[p]!;
      if (t < 0) continue;
      away += this.away(p, t);
      pairs += this.conf[p * nt + t]!;
      if (this.problem.anchor[p] !== t) seen += this.seen(p, t);
      if (this.moveCost(p, t) > 0) moves++;
    }
    let singles = 0;
    for (let t = 0; t < nt; t++) if (this.single(t)) singles++;
    let same = 0;
    for (const c of this.groupCount) same += (c * (c - 1)) / 2;
    // A repair weighs moves above the mix; otherwise they only break ties.
    return this.problem.moveWeight >= Weight.repairMove ? [away, seen, singles, pairs / 2, moves, same] : [away, seen, singles, pairs / 2, same, moves];
  }
}

export function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
