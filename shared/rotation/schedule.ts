import type { Problem } from './model.ts';
import type { Rng } from './prng.ts';
import type { Sizes } from './sizes.ts';
import { Weight } from './weights.ts';

/**
 * Tabu search over a whole plan at once, after Dotú & Van Hentenryck's social golfer search: the
 * state is every planned round's seating; a step exchanges two travellers of one round (or moves one
 * between two tables of a kind within the size plan), the best step for someone in conflict (in a
 * repeat, back at a question, or at a single-group table) that is not tabu. Moving someone makes
 * moving them again in that round tabu for a random tenure, unless the step beats the best plan so
 * far. When the best stalls, the search goes back to it and shakes it with a few random exchanges.
 *
 * The cost is the engine's, counted over the whole plan: a pair that meets in round 2 and round 4 is
 * one extra meeting whichever of the two changes. Returns to a known question are judged round by
 * round in order, as the rule is: a step may not send more travellers back in a round unless it
 * spares some in an earlier one, so a plan that keeps the rule in every round keeps it after any
 * step, save that a later round may now have fewer returns within reach (`settle` in plan.ts takes
 * those). Table sizes, anchors and who is seated stay as each round's size plan decides them.
 */

export interface ScheduleRound {
  problem: Problem;
  sizes: Sizes;
  /** Where each person starts, by person number (-1: waiting). */
  start: Int32Array;
}

export interface ScheduleOptions {
  /** Work the search may spend: candidate steps times the size of the tables they touch. */
  budget: number;
  rng: Rng;
}

/** What the size plan leaves free to the search. */
export interface ScheduleFreedom {
  /**
   * Whether a traveller may move between tables of different kinds (a room table and a hybrid one),
   * which changes how many each kind seats. The rule on sizes only asks that tables of one kind stay
   * within one person of each other; the size plan also fixes each kind's share, which can cost
   * repeats (see "Who sits at the hybrid tables" in docs/rotation.md).
   */
  acrossKinds?: boolean;
}

// Imported bindings may be read through getters once transpiled; the hot loops read locals.
const HYBRID = 2;
const fitsKind = (kind: number, presence: number) => kind === HYBRID || kind === presence;
const W_AWAY = Weight.anchorAway;
const W_SEEN = Weight.seenQuestion;
const W_SINGLE = Weight.singleGroup;
const W_PAIR = Weight.pair;
const W_GROUP = Weight.sameGroup;
const TENURE_MIN = 4;
const TENURE_SPREAD = 96;
/** Steps without a new best before the search returns to the best and shakes it. */
const STALL = 500;
const SHAKE = 3;
/** Shakes in a row that bring no new best before the search gives up early. */
const FRUITLESS_SHAKES = 2;
/** A round's change in returns is at most two (a swap moves two people): base 5 keeps the per-round order in one number. */
const RETURN_BASE = 5;

export class Schedule {
  readonly R: number;
  readonly n: number;
  readonly nt: number;
  readonly nq: number;
  readonly G: number;
  readonly tableOf: Int32Array;
  readonly size: Int32Array;
  readonly members: Int32Array[];
  private readonly slot: Int32Array;
  readonly groupCount: Int32Array;
  readonly groupsAt: Int32Array;
  /** Meetings per pair, history counting once: meet[a * n + b]. */
  readonly meet: Uint8Array;
  /** The question each person discusses in each round (-1: waiting), and whether seated there as an anchor. */
  private readonly questionOf: Int32Array;
  /** The round in which each person discusses each question (the last one, if several), or -1. */
  private readonly roundOf: Int32Array;
  private readonly anchored: Uint8Array;
  private readonly seenBefore: Uint8Array;
  readonly moveWeight: number;
  /** Returns in each round, singles, extra meetings, same-group pairs and moves, kept up to date. */
  readonly returns: Int32Array;
  readonly totals = { away: 0, singles: 0, extra: 0, same: 0, moves: 0 };
  /** The last delta's parts: its returns key and the changes of the other totals. */
  private readonly parts = { away: 0, singles: 0, extra: 0, same: 0, moves: 0 };
  private readonly weightOfRound: number[];
  private readonly scratch: Int32Array;
  /** Per round and presence class, the questions at open tables that take that class. */
  private readonly offered: number[][][];
  /**
   * Caches of `joinCost` (per round, person, table) and `leaveGain` (per round and person), valid
   * while their stamp equals `version`, which every change of a seat moves on: evaluating all the
   * steps from one plan reads each many times.
   */
  private version = 1;
  private readonly joinStamp: Int32Array;
  private readonly joinValue: Int32Array;
  private readonly leaveStamp: Int32Array;
  private readonly leaveValue: Int32Array;

