import { regularShape } from './designs.ts';
import type { Rng } from './prng.ts';
import type { ScheduleRound } from './schedule.ts';
import { Weight } from './weights.ts';

/**
 * A starting plan for regular cafés where the rules, not the pairs, are what is tight: a social
 * golfer search (Dotú & Van Hentenryck's tabu over exchanges within a round) in which a repeated
 * meeting, a traveller back at a question and a single-group table all cost the same, one each.
 *
 * Why a search of its own: the whole-plan search ranks a return far above a repeat and never takes
 * a step that adds one, so it cannot walk through plans with a return on the way to a plan with
 * neither. On 30 people at 6 hosted tables of 5 over 5 rounds (one question per table) that left it
 * at 3 extra meetings, although zero exists: hosts stay, so the 24 travellers must form the social
 * golfer instance 6-4-5 while never visiting a table twice, which is what a host repeat would be.
 * Weighing both alike, this search finds such a plan in a few thousand steps.
 *
 * It returns a plan only when it found one with nothing to fix (no repeat, return or single-group
 * table against the rounds before); the mix is then improved by exchanging the whole schedules of
 * two travellers who are alike to the rules (same presence, same questions discussed, nobody met),
 * which changes who sits where but no rule nor pair count. Work is counted in exchanges evaluated
 * times the table size, never timed.
 */
