import type { Problem } from './model.ts';
import type { Sizes } from './sizes.ts';
import { Weight } from './weights.ts';

// Imported bindings may be read through getters once transpiled; hot paths read these locals.
const W_PAIR = Weight.pair;
const W_SEEN = Weight.seenQuestion;
const W_GROUP = Weight.sameGroup;

/**
 * A seating under search, with everything a move's cost depends on kept up to date incrementally:
 * `conf[p * nt + t]` counts the people at t that p has already met, so judging a seat is O(1) and
 * moving someone costs only as much as the number of people they have met.
 */
export class Board {
  readonly tableOf: Int32Array;
  readonly size: Int32Array;
  readonly members: Int32Array[];
  private readonly slot: Int32Array;
  readonly groupCount: Int32Array;
  readonly conf: Int32Array;
  private readonly groups: number;

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
    this.conf = new Int32Array(n * nt);
  }

  place(p: number, t: number) {
    const { nt, group, nbr, nbrStart } = this.problem;
    this.tableOf[p] = t;
    this.slot[p] = this.size[t]!;
    this.members[t]![this.size[t]!++] = p;
    this.groupCount[t * this.groups + group[p]!]!++;
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
    this.groupCount[t * this.groups + group[p]!]!--;
    for (let i = nbrStart[p]!; i < nbrStart[p + 1]!; i++) this.conf[nbr[i]! * nt + t]!--;
  }

  move(p: number, u: number) {
    this.remove(p);
    this.place(p, u);
  }

  swap(p: number, q: number) {
    const t = this.tableOf[p]!;
    const u = this.tableOf[q]!;
    this.move(p, u);
    this.move(q, t);
  }

  met(p: number, q: number): boolean {
    const n = this.problem.n;
    return this.problem.met.has(p < q ? p * n + q : q * n + p);
  }

  private seenCost(p: number, t: number): number {
    const { seen, nq, question } = this.problem;
    return seen[p * nq + question[t]!]! * W_SEEN;
  }

  private moveCost(p: number, t: number): number {
    const prev = this.problem.prev[p]!;
    return prev >= 0 && prev !== t ? this.problem.moveWeight : 0;
  }

  /** What p adds by sitting at t, given everyone else there now. */
  seatCost(p: number, t: number): number {
    const own = this.tableOf[p] === t ? 1 : 0;
    return (
      this.conf[p * this.problem.nt + t]! * W_PAIR +
      (this.groupCount[t * this.groups + this.problem.group[p]!]! - own) * W_GROUP +
      this.seenCost(p, t) +
      this.moveCost(p, t)
    );
  }

  deltaMove(p: number, u: number): number {
    const t = this.tableOf[p]!;
    const { nt, group } = this.problem;
    const g = group[p]!;
    return (
      (this.conf[p * nt + u]! - this.conf[p * nt + t]!) * W_PAIR +
      (this.groupCount[u * this.groups + g]! - this.groupCount[t * this.groups + g]! + 1) * W_GROUP +
      this.seenCost(p, u) -
      this.seenCost(p, t) +
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
    const same =
      gp === gq
        ? 0
        : this.groupCount[u * G + gp]! - (this.groupCount[t * G + gp]! - 1) + this.groupCount[t * G + gq]! - (this.groupCount[u * G + gq]! - 1);
    return (
      pairs * W_PAIR +
      same * W_GROUP +
      this.seenCost(p, u) +
      this.seenCost(q, t) -
      this.seenCost(p, t) -
      this.seenCost(q, u) +
      this.moveCost(p, u) +
      this.moveCost(q, t) -
      this.moveCost(p, t) -
      this.moveCost(q, u)
    );
  }

  /** The whole seating's cost, to compare attempts. */
  totalCost(): number {
    const { n, nt } = this.problem;
    let pairs = 0;
    let rest = 0;
    for (let p = 0; p < n; p++) {
      const t = this.tableOf[p]!;
      if (t < 0) continue;
      pairs += this.conf[p * nt + t]!;
      rest += this.seenCost(p, t) + this.moveCost(p, t);
    }
    let same = 0;
    for (const c of this.groupCount) same += (c * (c - 1)) / 2;
    return (pairs / 2) * W_PAIR + same * W_GROUP + rest;
  }
}