  constructor(
    readonly rounds: readonly ScheduleRound[],
    private readonly freedom: ScheduleFreedom = {},
  ) {
    const first = rounds[0]!.problem;
    this.R = rounds.length;
    this.n = first.n;
    this.nt = first.nt;
    this.nq = first.nq;
    this.G = Math.max(1, first.groupNames.length);
    this.moveWeight = first.moveWeight;
    const { R, n, nt, G } = this;
    this.tableOf = new Int32Array(R * n).fill(-1);
    this.size = new Int32Array(R * nt);
    this.members = [];
    for (let r = 0; r < R; r++) {
      const { cap } = rounds[r]!.problem;
      const starting = new Int32Array(nt);
      for (const t of rounds[r]!.start) if (t >= 0) starting[t]!++;
      for (let t = 0; t < nt; t++)
        this.members.push(new Int32Array(Math.max(cap[t]!, rounds[r]!.sizes.hi[t]!, rounds[r]!.sizes.anchored[t]!, starting[t]!) + 1));
    }
    this.slot = new Int32Array(R * n);
    this.groupCount = new Int32Array(R * nt * G);
    this.groupsAt = new Int32Array(R * nt);
    this.meet = new Uint8Array(n * n);
    for (let a = 0; a < n; a++) for (let i = first.nbrStart[a]!; i < first.nbrStart[a + 1]!; i++) this.meet[a * n + first.nbr[i]!] = 1;
    this.questionOf = new Int32Array(R * n).fill(-1);
    this.roundOf = new Int32Array(n * this.nq).fill(-1);
    this.anchored = new Uint8Array(R * n);
    this.seenBefore = first.seen;
    this.returns = new Int32Array(R);
    this.weightOfRound = Array.from({ length: R }, (_, r) => RETURN_BASE ** (R - 1 - r));
    this.scratch = new Int32Array(R);
    this.joinStamp = new Int32Array(R * n * nt);
    this.joinValue = new Int32Array(R * n * nt);
    this.leaveStamp = new Int32Array(R * n);
    this.leaveValue = new Int32Array(R * n);
    this.offered = rounds.map(({ problem }) =>
      [0, 1].map((c) => {
        const qs = new Set<number>();
        for (let t = 0; t < nt; t++) if (problem.open[t] && fitsKind(problem.kind[t]!, c)) qs.add(problem.question[t]!);
        return [...qs];
      }),
    );
    for (let r = 0; r < R; r++) {
      const start = rounds[r]!.start;
      for (let p = 0; p < n; p++) if (start[p]! >= 0) this.place(r, p, start[p]!);
    }
    this.recount();
  }