export function golferStart(rounds: readonly ScheduleRound[], rng: Rng, budget: number): Int32Array[] | null {
  const shape = regularShape(rounds);
  if (!shape || rounds.length < 2) return null;
  const first = rounds[0]!.problem;
  const { n, nq, seen, group, question } = first;
  const tables = shape.tables;
  const T = tables.length;
  // At one table nobody can be exchanged: every round repeats every pair.
  if (T < 2) return null;
  const s = shape.s;
  const R = rounds.length;
  // Travellers only: anchors sit at their table every round.
  const travellers = shape.people.filter((p) => !shape.anchors.has(p));
  if (travellers.length < 2) return null;
  const anchorsAt: number[][] = tables.map(() => []);
  for (const [p, t] of shape.anchors) anchorsAt[tables.indexOf(t)]!.push(p);
  const free = anchorsAt.map((a) => s - a.length);
  if (free.some((f) => f < 0)) return null;
  // Returns are weighed only when every traveller could avoid them all: R questions new to each.
  const offered = [...new Set(tables.map((t) => question[t]!))];
  const questionsMatter = travellers.every((p) => offered.filter((q) => !seen[p * nq + q]).length >= R);

  // State: each round's table (index into `tables`) per traveller, the meetings per pair (earlier rounds once).
  const tableOf = new Int32Array(R * n).fill(-1);
  const members: Int32Array[] = [];
  const size = new Int32Array(R * T);
  const meet = new Uint8Array(n * n);
  for (let a = 0; a < n; a++) for (let i = first.nbrStart[a]!; i < first.nbrStart[a + 1]!; i++) meet[a * n + first.nbr[i]!] = 1;
  const G = Math.max(1, first.groupNames.length);
  const groupCount = new Int32Array(R * T * G);
  const groupsAt = new Int32Array(R * T);
  // Times each traveller discusses each question: earlier rounds, then the plan.
  const asked = new Uint8Array(n * nq);
  for (const p of travellers) for (let q = 0; q < nq; q++) asked[p * nq + q] = seen[p * nq + q]!;

  const join = (r: number, p: number, k: number) => {
    const rk = r * T + k;
    const list = members[rk]!;
    for (let i = 0; i < size[rk]!; i++) {
      meet[p * n + list[i]!]!++;
      meet[list[i]! * n + p]!++;
    }
    list[size[rk]!++] = p;
    tableOf[r * n + p] = k;
    if (groupCount[rk * G + group[p]!]!++ === 0) groupsAt[rk]!++;
    if (!shape.anchors.has(p)) asked[p * nq + question[tables[k]!]!]!++;
  };
  const leave = (r: number, p: number) => {
    const k = tableOf[r * n + p]!;
    const rk = r * T + k;
    const list = members[rk]!;
    const at = list.indexOf(p);
    list[at] = list[--size[rk]!]!;
    for (let i = 0; i < size[rk]!; i++) {
      meet[p * n + list[i]!]!--;
      meet[list[i]! * n + p]!--;
    }
    tableOf[r * n + p] = -1;
    if (--groupCount[rk * G + group[p]!]! === 0) groupsAt[rk]!--;
    if (!shape.anchors.has(p)) asked[p * nq + question[tables[k]!]!]!--;
  };
  for (let r = 0; r < R; r++) for (let k = 0; k < T; k++) members.push(new Int32Array(s));
  // A random start: anchors at their tables, travellers dealt to the free seats.
  for (let r = 0; r < R; r++) {
    tables.forEach((_, k) => anchorsAt[k]!.forEach((p) => join(r, p, k)));
    const order = [...travellers];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let k = 0;
    for (const p of order) {
      while (size[r * T + k]! >= s) k++;
      join(r, p, k);
    }
  }

  const single = (rk: number, groups: number) => (size[rk]! >= 2 && groups === 1 ? 1 : 0);
  const cost = () => {
    let c = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) c += Math.max(0, meet[a * n + b]! - 1);
    if (questionsMatter) for (const p of travellers) for (let q = 0; q < nq; q++) c += Math.max(0, asked[p * nq + q]! - 1);
    for (let rk = 0; rk < R * T; rk++) c += single(rk, groupsAt[rk]!);
    return c;
  };
  const conflicted = (r: number, p: number) => {
    const k = tableOf[r * n + p]!;
    const rk = r * T + k;
    if (questionsMatter && asked[p * nq + question[tables[k]!]!]! >= 2) return true;
    if (single(rk, groupsAt[rk]!)) return true;
    const list = members[rk]!;
    for (let i = 0; i < size[rk]!; i++) if (list[i] !== p && meet[p * n + list[i]!]! >= 2) return true;
    return false;
  };
  const delta = (r: number, p: number, q: number) => {
    const k = tableOf[r * n + p]!;
    const l = tableOf[r * n + q]!;
    const rk = r * T + k;
    const rl = r * T + l;
    let d = 0;
    const a = members[rk]!;
    for (let i = 0; i < size[rk]!; i++) {
      const x = a[i]!;
      if (x === p) continue;
      if (meet[p * n + x]! >= 2) d--;
      if (meet[q * n + x]! >= 1) d++;
    }
    const b = members[rl]!;
    for (let i = 0; i < size[rl]!; i++) {
      const x = b[i]!;
      if (x === q) continue;
      if (meet[q * n + x]! >= 2) d--;
      if (meet[p * n + x]! >= 1) d++;
    }
    const qk = question[tables[k]!]!;
    const ql = question[tables[l]!]!;
    if (questionsMatter && qk !== ql) {
      d += (asked[p * nq + ql]! >= 1 ? 1 : 0) - (asked[p * nq + qk]! >= 2 ? 1 : 0);
      d += (asked[q * nq + qk]! >= 1 ? 1 : 0) - (asked[q * nq + ql]! >= 2 ? 1 : 0);
    }
    const gp = group[p]!;
    const gq = group[q]!;
    if (gp !== gq) {
      const kGroups = groupsAt[rk]! - (groupCount[rk * G + gp] === 1 ? 1 : 0) + (groupCount[rk * G + gq] === 0 ? 1 : 0);
      const lGroups = groupsAt[rl]! - (groupCount[rl * G + gq] === 1 ? 1 : 0) + (groupCount[rl * G + gp] === 0 ? 1 : 0);
      d += single(rk, kGroups) + single(rl, lGroups) - single(rk, groupsAt[rk]!) - single(rl, groupsAt[rl]!);
    }
    return d;
  };
  const exchange = (r: number, p: number, q: number) => {
    const k = tableOf[r * n + p]!;
    const l = tableOf[r * n + q]!;
    leave(r, p);
    leave(r, q);
    join(r, p, l);
    join(r, q, k);
  };

  const tabu = new Int32Array(R * n * n);
  const key = (r: number, p: number, q: number) => (r * n + Math.min(p, q)) * n + Math.max(p, q);
  let current = cost();
  let best = current;
  let sinceBest = 0;
  let spent = 0;
  const moves: number[] = [];
  for (let step = 1; current > 0 && spent < budget; step++) {
    let bestDelta = Infinity;
    let candidates = 0;
    moves.length = 0;
    // Every step costs its scan, so a step with nothing to try still spends.
    spent += R * travellers.length;
    for (let r = 0; r < R; r++) {
      for (const p of travellers) {
        if (!conflicted(r, p)) continue;
        candidates++;
        const k = tableOf[r * n + p]!;
        for (const q of travellers) {
          if (tableOf[r * n + q] === k) continue;
          spent += s;
          const d = delta(r, p, q);
          if (tabu[key(r, p, q)]! > step && current + d >= best) continue;
          if (d < bestDelta) {
            bestDelta = d;
            moves.length = 0;
          }
          if (d === bestDelta) moves.push(r, p, q);
        }
      }
    }
    // Nothing a traveller can change (a table of anchors alone of one group, say): no plan without conflicts.
    if (!candidates) return null;
    if (!moves.length) continue;
    const m = 3 * rng.int(moves.length / 3);
    const [r, p, q] = [moves[m]!, moves[m + 1]!, moves[m + 2]!];
    exchange(r, p, q);
    current += bestDelta;
    tabu[key(r, p, q)] = step + TENURE_MIN + rng.int(TENURE_SPREAD);
    if (current < best) {
      best = current;
      sinceBest = 0;
    } else if (++sinceBest > STALL) {
      // Stuck: a few random exchanges, and the stalled level forgotten.
      for (let i = 0; i < SHAKE; i++) {
        const r2 = rng.int(R);
        const a = travellers[rng.int(travellers.length)]!;
        const b = travellers[rng.int(travellers.length)]!;
        if (tableOf[r2 * n + a] === tableOf[r2 * n + b]) continue;
        current += delta(r2, a, b);
        exchange(r2, a, b);
      }
      best = current;
      sinceBest = 0;
    }
  }
  if (current > 0) return null;
  mixTravellers(travellers, R, n, tableOf, members, size, T, group, seen, nq, first.nbrStart, first.presence, rng);
  return Array.from({ length: R }, (_, r) => {
    const out = new Int32Array(n).fill(-1);
    for (let p = 0; p < n; p++) if (tableOf[r * n + p]! >= 0) out[p] = tables[tableOf[r * n + p]!]!;
    return out;
  });
}

const TENURE_MIN = 4;
const TENURE_SPREAD = 30;
/** Steps without a new best before a shake. */
const STALL = 2_000;
const SHAKE = 10;
/** Exchanges of two travellers' schedules tried per traveller when mixing. */
const MIX_TRIES = 100;

/**
 * Exchanges the whole schedules of two travellers alike to the rules (same presence, same questions
 * discussed before, nobody met before) while that lowers the same-group pairs and adds no
 * single-group table: the pairs, returns and sizes are those of the schedule's positions, not of
 * who holds them.
 */
function mixTravellers(
  travellers: readonly number[],
  R: number,
  n: number,
  tableOf: Int32Array,
  members: readonly Int32Array[],
  size: Int32Array,
  T: number,
  group: Int32Array,
  seen: Uint8Array,
  nq: number,
  nbrStart: Int32Array,
  presence: Uint8Array,
  rng: Rng,
) {
  const profile = (p: number) => `${presence[p]}:${nbrStart[p + 1]! - nbrStart[p]!}:${seen.subarray(p * nq, (p + 1) * nq).join('')}`;
  const alike = travellers.filter((p) => nbrStart[p + 1] === nbrStart[p]);
  const profiles = new Map(alike.map((p) => [p, profile(p)]));
  if (alike.length < 2) return;
  // Same-group pairs and single-group tables at the tables a and b sit at, over every round.
  const tableCost = (rk: number) => {
    const counts = new Map<number, number>();
    const list = members[rk]!;
    for (let i = 0; i < size[rk]!; i++) counts.set(group[list[i]!]!, (counts.get(group[list[i]!]!) ?? 0) + 1);
    let same = 0;
    for (const c of counts.values()) same += (c * (c - 1)) / 2;
    return (counts.size === 1 && size[rk]! >= 2 ? Weight.singleGroup : 0) + same * Weight.sameGroup;
  };
  const around = (a: number, b: number) => {
    let c = 0;
    for (let r = 0; r < R; r++) {
      const k = tableOf[r * n + a]!;
      const l = tableOf[r * n + b]!;
      c += tableCost(r * T + k) + (l !== k ? tableCost(r * T + l) : 0);
    }
    return c;
  };
  const trade = (a: number, b: number) => {
    for (let r = 0; r < R; r++) {
      const k = tableOf[r * n + a]!;
      const l = tableOf[r * n + b]!;
      if (k === l) continue;
      const ka = members[r * T + k]!;
      const lb = members[r * T + l]!;
      ka[ka.indexOf(a)] = b;
      lb[lb.indexOf(b)] = a;
      tableOf[r * n + a] = l;
      tableOf[r * n + b] = k;
    }
  };
  for (let i = 0; i < MIX_TRIES * alike.length; i++) {
    const a = alike[rng.int(alike.length)]!;
    const b = alike[rng.int(alike.length)]!;
    if (group[a] === group[b] || profiles.get(a) !== profiles.get(b)) continue;
    const before = around(a, b);
    trade(a, b);
    if (around(a, b) > before) trade(a, b);
  }
}