  /** Totals counted from scratch. */
  recount() {
    const { R, n, nt, G } = this;
    this.returns.fill(0);
    for (let p = 0; p < n; p++) for (let r = 0; r < R; r++) if (this.returnsIn(p, r, -1, -1)) this.returns[r]!++;
    let singles = 0;
    for (let r = 0; r < R; r++) for (let t = 0; t < nt; t++) if (this.single(r, t)) singles++;
    let extra = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) extra += Math.max(0, this.meet[a * n + b]! - 1);
    let same = 0;
    for (let i = 0; i < R * nt * G; i++) same += (this.groupCount[i]! * (this.groupCount[i]! - 1)) / 2;
    let moves = 0;
    let away = 0;
    for (let r = 0; r < R; r++) {
      for (let p = 0; p < n; p++) {
        const t = this.tableOf[r * n + p]!;
        if (t < 0) continue;
        moves += this.moved(r, p, t);
        away += this.away(r, p, t);
      }
    }
    Object.assign(this.totals, { away, singles, extra, same, moves });
  }

  private place(r: number, p: number, t: number) {
    this.version++;
    const { n, nt, G } = this;
    const rt = r * nt + t;
    const list = this.members[rt]!;
    for (let i = 0; i < this.size[rt]!; i++) {
      const x = list[i]!;
      this.meet[p * n + x]!++;
      this.meet[x * n + p]!++;
    }
    this.tableOf[r * n + p] = t;
    this.slot[r * n + p] = this.size[rt]!;
    list[this.size[rt]!++] = p;
    const problem = this.rounds[r]!.problem;
    if (this.groupCount[rt * G + problem.group[p]!]!++ === 0) this.groupsAt[rt]!++;
    this.questionOf[r * n + p] = problem.question[t]!;
    this.roundOf[p * this.nq + problem.question[t]!] = r;
    this.anchored[r * n + p] = problem.anchor[p] === t ? 1 : 0;
  }

  private remove(r: number, p: number) {
    this.version++;
    const { n, nt, G } = this;
    const t = this.tableOf[r * n + p]!;
    const rt = r * nt + t;
    const list = this.members[rt]!;
    const last = list[--this.size[rt]!]!;
    list[this.slot[r * n + p]!] = last;
    this.slot[r * n + last] = this.slot[r * n + p]!;
    this.tableOf[r * n + p] = -1;
    for (let i = 0; i < this.size[rt]!; i++) {
      const x = list[i]!;
      this.meet[p * n + x]!--;
      this.meet[x * n + p]!--;
    }
    if (--this.groupCount[rt * G + this.rounds[r]!.problem.group[p]!]! === 0) this.groupsAt[rt]!--;
    const q = this.questionOf[r * n + p]!;
    if (this.roundOf[p * this.nq + q] === r) this.roundOf[p * this.nq + q] = -1;
    this.questionOf[r * n + p] = -1;
  }

  private single(r: number, t: number): boolean {
    const rt = r * this.nt + t;
    return this.size[rt]! >= 2 && this.groupsAt[rt] === 1;
  }

  private traveller(r: number, p: number): boolean {
    return this.tableOf[r * this.n + p]! >= 0 && !this.anchored[r * this.n + p];
  }

  /**
   * Whether p, travelling in round r, is back at a question discussed before: in history or in an
   * earlier round of the plan. With `round` >= 0, as if p discussed `question` in that round instead.
   */
  private returnsIn(p: number, r: number, round: number, question: number): boolean {
    const { n, nq } = this;
    if (!this.traveller(r, p)) return false;
    const q = r === round ? question : this.questionOf[r * n + p]!;
    if (this.seenBefore[p * nq + q]) return true;
    for (let s = 0; s < r; s++) if ((s === round ? question : this.questionOf[s * n + p]) === q) return true;
    return false;
  }

  /** The change in p's returns, round by round (into `out`), if p discussed `question` in round r. */
  private questionChange(p: number, r: number, question: number, out: Int32Array) {
    if (this.questionOf[r * this.n + p] === question) return;
    for (let s = r; s < this.R; s++) out[s]! += Number(this.returnsIn(p, s, r, question)) - Number(this.returnsIn(p, s, -1, -1));
  }

  /** The returns change as one number ordered like the rounds: a fewer return in an earlier round outweighs any later change. */
  private returnsKey(out: Int32Array): number {
    let key = 0;
    for (let s = 0; s < this.R; s++) if (out[s]) key += out[s]! * this.weightOfRound[s]!;
    return key;
  }

  /** 1 for a host or pin who gave up their seat and sits away from their (open) table. */
  private away(r: number, p: number, t: number): number {
    const wish = this.rounds[r]!.problem.wish[p]!;
    return wish >= 0 && wish !== t ? 1 : 0;
  }

  private moved(r: number, p: number, t: number): number {
    const prev = this.rounds[r]!.problem.prev[p]!;
    return prev >= 0 && prev !== t ? 1 : 0;
  }

  /** Extra meetings p adds joining u (`except` leaving it), and those p's leaving their table takes away. */
  private joinCost(r: number, p: number, u: number, except: number): number {
    const { n, nt } = this;
    const i = (r * n + p) * nt + u;
    if (this.joinStamp[i] !== this.version) {
      const list = this.members[r * nt + u]!;
      let c = 0;
      for (let k = 0; k < this.size[r * nt + u]!; k++) if (this.meet[p * n + list[k]!]! >= 1) c++;
      this.joinValue[i] = c;
      this.joinStamp[i] = this.version;
    }
    return this.joinValue[i]! - (except >= 0 && this.meet[p * n + except]! >= 1 ? 1 : 0);
  }

  private leaveGain(r: number, p: number, t: number): number {
    const { n, nt } = this;
    const i = r * n + p;
    if (this.leaveStamp[i] !== this.version) {
      const list = this.members[r * nt + t]!;
      let c = 0;
      for (let k = 0; k < this.size[r * nt + t]!; k++) {
        const x = list[k]!;
        if (x !== p && this.meet[p * n + x]! >= 2) c++;
      }
      this.leaveValue[i] = c;
      this.leaveStamp[i] = this.version;
    }
    return this.leaveValue[i]!;
  }

  private weigh(away: number, returnsKey: number, singles: number, extra: number, same: number, moves: number): number {
    const parts = this.parts;
    parts.away = away;
    parts.singles = singles;
    parts.extra = extra;
    parts.same = same;
    parts.moves = moves;
    return away * W_AWAY + returnsKey * W_SEEN + singles * W_SINGLE + extra * W_PAIR + same * W_GROUP + moves * this.moveWeight;
  }

  deltaSwap(r: number, p: number, q: number): number {
    const { n, nt, G } = this;
    const t = this.tableOf[r * n + p]!;
    const u = this.tableOf[r * n + q]!;
    const { question, group } = this.rounds[r]!.problem;
    const extra = this.joinCost(r, p, u, q) - this.leaveGain(r, p, t) + this.joinCost(r, q, t, p) - this.leaveGain(r, q, u);
    let key = 0;
    if (question[t] !== question[u]) {
      const out = this.scratch;
      out.fill(0);
      this.questionChange(p, r, question[u]!, out);
      this.questionChange(q, r, question[t]!, out);
      key = this.returnsKey(out);
    }
    const gp = group[p]!;
    const gq = group[q]!;
    let same = 0;
    let singles = 0;
    if (gp !== gq) {
      const rt = r * nt + t;
      const ru = r * nt + u;
      same = this.groupCount[ru * G + gp]! - (this.groupCount[rt * G + gp]! - 1) + this.groupCount[rt * G + gq]! - (this.groupCount[ru * G + gq]! - 1);
      const tGroups = this.groupsAt[rt]! - (this.groupCount[rt * G + gp] === 1 ? 1 : 0) + (this.groupCount[rt * G + gq] === 0 ? 1 : 0);
      const uGroups = this.groupsAt[ru]! - (this.groupCount[ru * G + gq] === 1 ? 1 : 0) + (this.groupCount[ru * G + gp] === 0 ? 1 : 0);
      singles =
        (this.size[rt]! >= 2 && tGroups === 1 ? 1 : 0) +
        (this.size[ru]! >= 2 && uGroups === 1 ? 1 : 0) -
        (this.single(r, t) ? 1 : 0) -
        (this.single(r, u) ? 1 : 0);
    }
    const moves = this.moved(r, p, u) + this.moved(r, q, t) - this.moved(r, p, t) - this.moved(r, q, u);
    const away = this.away(r, p, u) + this.away(r, q, t) - this.away(r, p, t) - this.away(r, q, u);
    return this.weigh(away, key, singles, extra, same, moves);
  }

  deltaMove(r: number, p: number, u: number): number {
    const { n, nt, G } = this;
    const t = this.tableOf[r * n + p]!;
    const { question, group } = this.rounds[r]!.problem;
    const g = group[p]!;
    const rt = r * nt + t;
    const ru = r * nt + u;
    const extra = this.joinCost(r, p, u, -1) - this.leaveGain(r, p, t);
    let key = 0;
    if (question[t] !== question[u]) {
      const out = this.scratch;
      out.fill(0);
      this.questionChange(p, r, question[u]!, out);
      key = this.returnsKey(out);
    }
    const tSize = this.size[rt]! - 1;
    const tGroups = this.groupsAt[rt]! - (this.groupCount[rt * G + g] === 1 ? 1 : 0);
    const uSize = this.size[ru]! + 1;
    const uGroups = this.groupsAt[ru]! + (this.groupCount[ru * G + g] === 0 ? 1 : 0);
    const singles = (tSize >= 2 && tGroups === 1 ? 1 : 0) + (uSize >= 2 && uGroups === 1 ? 1 : 0) - (this.single(r, t) ? 1 : 0) - (this.single(r, u) ? 1 : 0);
    const same = this.groupCount[ru * G + g]! - this.groupCount[rt * G + g]! + 1;
    return this.weigh(this.away(r, p, u) - this.away(r, p, t), key, singles, extra, same, this.moved(r, p, u) - this.moved(r, p, t));
  }

  /** Applies the parts of the delta just computed, and the returns as counted afresh for the two people. */
  private commit(r: number, people: readonly number[], apply: () => void) {
    const { away, singles, extra, same, moves } = this.parts;
    const before = new Int32Array(this.R);
    for (const p of people) for (let s = r; s < this.R; s++) before[s]! += Number(this.returnsIn(p, s, -1, -1));
    apply();
    for (const p of people) for (let s = r; s < this.R; s++) this.returns[s]! += Number(this.returnsIn(p, s, -1, -1));
    for (let s = r; s < this.R; s++) this.returns[s]! -= before[s]!;
    this.totals.away += away;
    this.totals.singles += singles;
    this.totals.extra += extra;
    this.totals.same += same;
    this.totals.moves += moves;
  }

  swap(r: number, p: number, q: number) {
    this.deltaSwap(r, p, q);
    const t = this.tableOf[r * this.n + p]!;
    const u = this.tableOf[r * this.n + q]!;
    this.commit(r, [p, q], () => {
      this.remove(r, p);
      this.remove(r, q);
      this.place(r, p, u);
      this.place(r, q, t);
    });
  }

  move(r: number, p: number, u: number) {
    this.deltaMove(r, p, u);
    this.commit(r, [p], () => {
      this.remove(r, p);
      this.place(r, p, u);
    });
  }

  /**
   * A round other than r where p and q discuss each other's round-r questions: exchanging them in
   * both rounds keeps the questions each of them discusses and only changes when, so where a lone
   * exchange would send one of them back to a question, this pair of exchanges does not. -1 if none.
   */
  crossedRound(r: number, p: number, q: number): number {
    const { n, R } = this;
    const a = this.questionOf[r * n + p]!;
    const b = this.questionOf[r * n + q]!;
    if (a === b) return -1;
    const s = this.roundOf[p * this.nq + b]!;
    if (s < 0 || s === r || s >= R || this.questionOf[s * n + q] !== a || !this.canSwap(s, p, q)) return -1;
    return s;
  }

  /** The change from exchanging p and q in round r and again in round s (see `crossedRound`). */
  deltaCrossed(r: number, s: number, p: number, q: number): number {
    const first = this.deltaSwap(r, p, q);
    this.swap(r, p, q);
    const second = this.deltaSwap(s, p, q);
    this.swap(r, p, q);
    return first + second;
  }

  canSwap(r: number, p: number, q: number): boolean {
    const { n } = this;
    const t = this.tableOf[r * n + p]!;
    const u = this.tableOf[r * n + q]!;
    if (t === u || t < 0 || u < 0 || !this.traveller(r, p) || !this.traveller(r, q)) return false;
    const { kind, presence } = this.rounds[r]!.problem;
    return fitsKind(kind[u]!, presence[p]!) && fitsKind(kind[t]!, presence[q]!);
  }

  canMove(r: number, p: number, u: number): boolean {
    const t = this.tableOf[r * this.n + p]!;
    const { kind, presence, open } = this.rounds[r]!.problem;
    const { lo, hi } = this.rounds[r]!.sizes;
    if (this.freedom.acrossKinds && t !== u && open[u] === 1 && kind[t] !== kind[u] && fitsKind(kind[u]!, presence[p]!)) return this.canShift(r, t, u);
    return (
      t !== u &&
      open[u] === 1 &&
      kind[t] === kind[u] &&
      fitsKind(kind[u]!, presence[p]!) &&
      this.size[r * this.nt + t]! > lo[t]! &&
      this.size[r * this.nt + u]! < hi[u]!
    );
  }

  /**
   * Whether one traveller may go from t to u of another kind, as the rules judge sizes: u stays within
   * its capacity, t keeps its minimum, and the tables of each kind stay within one person of each
   * other. Anchors never move, so a table they hold above the rest is left alone.
   */
  private canShift(r: number, t: number, u: number): boolean {
    const { nt } = this;
    const { kind, open, cap, minSize } = this.rounds[r]!.problem;
    const { anchored } = this.rounds[r]!.sizes;
    const sizeT = this.size[r * nt + t]! - 1;
    const sizeU = this.size[r * nt + u]! + 1;
    if (sizeU > cap[u]! || sizeT < minSize[t]! || sizeT < anchored[t]!) return false;
    for (let v = 0; v < nt; v++) {
      if (!open[v] || v === t || v === u) continue;
      const size = this.size[r * nt + v]!;
      if (kind[v] === kind[t] && size - sizeT > 1 && size > anchored[v]!) return false;
      if (kind[v] === kind[u] && sizeU - size > 1) return false;
    }
    return true;
  }

  /** Whether p, travelling in round r, is part of something worth fixing. */
  conflicted(r: number, p: number): boolean {
    const { n, nt } = this;
    const t = this.tableOf[r * n + p]!;
    if (t < 0 || !this.traveller(r, p)) return false;
    if (this.single(r, t) || (this.returnsIn(p, r, -1, -1) && this.couldAvoidReturn(r, p))) return true;
    const list = this.members[r * nt + t]!;
    for (let i = 0; i < this.size[r * nt + t]!; i++) {
      const x = list[i]!;
      if (x !== p && this.meet[p * n + x]! >= 2) return true;
    }
    return false;
  }

  /** Whether some open table p fits in round r asks a question p had not discussed before that round. */
  private couldAvoidReturn(r: number, p: number): boolean {
    const { n, nq } = this;
    const problem = this.rounds[r]!.problem;
    for (const q of this.offered[r]![problem.presence[p]!]!) {
      if (this.seenBefore[p * nq + q]) continue;
      let earlier = false;
      for (let s = 0; s < r && !earlier; s++) if (this.questionOf[s * n + p] === q) earlier = true;
      if (!earlier) return true;
    }
    return false;
  }

  /** The objectives as one number (returns by their total), for aspiration. */
  weighted(): number {
    let returns = 0;
    for (const x of this.returns) returns += x;
    const { away, singles, extra, same, moves } = this.totals;
    return away * W_AWAY + returns * W_SEEN + singles * W_SINGLE + extra * W_PAIR + same * W_GROUP + moves * this.moveWeight;
  }

  /** The objectives over the whole plan, highest first: returns, single-group tables, extra meetings, then the mix and moves. */
  score(): number[] {
    const { away, singles, extra, same, moves } = this.totals;
    let returns = 0;
    for (const x of this.returns) returns += x;
    return this.moveWeight >= Weight.repairMove ? [away, returns, singles, extra, moves, same] : [away, returns, singles, extra, same, moves];
  }

  snapshot(): Int32Array {
    return Int32Array.from(this.tableOf);
  }

  restore(tables: Int32Array) {
    const { R, n } = this;
    for (let r = 0; r < R; r++) for (let p = 0; p < n; p++) if (this.tableOf[r * n + p]! >= 0) this.remove(r, p);
    for (let r = 0; r < R; r++) for (let p = 0; p < n; p++) if (tables[r * n + p]! >= 0) this.place(r, p, tables[r * n + p]!);
    this.recount();
  }
}

/**
 * Runs the tabu search and leaves the schedule at the best plan found (by `score`). Stops early once
 * nothing is in conflict (no return, single-group table or extra meeting is left to fix).
 */
export function tabuSearch(schedule: Schedule, { budget, rng }: ScheduleOptions): void {
  const { R, n, nt } = schedule;
  // Tabu are exchanges of a pair in a round (and moves of a person in a round, keyed with itself).
  const tabu = new Int32Array(R * n * n);
  const key = (r: number, p: number, q: number) => (r * n + Math.min(p, q)) * n + Math.max(p, q);
  let best = schedule.snapshot();
  let bestScore = schedule.score();
  let bestWeighted = schedule.weighted();
  let current = bestWeighted;
  let spent = 0;
  let stall = 0;
  let fruitless = 0;
  const candidates: number[] = [];
  let chosen = { r: -1, p: -1, q: -1, u: -1, delta: 0, s: -1 };
  let ties = 0;
  for (let step = 1; spent < budget; step++) {
    candidates.length = 0;
    for (let r = 0; r < R; r++) for (let p = 0; p < n; p++) if (schedule.conflicted(r, p)) candidates.push(r * n + p);
    if (!candidates.length) break;
    chosen.r = -1;
    ties = 0;
    const consider = (r: number, p: number, q: number, u: number, delta: number, s = -1) => {
      // A step that sends someone back in an earlier round than it spares one is never taken.
      if (delta > W_SEEN / 2) return;
      const isTabu = tabu[key(r, p, q >= 0 ? q : p)]! > step;
      // Aspiration: a tabu step is taken anyway when it leads to a plan better than the best so far.
      if (isTabu && current + delta >= bestWeighted) return;
      if (chosen.r < 0 || delta < chosen.delta) {
        chosen = { r, p, q, u, delta, s };
        ties = 1;
      } else if (delta === chosen.delta && rng.int(++ties) === 0) chosen = { r, p, q, u, delta, s };
    };
    for (const rp of candidates) {
      const r = Math.floor(rp / n);
      const p = rp % n;
      const t = schedule.tableOf[rp]!;
      for (let u = 0; u < nt; u++) {
        if (u === t) continue;
        const size = schedule.size[r * nt + u]!;
        spent += size + 1;
        if (schedule.canMove(r, p, u)) consider(r, p, -1, u, schedule.deltaMove(r, p, u));
        // A copy: trying a crossed exchange swaps and swaps back, which reorders the table's list.
        const list = schedule.members[r * nt + u]!.slice(0, size);
        for (const q of list) {
          if (!schedule.canSwap(r, p, q)) continue;
          const delta = schedule.deltaSwap(r, p, q);
          if (delta <= W_SEEN / 2) {
            consider(r, p, q, u, delta);
            continue;
          }
          // Refused for a return: the same exchange in a round where their questions are the other way round may not be.
          const s = schedule.crossedRound(r, p, q);
          if (s < 0) continue;
          spent += 4 * (size + 1);
          consider(r, p, q, u, schedule.deltaCrossed(r, s, p, q), s);
        }
      }
    }
    if (chosen.r < 0) {
      tabu.fill(0);
      if (++stall > STALL) break;
      continue;
    }
    const { r, p, q, u } = chosen;
    if (q >= 0) schedule.swap(r, p, q);
    else schedule.move(r, p, u);
    if (chosen.s >= 0) schedule.swap(chosen.s, p, q);
    tabu[key(r, p, q >= 0 ? q : p)] = step + TENURE_MIN + rng.int(TENURE_SPREAD);
    current = schedule.weighted();
    bestWeighted = Math.min(bestWeighted, current);
    const score = schedule.score();
    if (compareScores(score, bestScore) < 0) {
      best = schedule.snapshot();
      bestScore = score;
      stall = 0;
      fruitless = 0;
    } else if (++stall > STALL) {
      // Back to the best, shaken a little.
      if (++fruitless > FRUITLESS_SHAKES) break;
      schedule.restore(best);
      for (let k = 0; k < SHAKE; k++) shake(schedule, rng);
      current = schedule.weighted();
      tabu.fill(0);
      stall = 0;
    }
  }
  schedule.restore(best);
}

function shake(schedule: Schedule, rng: Rng) {
  const { R, n } = schedule;
  for (let tries = 0; tries < 50; tries++) {
    const r = rng.int(R);
    const p = rng.int(n);
    const q = rng.int(n);
    if (!schedule.canSwap(r, p, q)) continue;
    // A shake may cost meetings and mix, never a return.
    if (schedule.deltaSwap(r, p, q) >= Weight.singleGroup) continue;
    schedule.swap(r, p, q);
    return;
  }
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
